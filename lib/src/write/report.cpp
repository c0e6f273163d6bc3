// The yearly report (`report`): Markdown to paste into a department's summary, in the order
// a summary reads: who took part, the rules, the results, the lists that need action.
#include "write/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <sstream>

#include "base/i18n.hpp"
#include "compute/words.hpp"
#include "write/columns.hpp"
#include "write/html.hpp"
#include "xingji/number.hpp"
#include "xingji/report.hpp"

namespace xingji {

namespace detail {

std::vector<UnitKind> report_kinds(const Run& run) {
  std::vector<UnitKind> out;
  for (const Kind& kind : run.assessment.kinds) {
    if (run.eval.of(kind.id).scored) out.push_back(kind.id);
  }
  // Alliances first: a reader meets an alliance before the villages under it.
  std::stable_partition(out.begin(), out.end(),
                        [&](UnitKind k) { return run.assessment.kind(k).shape == KindShape::alliance; });
  return out;
}

void cap_rows(TextTable& t, const std::string& what, const std::string& column, ReportOut& out) {
  if (t.rows.size() <= kGroupRows) return;
  out.text(fmt::format("共{}个单位{}，列出前{}个（全部见 `xingji score --format csv` 的 {} 列）。\n\n", t.rows.size(),
                       what, kGroupRows, column));
  t.rows.resize(kGroupRows);
}

std::vector<std::string> node_names(const Scheme& s, const std::vector<int>& nodes) {
  std::vector<std::string> names;
  for (int n : nodes) {
    const auto& node = s.nodes[static_cast<std::size_t>(n)];
    names.push_back(display_name(node.name, node.id));
  }
  return names;
}

void table_or_none(const TextTable& t, ReportOut& out) {
  if (t.rows.empty()) {
    out.none("无。\n\n");
  } else {
    out.table(t);
    out.md += "\n";
  }
}

void ReportOut::section(const std::string& title) {
  fmt::format_to(std::back_inserter(md), "## {}\n\n", title);
  sections.push_back(Sheet{title, {}});
  if (html) html_sections.emplace_back();
}

void ReportOut::subsection(const std::string& title) {
  fmt::format_to(std::back_inserter(md), "### {}\n\n", title);
  if (html) {
    std::string& h = html_out();
    h += "<h3>";
    append_html_escaped(h, title);
    h += "</h3>\n";
  }
  if (!sections.empty()) sections.back().tables.push_back(SheetTable{title, {}, {}});
}

void ReportOut::none(std::string_view text) {
  md += text;
  if (html) html_out() += "<p>无。</p>\n";
}

void ReportOut::text(std::string_view paragraph) {
  md += paragraph;
  if (html) append_markdown_html(html_out(), paragraph);
  if (sections.empty()) return;
  auto& tables = sections.back().tables;
  if (tables.empty()) tables.emplace_back();
  // A line of a sheet is plain text: no Markdown quotes around commands.
  std::size_t from = 0;
  while (from < paragraph.size()) {
    const std::size_t end = std::min(paragraph.find('\n', from), paragraph.size());
    std::string line;
    for (const char c : paragraph.substr(from, end - from)) {
      if (c != '`') line += c;
    }
    if (!line.empty()) tables.back().notes.push_back(std::move(line));
    from = end + 1;
  }
}

void ReportOut::table(const TextTable& t) {
  render_markdown(t, md);
  if (html) render_html(t, html_out());
  if (sections.empty()) return;
  auto& tables = sections.back().tables;
  if (tables.empty() || !tables.back().table.header.empty()) tables.emplace_back();
  tables.back().table = t;
}

}  // namespace detail

namespace {

// 1 - 0.8 is 0.19999999999999996 in binary; people wrote 0.2.
std::string complement(double share) { return format_number(std::round((1 - share) * 1e9) / 1e9); }

std::string aggregate_name(MemberAggregate m) {
  return m == MemberAggregate::mean ? "平均" : m == MemberAggregate::median ? "中位数" : "最低";
}

}  // namespace

namespace detail {

ReportOut build_report(const Run& run, bool html) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  ReportOut report;
  report.html = html;
  report.md = fmt::format("# {}\n\n", assessment_title(a));
  std::string out = fmt::format("**{}年度**：", ev.year);
  std::vector<std::string> counts;
  for (const Kind& kind : a.kinds) {
    if (ev.of(kind.id).scored) counts.push_back(fmt::format("{}个{}", a.roster.size(kind.id), kind.words.title));
  }
  fmt::format_to(std::back_inserter(out), "{}参加评定。", fmt::join(counts, "、"));
  if (a.dual) {
    fmt::format_to(
        std::back_inserter(out),
        "实行联盟和成员村“双考评”：联盟总分 = {} × 联盟自身得分 + {} × 成员村得分（{}）；村最终得分 = {} × 本村得分 + "
        "{} × 所在联盟总分。",
        format_number(a.dual->alliance_own), complement(a.dual->alliance_own), aggregate_name(a.dual->members),
        format_number(a.dual->village_own), complement(a.dual->village_own));
  }
  fmt::format_to(std::back_inserter(out), "得分保留{}位小数，星级和排名按显示的得分确定。\n\n", a.precision);
  report.text(out);

  report.section("考评细则");
  for (const Kind& kind : a.kinds) {
    if (kind.rated()) scheme_section(*kind.scheme, kind.words.title, report);
  }
  distribution_section(run, report);
  township_section(run, report);
  for (const UnitKind kind : report_kinds(run)) ranking_sections(run, kind, report);
  allocation_sections(run, report);
  if (a.tiers) tier_sections(run, report);
  rule_section(run, report);
  veto_section(run, report);
  missing_section(run, report);
  corrections_section(run, report);
  if (!run.previous) fmt::format_to(std::back_inserter(report.md), "\n（{}年无数据，不作比较。）\n", ev.year - 1);
  return report;
}

}  // namespace detail

void render_report(const Run& run, Format format, std::ostream& out, bool excel_ids) {
  if (format == Format::md)
    out << detail::build_report(run).md;
  else if (format == Format::html)
    out << detail::report_html(run);
  else if (format == Format::csv)
    out << detail::csv_report(run, excel_ids);
  else
    throw Error(Location{run.assessment.manifest, 0, 0}, _("a report is written as md, csv or html"));
}

void write_report_xlsx(const Run& run, AtomicFile& file) {
  detail::ReportOut report = detail::build_report(run);
  std::vector<detail::Sheet> sheets;
  for (detail::Sheet& section : report.sections) {
    // A sheet per section that shows a table; its parts without one (prose alone) go.
    std::erase_if(section.tables, [](const detail::SheetTable& t) { return t.table.header.empty(); });
    // 按乡镇汇总 lists at most kGroupRows townships; the sheet 按乡镇 below lists them all.
    if (!section.tables.empty() && section.name != "按乡镇汇总") sheets.push_back(std::move(section));
  }
  if (const auto township = detail::township_kind(run)) {
    std::string note;
    sheets.push_back({"按乡镇", {{"", detail::place_table(run, *township, "township", true, 0, note), {}}}});
  }
  detail::write_workbook(sheets, detail::year_title(run.assessment, run.eval.year), file);
}

std::string render_report(const Run& run, Format format) {
  std::ostringstream os;
  render_report(run, format, os);
  return std::move(os).str();
}

}  // namespace xingji
