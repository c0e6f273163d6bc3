// Peer statistics: what the other units of a kind give a leaf (the peers of spec 2.1 for
// ratio and minmax, of 4.1 for rank, and the mean achievement of `missing: mean`).
#include "compute/peer_stats.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "base/parallel.hpp"

namespace xingji::detail {

// Peer statistics of every leaf over the units of one kind in one year. One pass over the
// rows (not one per leaf): the matrix is large and rows are contiguous.
std::vector<LeafStats> peer_stats(const Scheme& s, const Table& t) {
  std::vector<LeafStats> stats(s.nodes.size());
  std::vector<std::pair<std::size_t, std::size_t>> leaves;    // (node, item)
  std::vector<std::pair<std::size_t, std::size_t>> extremes;  // the leaves that use max and min
  for (std::size_t n = 0; n < s.nodes.size(); ++n) {
    if (!s.nodes[n].is_leaf()) continue;
    leaves.emplace_back(n, static_cast<std::size_t>(s.nodes[n].item));
    const Method m = s.nodes[n].scoring.method;
    if (m == Method::ratio || m == Method::minmax) extremes.push_back(leaves.back());
  }
  constexpr double kInf = std::numeric_limits<double>::infinity();
  auto start = [&](std::vector<LeafStats>& out) {
    for (const auto& [n, item] : extremes) {
      out[n].max = -kInf;
      out[n].min = kInf;
    }
  };
  // Counting needs no value, only whether the cell has one. Max, min and count merge
  // exactly, so the two halves of the rows give the same result.
  auto scan = [&](std::size_t from, std::size_t to, std::vector<LeafStats>& out) {
    for (std::size_t u = from; u < to; ++u) {
      const std::uint32_t* row = t.cells.data() + u * t.items;
      for (const auto& [n, item] : leaves) out[n].count += row[item] != Cell::missing ? 1 : 0;
      for (const auto& [n, item] : extremes) {
        if (row[item] == Cell::missing) continue;
        const double x = Cell::read(row[item], t.extra.data());
        LeafStats& st = out[n];
        st.max = std::max(st.max, x);
        st.min = std::min(st.min, x);
      }
    }
  };
  std::vector<LeafStats> second(s.nodes.size());
  start(stats);
  start(second);
  halves(t.units, kParallelUnits,
         [&](std::size_t from, std::size_t to) { scan(from, to, from == 0 ? stats : second); });
  for (const auto& [n, item] : leaves) stats[n].count += second[n].count;
  for (const auto& [n, item] : extremes) {
    LeafStats& a = stats[n];
    a.max = std::max(a.max, second[n].max);
    a.min = std::min(a.min, second[n].min);
    if (a.count == 0) a.max = a.min = 0;
  }
  for (const auto& [n, item] : leaves) {
    if (s.nodes[n].scoring.method != Method::rank) continue;
    auto& sorted = stats[n].sorted;
    sorted.reserve(stats[n].count);
    for (std::size_t u = 0; u < t.units; ++u) {
      if (t.has(u, item)) sorted.push_back(t.at(u, item));
    }
    if (s.nodes[n].scoring.direction == Direction::higher) {
      std::sort(sorted.begin(), sorted.end(), std::greater<>());
    } else {
      std::sort(sorted.begin(), sorted.end());
    }
  }
  if (s.missing == MissingPolicy::mean) {
    std::vector<double> sum(s.nodes.size(), 0.0);
    std::vector<double> row(t.items);
    for (std::size_t u = 0; u < t.units; ++u) {
      t.row(u, row);
      for (const auto& [n, item] : leaves) {
        if (!std::isnan(row[item])) sum[n] += leaf_achievement(s.nodes[n], stats[n], row[item], s.missing);
      }
    }
    for (const auto& [n, item] : leaves) {
      if (stats[n].count > 0) stats[n].mean_achievement = sum[n] / static_cast<double>(stats[n].count);
    }
  }
  return stats;
}

}  // namespace xingji::detail
