#include "xingji/score.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/parallel.hpp"
#include "compute/ranking.hpp"
#include "compute/stars.hpp"

namespace xingji {

namespace {

// Points of rank `rank` among `n` peers under a ladder or buckets.
double rank_points(const Scoring& sc, std::size_t rank, std::size_t n) {
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
Method scored_by(const Indicator& n) { return n.fraction_ballots() ? Method::check : n.scoring.method; }

[[gnu::always_inline]] inline double achievement(const Indicator& n, const LeafStats& st, double x,
                                                 MissingPolicy missing) {
  if (std::isnan(x)) return missing == MissingPolicy::mean ? st.mean_achievement : 0.0;
  return with_method(scored_by(n), [&](auto m) { return achieve_as<decltype(m)::value>(n, st, x); });
}

}  // namespace

double leaf_achievement(const Indicator& n, const LeafStats& st, double x, MissingPolicy missing) {
  return achievement(n, st, x, missing);
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

bool gate_met(const Scheme& s, int node, const UnitScore& r) {
  const auto g = static_cast<std::size_t>(std::find(s.gates.begin(), s.gates.end(), node) - s.gates.begin());
  return (r.gates_met >> g & 1u) != 0;
}

bool gates_met(const Scheme& s, const StarLevel& level, const UnitScore& r) {
  return std::all_of(level.required.begin(), level.required.end(), [&](int node) { return gate_met(s, node, r); });
}

std::optional<Decided> level_barrier(const Scheme& s, const StarLevel& level, const UnitScore& r) {
  if (r.vetoed && level.stars > r.veto_cap) return Decided::veto;
  if (r.previous_stars >= 0 && level.stars > r.previous_stars + s.promotion_up.value_or(0)) return Decided::promotion;
  if (!gates_met(s, level, r)) return Decided::gate;
  return std::nullopt;
}

bool level_reached(const Scheme& s, const StarLevel& level, const UnitScore& r) {
  return r.shown.nanos() >= level.min_nanos && gates_met(s, level, r);
}

std::vector<int> missing_leaves(const Scheme& scheme, std::span<const double> row) {
  std::vector<int> out;
  for (std::size_t i = 0; i < scheme.nodes.size(); ++i) {
    if (leaf_missing(scheme.nodes[i], row)) out.push_back(static_cast<int>(i));
  }
  return out;
}

double aggregate_members(std::vector<double> own, MemberAggregate how) {
  switch (how) {
    case MemberAggregate::mean: {
      double sum = 0;
      for (double x : own) sum += x;
      return sum / static_cast<double>(own.size());
    }
    case MemberAggregate::median: {
      std::sort(own.begin(), own.end());
      const std::size_t n = own.size();
      return n % 2 == 1 ? own[n / 2] : (own[n / 2 - 1] + own[n / 2]) / 2;
    }
    case MemberAggregate::min:
      return *std::min_element(own.begin(), own.end());
  }
  return 0.0;
}

namespace {

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
  detail::halves(t.units, detail::kParallelUnits,
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

double adjustment_points(const Adjustment& adj, std::span<const double> row) {
  const double x = row[static_cast<std::size_t>(adj.item)];
  if (std::isnan(x)) return 0.0;
  const double p = x * adj.per;
  return adj.cap ? std::min(p, *adj.cap) : p;
}

// Scores units [from, to) of `t` into out[from..to): base, adjustments and own score of
// each, with its gates and (five-area mode) areas. Rows are read and achieved a block at a
// time (Plan::achieve).
void score_units(const Scheme& s, const Plan& plan, const Table& t, std::size_t from, std::size_t to, int precision,
                 UnitScore* out) {
  constexpr std::size_t kBlock = Plan::kBlock;
  const std::size_t items = t.items;
  std::vector<double> rows(kBlock * items), a(kBlock * s.nodes.size()), unit_a(s.nodes.size());
  double base[kBlock];
  bool missing[kBlock];
  const bool by_node = !s.gates.empty() || s.star_pass;  // needs a unit's achievements node by node
  for (std::size_t u0 = from; u0 < to; u0 += kBlock) {
    const std::size_t n = std::min(kBlock, to - u0);
    for (std::size_t j = 0; j < n; ++j) t.row(u0 + j, std::span<double>(rows.data() + j * items, items));
    plan.achieve(rows.data(), items, n, kBlock, a.data(), base, missing);
    for (std::size_t j = 0; j < n; ++j) {
      const std::span<const double> row(rows.data() + j * items, items);
      UnitScore& r = out[u0 + j];
      r.base = base[j];
      r.missing = missing[j];
      if (by_node) {
        for (std::size_t k = 0; k < unit_a.size(); ++k) unit_a[k] = a[k * kBlock + j];
        for (std::size_t g = 0; g < s.gates.size(); ++g) {
          if (node_full(s, s.gates[g], unit_a, row)) r.gates_met |= std::uint32_t{1} << g;
        }
        if (s.star_pass) {
          for (std::size_t k = 0; k < s.roots.size() && k < 32; ++k) {
            const double ach = unit_a[static_cast<std::size_t>(s.roots[k])];
            if (round_score(ach * 100, precision).nanos() >= s.star_pass_nanos) r.areas_passed |= std::uint32_t{1} << k;
          }
        }
      }
      double bonus = 0, deduction = 0;
      for (const auto& adj : s.adjustments) (adj.bonus ? bonus : deduction) += adjustment_points(adj, row);
      r.bonus = s.bonus_cap ? std::min(bonus, *s.bonus_cap) : bonus;
      r.deduction = s.deduction_cap ? std::min(deduction, *s.deduction_cap) : deduction;
      r.own = std::max(0.0, r.base + r.bonus - r.deduction);
      const auto cap = veto_cap(s, row);
      r.veto_cap = cap.value_or(-1);
      r.vetoed = cap.has_value();
    }
  }
}

void report_missing(const Assessment& a, UnitKind kind, const Table& t, int year, Diagnostics& diag) {
  const Scheme& s = a.scheme(kind);
  if (s.missing != MissingPolicy::error) return;
  std::vector<double> row(t.items);
  for (std::size_t u = 0; u < t.units; ++u) {
    t.row(u, row);
    for (const auto& n : s.nodes) {
      if (!leaf_missing(n, row)) continue;
      diag.add(
          Location{a.manifest, 0, 0},
          fmt::format("no value for '{}' of {} '{}' in {}; add it to the data, or set `missing: zero` or "
                      "`missing: mean` in {}",
                      n.id, a.kind(kind).words.noun, a.roster.id_of(UnitRef{kind, static_cast<int>(u)}), year, s.file));
    }
  }
}

// How a unit stands at a level while levels are filled: not a candidate, a candidate for one
// of its seats, or holding it without a seat (a capped unit, spec 4.4).
enum class Place : std::uint8_t { no, compete, seatless };

// Fills `levels` (highest first) from the top in rank order (spec 4.4): a unit takes the
// highest level where `place` makes it a candidate and the quota has room, or where it
// holds the level without a seat; a tie group of candidates that would overflow a quota is
// held back whole, and so is every candidate ranked after it at that level.
template <class PlaceAt, class Assign>
void fill_levels(const std::vector<StarLevel>& levels, const Ranking& ranking, std::vector<int>& level_of,
                 PlaceAt&& place, Assign&& hold) {
  const std::size_t n = ranking.size();
  std::vector<int> group;
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const StarLevel& level = levels[l];
    const std::size_t quota = level.max_share ? level.quota(n) : n;
    std::size_t used = 0;
    bool closed = false;
    for (std::size_t i = 0; i < n;) {
      std::size_t j = i;
      group.clear();
      for (; j < n && ranking[j].rank == ranking[i].rank; ++j) {
        const auto u = static_cast<std::size_t>(ranking[j].unit);
        if (level_of[u] >= 0) continue;
        const Place p = place(u, l);
        if (p == Place::compete) group.push_back(static_cast<int>(u));
        if (p == Place::seatless) level_of[u] = static_cast<int>(l);
      }
      i = j;
      if (group.empty()) continue;
      if (closed || used + group.size() > quota) {
        closed = true;
        for (int u : group) hold(static_cast<std::size_t>(u), l);
        continue;
      }
      for (int u : group) level_of[static_cast<std::size_t>(u)] = static_cast<int>(l);
      used += group.size();
    }
  }
}

// The most stars a unit may hold this year (spec 4.4): the lowest of its vetoes' `max_stars`
// and last year's stars plus `up`; INT_MAX when nothing caps it.
int stars_cap(const Scheme& s, const UnitScore& r) {
  int cap = std::numeric_limits<int>::max();
  if (r.vetoed) cap = std::min(cap, r.veto_cap);
  if (r.previous_stars >= 0 && s.promotion_up) cap = std::min(cap, r.previous_stars + *s.promotion_up);
  return cap;
}

// Why a unit with `stars` does not hold `top`, the highest level its score reaches (`top`
// stars; with `top_level` in level mode), checked in the order veto, promotion, gate, quota
// in both modes (spec 4.4).
Decided star_rule(const Scheme& s, const UnitScore& r, int top, const StarLevel* top_level) {
  if (r.stars >= top) return Decided::score;
  if (r.vetoed && r.veto_cap < top) return Decided::veto;
  if (r.previous_stars >= 0 && s.promotion_up && r.previous_stars + *s.promotion_up < top) return Decided::promotion;
  if (top_level != nullptr && !gates_met(s, *top_level, r)) return Decided::gate;
  return Decided::quota;
}

// Stars, grades and what decided them, for every unit of a kind (after ranking). A veto or
// the promotion limit caps the stars at min(stars, cap) in both modes, also where the cap is
// no level of the scheme (spec 4.4).
void rate(const Scheme& s, const Ranking& ranking, const BigVector<UnitScore>* previous, BigVector<UnitScore>& units) {
  const bool thresholds = s.star_pass || !s.star_rules();
  detail::halves(units.size(), detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
    for (std::size_t u = from; u < to; ++u) {
      UnitScore& r = units[u];
      if (s.promotion_up && previous != nullptr) r.previous_stars = static_cast<std::int8_t>((*previous)[u].stars);
      r.score_stars = s.star_pass ? std::popcount(r.areas_passed) : stars_for(s, r.shown.nanos());
      if (!thresholds) continue;
      // Thresholds (or passed areas), then the veto and promotion caps.
      r.stars = std::min(r.score_stars, stars_cap(s, r));
      r.star_rule = star_rule(s, r, r.score_stars, nullptr);
    }
  });
  if (!thresholds) {
    // A capped unit competes for seats only at levels up to its cap. Where the cap is no
    // level of the scheme, a level above it that the unit reaches (score and gates) gives it
    // the cap without a seat: there is no quota of that many stars to take one from. Where
    // the cap is a level, the unit competes for that level's seats like any other.
    const auto is_level = [&](int stars) {
      return std::any_of(s.stars.begin(), s.stars.end(), [&](const StarLevel& l) { return l.stars == stars; });
    };
    std::vector<int> caps(units.size());
    std::vector<std::uint8_t> cap_is_level(units.size());
    for (std::size_t u = 0; u < units.size(); ++u) {
      caps[u] = stars_cap(s, units[u]);
      cap_is_level[u] = caps[u] != std::numeric_limits<int>::max() && is_level(caps[u]);
    }
    std::vector<int> level_of(units.size(), -1);
    fill_levels(
        s.stars, ranking, level_of,
        [&](std::size_t u, std::size_t l) {
          const StarLevel& level = s.stars[l];
          if (!level_reached(s, level, units[u])) return Place::no;
          if (level.stars <= caps[u]) return Place::compete;
          return cap_is_level[u] ? Place::no : Place::seatless;
        },
        [&](std::size_t u, std::size_t l) { units[u].held_stars |= static_cast<std::uint16_t>(1u << l); });
    for (std::size_t u = 0; u < units.size(); ++u) {
      UnitScore& r = units[u];
      r.stars = level_of[u] >= 0 ? std::min(s.stars[static_cast<std::size_t>(level_of[u])].stars, caps[u]) : 0;
      const auto top = std::find_if(s.stars.begin(), s.stars.end(),
                                    [&](const StarLevel& l) { return r.shown.nanos() >= l.min_nanos; });
      if (top != s.stars.end()) r.star_rule = star_rule(s, r, top->stars, &*top);
    }
  }
  if (s.grades.empty()) return;
  std::vector<int> grade_of(units.size(), -1);
  fill_levels(
      s.grades, ranking, grade_of,
      [&](std::size_t u, std::size_t l) {
        return level_reached(s, s.grades[l], units[u]) ? Place::compete : Place::no;
      },
      [&](std::size_t u, std::size_t l) { units[u].held_grades |= static_cast<std::uint16_t>(1u << l); });
  for (std::size_t u = 0; u < units.size(); ++u) {
    UnitScore& r = units[u];
    r.grade = static_cast<std::int8_t>(grade_of[u]);
    for (std::size_t l = 0; l < s.grades.size() && static_cast<int>(l) < (r.grade < 0 ? 64 : r.grade); ++l) {
      if (r.shown.nanos() < s.grades[l].min_nanos) continue;
      r.grade_rule = gates_met(s, s.grades[l], r) ? Decided::quota : Decided::gate;
      break;
    }
  }
}

// Tiers of every unit of a kind (spec 4.5): backward whenever any condition holds; advanced
// when every given condition holds; the rest are the middle.
void place_tiers(const Tiers& t, const Ranking& ranking, BigVector<UnitScore>& units) {
  const std::uint64_t top = share_count(t.top_nanos, ranking.size(), true);
  const bool any_advanced = t.min_stars || t.top_share;
  for (const auto& p : ranking) {
    UnitScore& r = units[static_cast<std::size_t>(p.unit)];
    r.backward = 0;
    if (t.max_stars && r.stars <= *t.max_stars) r.backward |= backward_stars;
    if (t.below && r.shown.nanos() < t.below_nanos) r.backward |= backward_score;
    if (t.veto && r.vetoed) r.backward |= backward_veto;
    if (r.backward != 0) {
      r.tier = Tier::backward;
    } else if (any_advanced && (!t.min_stars || r.stars >= *t.min_stars) &&
               (!t.top_share || static_cast<std::uint64_t>(p.rank) <= top)) {
      r.tier = Tier::advanced;
    } else {
      r.tier = Tier::middle;
    }
  }
}

// Rounding and ranks of every unit of a kind, then stars and grades. `id_of(unit)` is the
// unit's id, for ties.
template <class IdOf>
Ranking finish(const Scheme& s, IdOf&& id_of, int precision, const BigVector<UnitScore>* previous,
               BigVector<UnitScore>& units) {
  detail::halves(units.size(), detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
    for (std::size_t u = from; u < to; ++u) units[u].shown = round_score(units[u].final, precision);
  });
  auto ranking = detail::rank_by(
      units.size(), [](std::size_t k) { return static_cast<int>(k); },
      [&](int u) { return units[static_cast<std::size_t>(u)].shown.nanos(); }, id_of);
  detail::halves(ranking.size(), detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) units[static_cast<std::size_t>(ranking[i].unit)].rank = ranking[i].rank;
  });
  rate(s, ranking, previous, units);
  return ranking;
}

