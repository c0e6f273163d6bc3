#pragma once
/// The outputs of `score` and `rank` in every format (spec section 3).

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>

#include "xingji/allocate.hpp"
#include "xingji/output.hpp"
#include "xingji/run.hpp"

namespace xingji {

/// An output format.
enum class Format { table, csv, md, json, html };

// Every `width` below is the terminal's, in cells, for Format::table: a wider table is
// fitted to it (columns without data left out, long text wrapped). 0, the default, is no
// limit: the full table, as files and pipes get it. The library never looks at a terminal;
// the command decides (`COLUMNS`, else the terminal's width).

/// `score`: every village then every alliance with own, totals, stars, ranks, vetoes and
/// missing values; `json` is exactly the spec's shape. With `excel_ids`, the CSV's ids are
/// written as Excel formulas of text (`="330123000000"`), so that Excel keeps long codes whole.
/// With `only`, one kind of unit alone (`score --level`): its table, its CSV lines, its JSON list.
void render_scores(const Run& run, Format format, std::ostream& out, std::size_t width = 0, bool excel_ids = false,
                   std::optional<UnitKind> only = std::nullopt);
/// The same as a string (small assessments, tests).
[[nodiscard]] std::string render_scores(const Run& run, Format format, std::size_t width = 0);

// A workbook (`--format xlsx`, spec 8) is written by name, so its writers take the AtomicFile
// of `-o FILE`: they fill its temporary file and the caller commits it. Ids and names are
// text, scores numbers shown to the precision, ranks and counts whole numbers, stars ★ text;
// every sheet has its header frozen and filters over its table. Each throws Error.

/// `score` as a workbook: the table of `render_scores` for each kind of unit on a sheet
/// named after the kind (村, 联盟).
void write_scores_xlsx(const Run& run, AtomicFile& file, std::optional<UnitKind> only = std::nullopt);

/// What `rank` lists.
struct RankOptions {
  UnitKind level = UnitKind::village;
  std::string by;  ///< a roster field to rank within (villages only), or empty
  int top = 0;     ///< only ranks <= top (ties included), 0 = all
  int bottom = 0;  ///< only the lowest `bottom` (ties included), 0 = all
};

/// `rank`: the ranking of villages or alliances, overall or within groups of a roster field.
/// Throws Error when alliances are asked for but not scored.
void render_ranking(const Run& run, const RankOptions& options, Format format, std::ostream& out,
                    std::size_t width = 0);
/// The same as a string.
[[nodiscard]] std::string render_ranking(const Run& run, const RankOptions& options, Format format,
                                         std::size_t width = 0);
/// `rank` as a workbook: one sheet, with the group (by its name) in a column after the
/// unit's name when `options.by` is given.
void write_ranking_xlsx(const Run& run, const RankOptions& options, AtomicFile& file);

/// What `allocate` shows besides the parts.
struct AllocateOptions {
  std::string by;  ///< a roster field to sum the parts by (township, county, ...), or empty
};

/// `allocate` (spec 7): per allocation and unit its rank, name, stars, score, weight, exact
/// share, amount, percent and why, the total equal to the amount, and `then` per alliance.
void render_allocations(const Run& run, const std::vector<AllocationResult>& results, const AllocateOptions& o,
                        Format format, std::ostream& out, std::size_t width = 0);
/// The same as a string.
[[nodiscard]] std::string render_allocations(const Run& run, const std::vector<AllocationResult>& results,
                                             const AllocateOptions& o, Format format, std::size_t width = 0);

}  // namespace xingji
