#pragma once
// Internal: what the peers of each leaf (the units of one kind in one year) give it.

#include <vector>

#include "xingji/data.hpp"
#include "xingji/model.hpp"
#include "xingji/score.hpp"

namespace xingji::detail {

/// Peer statistics of every node of `scheme` over the rows of `table` (leaves only
/// meaningful): counts, the extremes that `ratio` and `minmax` use, the sorted values of
/// `rank` leaves, and the mean achievement for `missing: mean`.
[[nodiscard]] std::vector<LeafStats> peer_stats(const Scheme& scheme, const Table& table);

}  // namespace xingji::detail
