#pragma once
// Internal: the rating rules of spec 4.4 and 4.5, applied to every unit of a kind once its
// scores are rounded and ranked: stars and grades by thresholds, gates, quotas, vetoes and the
// promotion limit, and the tiers.

#include "xingji/big_alloc.hpp"
#include "xingji/model.hpp"
#include "xingji/rank.hpp"
#include "xingji/score.hpp"

namespace xingji::detail {

/// Stars, grades and what decided them, for every unit of a kind once `ranking` holds them in
/// rank order; `previous`: the kind's results of last year under a promotion limit, else nullptr.
void rate(const Scheme& scheme, const Ranking& ranking, const BigVector<UnitScore>* previous,
          BigVector<UnitScore>& units);

/// The tier of every unit of a kind (spec 4.5), from its stars, score and vetoes.
void place_tiers(const Tiers& tiers, const Ranking& ranking, BigVector<UnitScore>& units);

}  // namespace xingji::detail
