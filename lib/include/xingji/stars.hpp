#pragma once
/// Star levels from rounded scores, and the cap a veto puts on them (spec 2.6).

#include <cstdint>
#include <span>

#include "xingji/model.hpp"

namespace xingji {

/// Stars of the highest level whose `min` the score (in exact 1e-9 units) reaches; 0 if none.
[[nodiscard]] int stars_for(const Scheme& scheme, std::int64_t score_nanos);

/// Stars after the triggered vetoes of a unit (its data row) lower them to their `max_stars`.
[[nodiscard]] int apply_vetoes(const Scheme& scheme, std::span<const double> row, int stars);

/// Whether veto `v` is triggered in a unit's row (true; missing counts as false).
[[nodiscard]] bool veto_triggered(const Veto& v, std::span<const double> row);

}  // namespace xingji
