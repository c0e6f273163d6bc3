#pragma once
// Internal: the parts of `score`'s outputs, and the columns a kind's unit tables share.

#include <ostream>
#include <string>
#include <vector>

#include "write/columns.hpp"
#include "write/table.hpp"
#include "xingji/run.hpp"

namespace xingji::detail {

/// The score CSV: every kind's units, told apart by `level`.
void scores_csv(const Run& run, std::ostream& os);
/// The score JSON of spec section 3.
void scores_json(const Run& run, std::ostream& os);

/// Spec 4 columns after the stars (machine: CSV/JSON names, else Chinese titles).
void extra_columns(TextTable& t, const Extras& e, bool machine);
void extra_cells(TextTable& t, const Extras& e, bool machine, const Assessment& a, const Scheme& s, const UnitScore& r);

/// A column that some kinds' unit tables show and others do not.
enum class Column { township, alliance, alliance_total, members, member_count };
/// Its title.
[[nodiscard]] std::string column_title(Column c);
/// Its cell for a unit.
[[nodiscard]] std::string column_cell(const Run& run, Column c, UnitRef ref);

}  // namespace xingji::detail
