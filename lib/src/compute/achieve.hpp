#pragma once
// Internal: how a leaf's value becomes an achievement, one value at a time and a column of
// units at a time (Plan). All of it is inline: it is the per-unit path of a national run,
// and a file that scores units compiles it whole with its own loop (score_units in
// evaluate.cpp), so no step of it becomes a call into another file.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include "xingji/model.hpp"
#include "xingji/rounding.hpp"
#include "xingji/score.hpp"

namespace xingji::detail {

// Points of rank `rank` among `n` peers under a ladder or buckets.
inline double rank_points(const Scoring& sc, std::size_t rank, std::size_t n) {
  if (!sc.ladder.empty()) return sc.ladder[std::min(rank, sc.ladder.size()) - 1];
  for (const auto& b : sc.buckets) {
    if (rank <= share_count(b.top_nanos, n, true)) return b.points;
  }
  return 0.0;
}

// The achievement of a value `x` (not missing) of a leaf scored by method M: one definition
// per method, used value by value (leaf_achievement) and a column of units at a time (Plan).
template <Method M>
[[gnu::always_inline]] inline double achieve_as(const Indicator& n, const LeafStats& st, double x) {
  const Scoring& sc = n.scoring;
  if constexpr (M == Method::count) {
    return std::min(n.weight, x * sc.per) / n.weight;
  } else if constexpr (M == Method::deduct) {
    return std::max(0.0, n.weight - x * sc.per) / n.weight;
  } else if constexpr (M == Method::levels) {
    return sc.levels[static_cast<std::size_t>(x)].fraction;
  } else if constexpr (M == Method::rank) {
    return rank_points(sc, peer_rank(n, st, x), st.sorted.size()) / n.weight;
  } else if constexpr (M == Method::direct) {
    return x / n.weight;
  } else if constexpr (M == Method::linear) {
    return std::clamp((x - sc.zero) / (sc.full - sc.zero), 0.0, 1.0);
  } else if constexpr (M == Method::steps) {
    // Steps are sorted so that the first entry that admits x is the one the spec names.
    for (const auto& step : sc.steps) {
      if (sc.steps_by_max ? x <= step.bound : x >= step.bound) return step.points / n.weight;
    }
    return 0.0;
  } else if constexpr (M == Method::ratio) {
    if (sc.direction == Direction::higher) return st.max > 0 ? x / st.max : 0.0;
    return x == 0 ? 1.0 : st.min / x;
  } else if constexpr (M == Method::minmax) {
    if (st.max == st.min) return 1.0;
    return sc.direction == Direction::higher ? (x - st.min) / (st.max - st.min) : (st.max - x) / (st.max - st.min);
  } else {
    static_assert(M == Method::check);
    return x;
  }
}

// Calls `f` with the leaf's method as a compile-time constant (std::integral_constant).
template <class F>
decltype(auto) with_method(Method m, F&& f) {
  switch (m) {
    case Method::count:
      return f(std::integral_constant<Method, Method::count>{});
    case Method::deduct:
      return f(std::integral_constant<Method, Method::deduct>{});
    case Method::levels:
      return f(std::integral_constant<Method, Method::levels>{});
    case Method::rank:
      return f(std::integral_constant<Method, Method::rank>{});
    case Method::direct:
      return f(std::integral_constant<Method, Method::direct>{});
    case Method::linear:
      return f(std::integral_constant<Method, Method::linear>{});
    case Method::steps:
      return f(std::integral_constant<Method, Method::steps>{});
    case Method::ratio:
      return f(std::integral_constant<Method, Method::ratio>{});
    case Method::minmax:
      return f(std::integral_constant<Method, Method::minmax>{});
    case Method::check:
      break;
  }
  return f(std::integral_constant<Method, Method::check>{});
}

// How a leaf's values score: a leaf of text ballots holds its combined fraction already, and
// so scores as a check does, by the value itself.
inline Method scored_by(const Indicator& n) { return n.fraction_ballots() ? Method::check : n.scoring.method; }

[[gnu::always_inline]] inline double achievement(const Indicator& n, const LeafStats& st, double x,
                                                 MissingPolicy missing) {
  if (std::isnan(x)) return missing == MissingPolicy::mean ? st.mean_achievement : 0.0;
  return with_method(scored_by(n), [&](auto m) { return achieve_as<decltype(m)::value>(n, st, x); });
}

// A scheme laid out for scoring many rows: what achieve() needs of each node in a few small
// arrays, rather than a walk over the Indicator records (hundreds of bytes each) for every
// one of half a million rows. The arithmetic is that of leaf_achievement and of the
// weighted means, operand for operand, so the scores are the same to the last bit.
struct Plan {
  struct Leaf {
    int node = 0;
    int item = 0;
    Method method = Method::check;  ///< how its values score (scored_by)
    double missing = 0;             ///< the achievement of a missing value
    const Indicator* n = nullptr;
    const LeafStats* st = nullptr;
  };
  struct Mean {  // an inner node, or the roots: the weighted mean of some achievements
    int node = 0;
    int first = 0;  ///< into `parts`
    int count = 0;
    double den = 0;  ///< the sum of the weights, added in the same order as before
  };
  std::vector<Leaf> leaves;
  std::vector<Mean> means;                    ///< children before their parents
  std::vector<std::pair<int, double>> parts;  ///< (node, weight)
  Mean roots;
  double total = 0;