// Every score of a unit is within ±kMaxScore, where rounding and ranking are exact; one
// beyond comes from a data value far out of scale or an uncapped adjustment. Reported once
// for the first such unit (with how many more) against the scheme, whose total and
// adjustments bound a score.
void check_scale(const Assessment& a, UnitKind kind, const BigVector<UnitScore>& units, int year, Diagnostics& diag) {
  const KindWords& words = a.kind(kind).words;
  std::size_t count = 0;
  std::string first;
  for (std::size_t u = 0; u < units.size(); ++u) {
    const UnitScore& r = units[u];
    const std::pair<const char*, double> parts[] = {
        {"base score", r.base},
        {"bonus", r.bonus},
        {"deduction", r.deduction},
        {"own score", r.own},
        {"member score", std::isnan(r.members) ? 0.0 : r.members},  // NaN: a unit without members
        {"final score", r.final}};
    const auto* it = std::find_if(std::begin(parts), std::end(parts),
                                  [](const auto& p) { return !(std::abs(p.second) <= kMaxScore); });  // NaN, inf too
    if (it == std::end(parts) || count++ > 0) continue;
    first = fmt::format("the {} of {} '{}' in {} is {}", it->first, words.noun,
                        a.roster.id_of(UnitRef{kind, static_cast<int>(u)}), year, format_number(it->second));
  }
  if (count == 0) return;
  const std::string more = count == 1 ? ""
                                      : fmt::format(" ({} more {} out of range too)", count - 1,
                                                    count > 2 ? words.plural + " are" : words.noun + " is");
  diag.add(Location{a.scheme(kind).file, 0, 0},
           fmt::format("{}{}, beyond the {} either way that xingji rates exactly; check the data for {} and this "
                       "scheme's total and adjustments (a `cap` bounds one)",
                       first, more, static_cast<long long>(kMaxScore), year));
}

