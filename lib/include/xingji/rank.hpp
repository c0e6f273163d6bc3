#pragma once
/// Competition ranking (1, 2, 2, 4) on exact rounded scores, ties listed by id.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "xingji/big_alloc.hpp"

namespace xingji {

/// A unit's place in a ranking.
struct Placed {
  int unit = -1;  ///< index of the unit in its roster
  int rank = 0;   ///< 1-based competition rank
};

/// Units in rank order (half a million at national scale).
using Ranking = BigVector<Placed>;

/// Ranks `units` (indices) by `score[unit]` highest first; equal scores share a rank and the
/// next rank skips; within a tie, units are listed by id byte for byte.
[[nodiscard]] Ranking rank_units(std::span<const int> units, std::span<const std::int64_t> score,
                                 std::span<const std::string_view> ids);

}  // namespace xingji
