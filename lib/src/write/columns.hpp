#pragma once
// Internal: the titles and columns the outputs share: which columns a kind of unit shows,
// their titles, and their cells.

#include <string>
#include <string_view>

#include "write/table.hpp"
#include "xingji/run.hpp"

namespace xingji::detail {

/// The assessment's name for a title: 星级评定 when the manifest gives none.
[[nodiscard]] std::string_view assessment_title(const Assessment& a);
/// The title of a year's output: "name 2024年", or the name alone when it holds the year.
[[nodiscard]] std::string year_title(const Assessment& a, int year);

/// The columns of spec 4 a kind of unit shows, each only when the assessment uses it.
struct Extras {
  bool grade = false;  ///< the scheme has grades
  bool tier = false;   ///< the manifest has tiers
  bool rule = false;   ///< stars need more than thresholds, or grades are given
  bool areas = false;  ///< five-area stars: which areas earned a star
  [[nodiscard]] bool any() const { return grade || tier || rule || areas; }
};
Extras extras_of(const Assessment& a, UnitKind kind);

/// Spec 4 columns after the stars (machine: CSV/JSON names, else Chinese titles).
void extra_columns(TextTable& t, const Extras& e, bool machine);
/// Marks which columns of a table people read a terminal too narrow leaves out, and in what
/// order (TextTable::optional_column): first where a unit is (乡镇, 县, 类别), then how its
/// stars were decided (定级依据), its alliance, its grade, the areas that earned stars and
/// the alliance's scores. Rank, name, scores, stars, tier, vetoes and missing items stay.
void mark_optional(TextTable& t);
void extra_cells(TextTable& t, const Extras& e, bool machine, const Assessment& a, const Scheme& s, const UnitScore& r);

/// The Chinese title of a roster field (township: 乡镇, ...).
std::string field_title(const std::string& field);

/// A group of `--by FIELD` as a person reads it: an alliance or a village by its name, an
/// empty field as such (（无乡镇）).
[[nodiscard]] std::string group_title(const Assessment& a, const std::string& field, const std::string& value);

/// A column that some kinds' unit tables show and others do not.
enum class Column { township, alliance, alliance_total, members, member_count, member_names, village, role };
/// Its title.
[[nodiscard]] std::string column_title(Column c);
/// Its cell for a unit; `none` where the unit has no value (a village in no alliance, an
/// alliance total not scored, an alliance without members' scores).
[[nodiscard]] std::string column_cell(const Run& run, Column c, UnitRef ref, std::string_view none = "");

}  // namespace xingji::detail