// 双考评 (spec 2.4), the one coupling between kinds: an alliance's total takes in its members'
// own scores, and a village's final score its alliance's total.
void evaluate_dual(const Assessment& a, const Dual& dual, Evaluation& ev) {
  auto& villages = ev.of(UnitKind::village).units;
  auto& alliances = ev.of(UnitKind::alliance).units;
  const auto& roster = a.roster;
  // An alliance's work is mostly reading its members' scores.
  const std::size_t split = roster.villages.size() >= detail::kParallelUnits ? 2 : alliances.size() + 1;
  detail::halves(alliances.size(), split, [&](std::size_t from, std::size_t to) {
    std::vector<double> own;
    for (std::size_t u = from; u < to; ++u) {
      UnitScore& r = alliances[u];
      own.clear();
      for (int m : roster.alliances[u].members) own.push_back(villages[static_cast<std::size_t>(m)].own);
      r.members = aggregate_members(std::move(own), dual.members);
      r.final = dual.alliance_own * r.own + (1 - dual.alliance_own) * r.members;
    }
  });
  detail::halves(villages.size(), detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
    for (std::size_t u = from; u < to; ++u) {
      const int al = roster.villages[u].alliance_index;
      if (al < 0) continue;
      auto& v = villages[u];
      v.final = dual.village_own * v.own + (1 - dual.village_own) * alliances[static_cast<std::size_t>(al)].final;
    }
  });
}

}  // namespace

