#pragma once
// Internal: what the history's formats for people share (the Markdown and table, the
// workbook, the HTML page): its title, the words for a change and a run, its tables.

#include <optional>
#include <string>

#include "write/table.hpp"
#include "xingji/history.hpp"

namespace xingji::detail {

/// "淳安县… 村历年星级（2022—2024年）", or with one unit its name for the kind's.
[[nodiscard]] std::string history_title(const Assessment& a, const History& h);
/// "2022—2024年", or "2024年" for one year.
[[nodiscard]] std::string history_years(const History& h);
/// A unit's name (its id when it has none).
[[nodiscard]] std::string history_unit_name(const Assessment& a, const History& h, const UnitHistory& u);
/// A change of stars in the report's words (晋1星, 降2星, 持平); — with nothing to compare.
[[nodiscard]] std::string history_change(std::optional<int> change);
/// The years of a unit's longest run of rises (2023—2024); "" when it never rose.
[[nodiscard]] std::string history_rise_span(const UnitHistory& u);
/// "年年攀升：最长连续2年（2023—2024年）", or "年年攀升：无".
[[nodiscard]] std::string history_rise_line(const UnitHistory& u);
/// Whether any unit sent nothing (未报送) in some year.
[[nodiscard]] bool history_not_submitted(const History& h);
/// Whether the kind's scheme gives stars.
[[nodiscard]] bool history_has_stars(const Assessment& a, const History& h);
/// "各星级村数".
[[nodiscard]] std::string history_levels_heading(const Assessment& a, const History& h);
/// Units per star level, a row per level (and 合计), a column per year.
[[nodiscard]] TextTable history_levels_table(const History& h);
/// One unit's years, a row each: final score, stars, rank, change and 未报送.
[[nodiscard]] TextTable history_unit_table(const Assessment& a, const History& h);

/// The history as one self-contained HTML page with charts (`history --format html`).
[[nodiscard]] std::string history_html(const Assessment& a, const History& h);

}  // namespace xingji::detail
