#pragma once
// Internal: the couplings between kinds: dual evaluation (双考评, spec 2.4), and people's
// leaves linked to their village or alliance (spec 6).

#include "xingji/model.hpp"
#include "xingji/score.hpp"

namespace xingji::detail {

/// Takes the members' own scores into each alliance's total, then each alliance's total into
/// its villages' final scores; both kinds' own scores must be in `evaluation`.
void evaluate_dual(const Assessment& assessment, const Dual& dual, Evaluation& evaluation);

/// The values of a people kind with linked leaves: `table` with each linked leaf's cell set
/// to the shown value (final or own score, rounded, or stars) of the person's village or its
/// alliance in `evaluation`, which has rated both; NaN where there is no such unit.
[[nodiscard]] Table linked_values(const Assessment& assessment, const Evaluation& evaluation, const Kind& kind,
                                  const Table& table);

}  // namespace xingji::detail
