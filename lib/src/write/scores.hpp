#pragma once

#include <optional>
// Internal: the parts of `score`'s outputs.

#include <ostream>

#include "write/columns.hpp"
#include "write/table.hpp"
#include "xingji/run.hpp"

namespace xingji::detail {

/// The score CSV: every kind's units, told apart by `level`.
void scores_csv(const Run& run, std::ostream& os, bool excel_ids = false, std::optional<UnitKind> only = std::nullopt);
/// The score JSON of spec section 3.
void scores_json(const Run& run, std::ostream& os, std::optional<UnitKind> only = std::nullopt);

}  // namespace xingji::detail
