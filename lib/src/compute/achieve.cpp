// A leaf's value as an achievement, one value at a time: for peer statistics, explanations
// and checks. Whole columns of units go through Plan (compute/achieve.hpp) in evaluate.cpp.
#include "compute/achieve.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "xingji/score.hpp"

namespace xingji {

double leaf_achievement(const Indicator& n, const LeafStats& st, double x, MissingPolicy missing) {
  return detail::achievement(n, st, x, missing);
}

bool node_full(const Scheme& s, int node, std::span<const double> a, std::span<const double> row) {
  const Indicator& n = s.nodes[static_cast<std::size_t>(node)];
  if (n.is_leaf())
    return !std::isnan(row[static_cast<std::size_t>(n.item)]) && a[static_cast<std::size_t>(node)] >= 1 - 1e-9;
  return std::all_of(n.children.begin(), n.children.end(), [&](int c) { return node_full(s, c, a, row); });
}

std::size_t peer_rank(const Indicator& n, const LeafStats& st, double x) {
  // 1 + the number of peers strictly better; `sorted` is best first.
  const auto better = n.scoring.direction == Direction::higher
                          ? std::lower_bound(st.sorted.begin(), st.sorted.end(), x, std::greater<>())
                          : std::lower_bound(st.sorted.begin(), st.sorted.end(), x);
  return static_cast<std::size_t>(better - st.sorted.begin()) + 1;
}

std::vector<int> missing_leaves(const Scheme& scheme, std::span<const double> row) {
  std::vector<int> out;
  for (std::size_t i = 0; i < scheme.nodes.size(); ++i) {
    if (leaf_missing(scheme.nodes[i], row)) out.push_back(static_cast<int>(i));
  }
  return out;
}

}  // namespace xingji
