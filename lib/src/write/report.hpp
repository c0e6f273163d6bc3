#pragma once
// Internal: the sections of the yearly report (`report`), each written in Markdown.

#include <optional>
#include <string>
#include <vector>

#include "write/table.hpp"
#include "write/xlsx.hpp"
#include "xingji/run.hpp"

namespace xingji::detail {

/// The report as its sections write it: the Markdown, and each `##` section's tables with
/// the prose around them, which the workbook (`report --format xlsx`) lays out as sheets.
class ReportOut {
 public:
  /// The Markdown so far: what only the Markdown shows (the opening lines, 无。) goes here.
  std::string md;
  /// The `##` sections so far; a section's tables with the lines said around them.
  std::vector<Sheet> sections;

  /// Starts a `##` section.
  void section(const std::string& title);
  /// Starts a `###` part of the section, whose table is shown under this title.
  void subsection(const std::string& title);
  /// A paragraph as it is written in Markdown (with its line ends); in the workbook, lines
  /// under the section's current table.
  void text(std::string_view paragraph);
  /// A table of the section: Markdown, and the section's next table.
  void table(const TextTable& t);
  /// 无。 where a section has nothing to list; `md` is how the Markdown says it.
  void none(std::string_view md);

  /// With `html` set (`report --format html`), every part is written as HTML too: what comes
  /// before the first section in `html_head`, then each section's body (after its heading) in
  /// `html_sections`, one per section.
  bool html = false;
  std::string html_head;
  std::vector<std::string> html_sections;

 private:
  std::string& html_out() { return html_sections.empty() ? html_head : html_sections.back(); }
};

/// The report's sections (and with `html`, each also as HTML).
[[nodiscard]] ReportOut build_report(const Run& run, bool html = false);
/// The report as one self-contained HTML document: every section, with charts.
[[nodiscard]] std::string report_html(const Run& run);

/// Appends a paragraph of the report's Markdown as HTML: lines starting "- " as a list, others
/// as paragraphs; `code` and **bold** inline.
void append_markdown_html(std::string& out, std::string_view md);

// Above these counts a table of every unit is no longer readable: the report summarises
// instead (the full table stays in `score --format csv` and `report --format csv`).
inline constexpr std::size_t kFullTable = 1000;
inline constexpr std::size_t kListed = 20;
inline constexpr std::size_t kGroupRows = 200;

/// The kinds a report lists, in the order it lists them: alliances before their villages.
[[nodiscard]] std::vector<UnitKind> report_kinds(const Run& run);

/// 考评细则: a rule set as a department writes it (areas and points, adjustments, vetoes,
/// the star and grade standards).
void scheme_section(const Scheme& s, const std::string& title, ReportOut& out);
/// 星级分布: units per star level, a column per kind.
void distribution_section(const Run& run, ReportOut& out);
/// 按乡镇汇总: villages summed up by township (place_table with the backward ones), when
/// their roster has townships.
void township_section(const Run& run, ReportOut& out);
/// The ranking of one kind (the first and the last kListed when long), and before a long
/// one its units summed up by county, when the roster has counties.
void ranking_sections(const Run& run, UnitKind kind, ReportOut& out);
/// 资金分配: a section per allocation of the manifest, with every unit's part.
void allocation_sections(const Run& run, ReportOut& out);
/// 后进 with their reasons (no quota: 应整尽整), then 先进 as candidates for model units.
void tier_sections(const Run& run, ReportOut& out);
/// Units whose stars are below what their score reaches, and the rule that decided it.
void rule_section(const Run& run, ReportOut& out);
/// Vetoes: which unit, which item, and what it did to the stars.
void veto_section(const Run& run, ReportOut& out);
/// Units with missing values.
void missing_section(const Run& run, ReportOut& out);
/// 更正记录: every correction applied (spec 5), when the manifest names corrections files.
void corrections_section(const Run& run, ReportOut& out);
/// The village table with the points of every top-level area, as CSV for Excel and WPS.
[[nodiscard]] std::string csv_report(const Run& run, bool excel_ids = false);

/// The kind of unit summed up by township in the workbook's 按乡镇: villages, when they are
/// scored and their roster has townships.
[[nodiscard]] std::optional<UnitKind> township_kind(const Run& run);

/// Keeps at most kGroupRows rows of a list of units, saying how many there are and where the
/// rest can be found (the score CSV's column `column`).
void cap_rows(TextTable& t, const std::string& what, const std::string& column, ReportOut& out);
/// The names of some of a scheme's nodes (indices), in the order given.
[[nodiscard]] std::vector<std::string> node_names(const Scheme& s, const std::vector<int>& nodes);
/// A table, or 无。 when it has no rows.
void table_or_none(const TextTable& t, ReportOut& out);

/// Units of a kind summed up by a roster field (乡镇, 县): per group, in the order the
/// roster first names it, its units, the mean of their shown final scores (rounded as
/// scores), units per star level from the most stars down to 无星, and with `backward` (and
/// tiers) its backward units. With more than `most` groups (0: no limit), only the kListed
/// of the highest and of the lowest mean, and `note` says so.
[[nodiscard]] TextTable place_table(const Run& run, UnitKind kind, const std::string& field, bool backward,
                                    std::size_t most, std::string& note);

}  // namespace xingji::detail