  /// Units achieved together (see achieve): their rows and achievements stay in the cache.
  static constexpr std::size_t kBlock = 128;

  Plan(const Scheme& s, const std::vector<LeafStats>& stats) : total(s.total) {
    auto mean = [&](int node, const std::vector<int>& of) {
      Mean m{node, static_cast<int>(parts.size()), static_cast<int>(of.size()), 0.0};
      for (int c : of) {
        const double w = s.nodes[static_cast<std::size_t>(c)].weight;
        parts.emplace_back(c, w);
        m.den += w;
      }
      return m;
    };
    for (std::size_t i = s.nodes.size(); i-- > 0;) {
      const Indicator& n = s.nodes[i];
      if (n.is_leaf()) {
        const double miss = s.missing == MissingPolicy::mean ? stats[i].mean_achievement : 0.0;
        leaves.push_back(Leaf{static_cast<int>(i), n.item, scored_by(n), miss, &n, &stats[i]});
      } else {
        means.push_back(mean(static_cast<int>(i), n.children));
      }
    }
    roots = mean(-1, s.roots);
  }

  // Achievements of every node for `n` units (at most kBlock), whose rows of `items` values
  // lie one after another at `rows`, into `a`: node k of unit j at a[k * stride + j]. Each
  // unit's base score goes to base[j], and whether any of its leaves had no value to
  // missing[j]. A leaf is done for all the units at once, its method chosen once: a unit at
  // a time, choosing the method for every value cost more than the arithmetic.
  void achieve(const double* rows, std::size_t items, std::size_t n, std::size_t stride, double* __restrict a,
               double* __restrict base, bool* __restrict missing) const {
    std::fill(missing, missing + n, false);
    for (const Leaf& l : leaves) {
      double* __restrict out = a + static_cast<std::size_t>(l.node) * stride;
      const double* x = rows + l.item;
      const Indicator& ind = *l.n;
      const LeafStats& st = *l.st;
      with_method(l.method, [&](auto m) {
        for (std::size_t j = 0; j < n; ++j) {
          const double v = x[j * items];
          const bool none = std::isnan(v);
          missing[j] |= none;
          out[j] = none ? l.missing : achieve_as<decltype(m)::value>(ind, st, v);
        }
      });
    }
    double num[kBlock];
    for (const Mean& m : means) {
      numerator(m, a, n, stride, num);
      double* __restrict out = a + static_cast<std::size_t>(m.node) * stride;
      for (std::size_t j = 0; j < n; ++j) out[j] = num[j] / m.den;
    }
    numerator(roots, a, n, stride, num);
    for (std::size_t j = 0; j < n; ++j) base[j] = total * num[j] / roots.den;
  }

 private:
  // The weighted sums of a mean's parts for each unit, the parts added in order.
  void numerator(const Mean& m, const double* a, std::size_t n, std::size_t stride, double* __restrict num) const {
    std::fill(num, num + n, 0.0);
    for (int k = m.first; k < m.first + m.count; ++k) {
      const auto& [node, weight] = parts[static_cast<std::size_t>(k)];
      const double* part = a + static_cast<std::size_t>(node) * stride;
      for (std::size_t j = 0; j < n; ++j) num[j] += weight * part[j];
    }
  }
};

}  // namespace xingji::detail
