#pragma once
/// Star levels from rounded scores, and the cap a veto puts on them (spec 2.6).

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "xingji/model.hpp"

namespace xingji {

/// Stars of the highest level whose `min` the score (in exact 1e-9 units) reaches; 0 if none.
[[nodiscard]] int stars_for(const Scheme& scheme, std::int64_t score_nanos);

/// The lowest `max_stars` of the vetoes triggered in a unit's row, or nullopt when none is.
[[nodiscard]] std::optional<int> veto_cap(const Scheme& scheme, std::span<const double> row);

/// Indices (into scheme.vetoes) of the vetoes triggered in a unit's row, in scheme order.
[[nodiscard]] std::vector<int> triggered_vetoes(const Scheme& scheme, std::span<const double> row);

/// Whether veto `v` is triggered in a unit's row (true; missing counts as false).
[[nodiscard]] bool veto_triggered(const Veto& v, std::span<const double> row);

}  // namespace xingji
