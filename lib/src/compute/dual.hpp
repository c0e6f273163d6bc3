#pragma once
// Internal: dual evaluation (双考评, spec 2.4), the one coupling between kinds.

#include "xingji/model.hpp"
#include "xingji/score.hpp"

namespace xingji::detail {

/// Takes the members' own scores into each alliance's total, then each alliance's total into
/// its villages' final scores; both kinds' own scores must be in `evaluation`.
void evaluate_dual(const Assessment& assessment, const Dual& dual, Evaluation& evaluation);

}  // namespace xingji::detail