Evaluation evaluate(const Assessment& a, const DataSet& data, int year) {
  const YearData* yd = data.year(year);
  if (yd == nullptr) {
    std::vector<int> have;
    for (const auto& [y, unused] : data.years) have.push_back(y);
    throw Error(Location{a.manifest, 0, 0},
                fmt::format("no data for year {}; {}", year,
                            have.empty() ? std::string("the data has no values at all")
                                         : fmt::format("the data has years {}", fmt::join(have, ", "))));
  }
  Evaluation ev;
  ev.year = year;
  ev.kinds.resize(a.kinds.size());
  Diagnostics diag;
  for (const Kind& kind : a.kinds) {
    if (kind.rated()) report_missing(a, kind.id, yd->of(kind.id), year, diag);
  }
  diag.throw_if_any();

  // Own scores. Units are independent once the peer statistics are known: two halves, two cores.
  for (const Kind& kind : a.kinds) {
    if (!kind.rated()) continue;
    const Scheme& s = *kind.scheme;
    const Table& table = yd->of(kind.id);
    KindResult& result = ev.of(kind.id);
    result.scored = true;
    result.stats = peer_stats(s, table);
    detail::resize_touched(result.units, a.roster.size(kind.id));
    const Plan plan(s, result.stats);
    detail::halves(result.units.size(), detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
      score_units(s, plan, table, from, to, a.precision, result.units.data());
      for (std::size_t u = from; u < to; ++u) result.units[u].final = result.units[u].own;
    });
  }
  if (a.dual && ev.of(UnitKind::alliance).scored) evaluate_dual(a, *a.dual, ev);
  for (const Kind& kind : a.kinds) {
    if (kind.rated()) check_scale(a, kind.id, ev.of(kind.id).units, year, diag);
  }
  diag.throw_if_any();
  // A promotion limit needs last year's stars, computed by the same rules (and so limited
  // by the year before, back to the first year with data).
  std::optional<Evaluation> last;
  const bool promotion =
      std::any_of(a.kinds.begin(), a.kinds.end(), [](const Kind& k) { return k.rated() && k.scheme->promotion_up; });
  if (promotion && data.year(year - 1) != nullptr) {
    last = evaluate(a, data, year - 1);
    ev.promotion_base = true;
  }
  for (const Kind& kind : a.kinds) {
    if (!kind.rated()) continue;
    KindResult& result = ev.of(kind.id);
    result.ranking = finish(
        *kind.scheme,
        [&](int u) {
          return a.roster.id_of(UnitRef{kind.id, u});
        },
        a.precision, last ? &last->of(kind.id).units : nullptr, result.units);
    if (a.tiers) place_tiers(*a.tiers, result.ranking, result.units);
  }
  return ev;
}

