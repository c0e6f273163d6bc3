#pragma once
/// `history` (spec 8): every year with data at once: each unit's final score, stars and
/// rank per year, its change in stars (晋星, 降星) and its longest run of rising years
/// (年年攀升), and the units per star level per year.

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "xingji/data.hpp"
#include "xingji/model.hpp"
#include "xingji/output.hpp"
#include "xingji/rounding.hpp"
#include "xingji/views.hpp"

namespace xingji {

/// One unit in one year, as `score --year Y` rates it.
struct HistoryYear {
  int year = 0;
  Rounded final;  ///< the shown final score (an alliance's total)
  int stars = 0;
  int rank = 0;  ///< among all units of the kind that year, ties sharing a rank
  /// Stars over the year before; nullopt where there is nothing to compare: the first year
  /// of the data, a year whose year before has no data, a year the unit sent nothing
  /// (未报送) or the year after one, and every year when the scheme gives no stars.
  std::optional<int> change;
  bool not_submitted = false;  ///< 未报送: rated under `missing: zero` or `mean` without a value
};

/// One unit over the years.
struct UnitHistory {
  int unit = -1;                   ///< index in the roster of its kind
  std::vector<HistoryYear> years;  ///< every year with data, oldest first
  int longest_rise = 0;            ///< 年年攀升: years in its longest run of rises over the year before
  int rise_last = 0;               ///< the last year of that run (the latest of equal runs), 0 when none
};

/// Every year with data for one kind of unit.
struct History {
  UnitKind kind = UnitKind::village;
  std::vector<int> years;          ///< oldest first
  std::vector<UnitHistory> units;  ///< in rank order of the latest year (ties by id); one when a unit was named
  bool one_unit = false;           ///< a unit was named
  int max_stars = 0;               ///< the most stars the kind's scheme gives
  /// Per year (as `years`), the number of units of the kind holding s stars at [s], 0..max_stars.
  std::vector<std::vector<std::size_t>> levels;
};

/// Evaluates every year of `data` and gathers the history of every unit of `kind`, or only
/// of `unit` (which must be of that kind). A year that does not evaluate (missing values
/// under `missing: error`, ...) fails the whole history with its errors, as `score --year`
/// would. Throws Error, also when the kind is not rated.
[[nodiscard]] History history(const Assessment& a, const DataSet& data, UnitKind kind,
                              std::optional<int> unit = std::nullopt);

/// `history` as text (Format::table, fitted to `width` as render_scores says), Markdown,
/// CSV (a row per unit and year), JSON (spec 8's shape) or one HTML page with charts.
void render_history(const Assessment& a, const History& h, Format format, std::ostream& out, std::size_t width = 0);
[[nodiscard]] std::string render_history(const Assessment& a, const History& h, Format format, std::size_t width = 0);
/// `history` as a workbook: the tables of the Markdown, a sheet each.
void write_history_xlsx(const Assessment& a, const History& h, AtomicFile& file);

}  // namespace xingji