Breakdown breakdown(const Assessment& a, const DataSet& data, const Evaluation& ev, UnitKind kind, int unit) {
  const Scheme& s = a.scheme(kind);
  const auto& stats = ev.of(kind).stats;
  const auto row = data.year(ev.year)->of(kind).row(static_cast<std::size_t>(unit));
  Breakdown b;
  std::vector<double> ach(s.nodes.size());
  double base = 0;
  bool missing = false;
  Plan(s, stats).achieve(row.data(), row.size(), 1, 1, ach.data(), &base, &missing);
  b.nodes.resize(s.nodes.size());
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    const Indicator& n = s.nodes[i];
    NodeResult& r = b.nodes[i];
    if (n.is_leaf()) r.raw = row[static_cast<std::size_t>(n.item)];
    r.achievement = ach[i];
    r.max_points = n.share * s.total;
    r.points = ach[i] * r.max_points;
  }
  for (const auto& adj : s.adjustments) {
    const double x = row[static_cast<std::size_t>(adj.item)];
    b.adjustments.push_back(AdjustmentResult{std::isnan(x) ? 0.0 : x, adjustment_points(adj, row)});
  }
  b.vetoes = triggered_vetoes(s, row);
  b.missing = missing_leaves(s, row);
  return b;
}

}  // namespace xingji
