#include "xingji/score.hpp"

#include <algorithm>
#include <cmath>

#include "parallel.hpp"
#include "xingji/stars.hpp"

namespace xingji {

double leaf_achievement(const Indicator& n, const LeafStats& st, double x, MissingPolicy missing) {
  if (std::isnan(x)) return missing == MissingPolicy::mean ? st.mean_achievement : 0.0;
  const Scoring& sc = n.scoring;
  switch (sc.method) {
    case Method::direct:
      return x / n.weight;
    case Method::linear:
      return std::clamp((x - sc.zero) / (sc.full - sc.zero), 0.0, 1.0);
    case Method::steps:
      // Steps are sorted so that the first entry that admits x is the one the spec names.
      for (const auto& step : sc.steps) {
        if (sc.steps_by_max ? x <= step.bound : x >= step.bound) return step.points / n.weight;
      }
      return 0.0;
    case Method::ratio:
      if (sc.direction == Direction::higher) return st.max > 0 ? x / st.max : 0.0;
      return x == 0 ? 1.0 : st.min / x;
    case Method::minmax:
      if (st.max == st.min) return 1.0;
      return sc.direction == Direction::higher ? (x - st.min) / (st.max - st.min) : (st.max - x) / (st.max - st.min);
    case Method::check:
      return x;
  }
  return 0.0;
}

std::vector<int> missing_leaves(const Scheme& scheme, std::span<const double> row) {
  std::vector<int> out;
  for (std::size_t i = 0; i < scheme.nodes.size(); ++i) {
    const auto& n = scheme.nodes[i];
    if (n.is_leaf() && std::isnan(row[static_cast<std::size_t>(n.item)])) out.push_back(static_cast<int>(i));
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

// Below this many units a second thread costs more than it saves.
constexpr std::size_t kParallelUnits = 20000;

// Peer statistics of every leaf over the units of one kind in one year. One pass over the
// rows (not one per leaf): the matrix is large and rows are contiguous.
std::vector<LeafStats> peer_stats(const Scheme& s, const Table& t) {
  std::vector<LeafStats> stats(s.nodes.size());
  std::vector<std::pair<std::size_t, std::size_t>> leaves;  // (node, item)
  for (std::size_t n = 0; n < s.nodes.size(); ++n) {
    if (s.nodes[n].is_leaf()) leaves.emplace_back(n, static_cast<std::size_t>(s.nodes[n].item));
  }
  // Max, min and count merge exactly, so the two halves of the rows give the same result.
  auto scan = [&](std::size_t from, std::size_t to, std::vector<LeafStats>& out) {
    for (std::size_t u = from; u < to; ++u) {
      const double* row = t.values.data() + u * t.items;
      for (const auto& [n, item] : leaves) {
        const double x = row[item];
        if (std::isnan(x)) continue;
        LeafStats& st = out[n];
        st.max = st.count == 0 ? x : std::max(st.max, x);
        st.min = st.count == 0 ? x : std::min(st.min, x);
        ++st.count;
      }
    }
  };
  std::vector<LeafStats> second(s.nodes.size());
  detail::halves(t.units, kParallelUnits,
                 [&](std::size_t from, std::size_t to) { scan(from, to, from == 0 ? stats : second); });
  for (const auto& [n, item] : leaves) {
    const LeafStats& b = second[n];
    if (b.count == 0) continue;
    LeafStats& a = stats[n];
    a.max = a.count == 0 ? b.max : std::max(a.max, b.max);
    a.min = a.count == 0 ? b.min : std::min(a.min, b.min);
    a.count += b.count;
  }
  if (s.missing == MissingPolicy::mean) {
    std::vector<double> sum(s.nodes.size(), 0.0);
    for (std::size_t u = 0; u < t.units; ++u) {
      const double* row = t.values.data() + u * t.items;
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

// Achievements of every node for one unit's row; returns the base score.
// Nodes are stored parents first, so one backward pass sees children before parents.
double achieve(const Scheme& s, const std::vector<LeafStats>& stats, std::span<const double> row, std::span<double> a) {
  for (std::size_t i = s.nodes.size(); i-- > 0;) {
    const Indicator& n = s.nodes[i];
    if (n.is_leaf()) {
      a[i] = leaf_achievement(n, stats[i], row[static_cast<std::size_t>(n.item)], s.missing);
      continue;
    }
    double num = 0, den = 0;
    for (int c : n.children) {
      const auto& child = s.nodes[static_cast<std::size_t>(c)];
      num += child.weight * a[static_cast<std::size_t>(c)];
      den += child.weight;
    }
    a[i] = num / den;
  }
  double num = 0, den = 0;
  for (int r : s.roots) {
    num += s.nodes[static_cast<std::size_t>(r)].weight * a[static_cast<std::size_t>(r)];
    den += s.nodes[static_cast<std::size_t>(r)].weight;
  }
  return s.total * num / den;
}

double adjustment_points(const Adjustment& adj, std::span<const double> row) {
  const double x = row[static_cast<std::size_t>(adj.item)];
  if (std::isnan(x)) return 0.0;
  const double p = x * adj.per;
  return adj.cap ? std::min(p, *adj.cap) : p;
}

// Base, adjustments and own score of one unit.
void score_unit(const Scheme& s, const std::vector<LeafStats>& stats, std::span<const double> row,
                std::vector<double>& scratch, UnitScore& out) {
  out.base = achieve(s, stats, row, scratch);
  double bonus = 0, deduction = 0;
  for (const auto& adj : s.adjustments) (adj.bonus ? bonus : deduction) += adjustment_points(adj, row);
  out.bonus = s.bonus_cap ? std::min(bonus, *s.bonus_cap) : bonus;
  out.deduction = s.deduction_cap ? std::min(deduction, *s.deduction_cap) : deduction;
  out.own = std::max(0.0, out.base + out.bonus - out.deduction);
  for (const auto& n : s.nodes) {
    if (n.is_leaf() && std::isnan(row[static_cast<std::size_t>(n.item)])) {
      out.missing = true;
      break;
    }
  }
  const auto cap = veto_cap(s, row);
  out.veto_cap = cap.value_or(-1);
  out.vetoed = cap.has_value();
}

void report_missing(const Assessment& a, const Scheme& s, const Table& t, UnitKind kind, int year, Diagnostics& diag) {
  if (s.missing != MissingPolicy::error) return;
  for (std::size_t u = 0; u < t.units; ++u) {
    const auto row = t.row(u);
    for (const auto& n : s.nodes) {
      if (!n.is_leaf() || !std::isnan(row[static_cast<std::size_t>(n.item)])) continue;
      const std::string& id = kind == UnitKind::village ? a.roster.villages[u].id : a.roster.alliances[u].id;
      diag.add(Location{a.manifest, 0, 0},
               "no value for '" + n.id + "' of " + (kind == UnitKind::village ? "village '" : "alliance '") + id +
                   "' in " + std::to_string(year) +
                   "; add it to the data, or set `missing: zero` or `missing: mean` in " + s.file);
    }
  }
}

// Rounding, stars and vetoes of every unit of a kind, then ranks.
std::vector<Placed> finish(const Scheme& s, const std::vector<std::string_view>& ids, int precision,
                           BigVector<UnitScore>& units) {
  std::vector<std::int64_t> keys(units.size());
  std::vector<int> all(units.size());
  for (std::size_t u = 0; u < units.size(); ++u) {
    UnitScore& r = units[u];
    r.shown = round_score(r.final, precision);
    r.score_stars = stars_for(s, r.shown.nanos());
    r.stars = r.vetoed ? std::min(r.score_stars, r.veto_cap) : r.score_stars;
    keys[u] = r.shown.nanos();
    all[u] = static_cast<int>(u);
  }
  auto ranking = rank_units(all, keys, ids);
  for (const auto& p : ranking) units[static_cast<std::size_t>(p.unit)].rank = p.rank;
  return ranking;
}

}  // namespace

Evaluation evaluate(const Assessment& a, const DataSet& data, int year) {
  const YearData* yd = data.year(year);
  if (yd == nullptr) {
    std::string have;
    for (const auto& [y, unused] : data.years) have += (have.empty() ? "" : ", ") + std::to_string(y);
    throw Error(Location{a.manifest, 0, 0},
                "no data for year " + std::to_string(year) +
                    (have.empty() ? std::string("; the data has no values at all") : "; the data has years " + have));
  }
  Evaluation ev;
  ev.year = year;
  ev.alliances_scored = a.alliance_scheme.has_value();

  Diagnostics diag;
  report_missing(a, a.village_scheme, yd->villages, UnitKind::village, year, diag);
  if (a.alliance_scheme) report_missing(a, *a.alliance_scheme, yd->alliances, UnitKind::alliance, year, diag);
  diag.throw_if_any();

  std::vector<double> scratch;
  ev.village_stats = peer_stats(a.village_scheme, yd->villages);
  ev.villages.resize(a.roster.villages.size());
  // Units are independent once the peer statistics are known: two halves, two cores.
  detail::halves(ev.villages.size(), kParallelUnits, [&](std::size_t from, std::size_t to) {
    std::vector<double> local(a.village_scheme.nodes.size());
    for (std::size_t u = from; u < to; ++u) {
      score_unit(a.village_scheme, ev.village_stats, yd->villages.row(u), local, ev.villages[u]);
      ev.villages[u].final = ev.villages[u].own;
    }
  });
  if (a.alliance_scheme) {
    const Scheme& s = *a.alliance_scheme;
    ev.alliance_stats = peer_stats(s, yd->alliances);
    ev.alliances.resize(a.roster.alliances.size());
    scratch.resize(s.nodes.size());
    for (std::size_t u = 0; u < ev.alliances.size(); ++u) {
      UnitScore& r = ev.alliances[u];
      score_unit(s, ev.alliance_stats, yd->alliances.row(u), scratch, r);
      r.final = r.own;
      if (a.dual) {
        std::vector<double> own;
        for (int m : a.roster.alliances[u].members) own.push_back(ev.villages[static_cast<std::size_t>(m)].own);
        r.members = aggregate_members(std::move(own), a.dual->members);
        r.final = a.dual->alliance_own * r.own + (1 - a.dual->alliance_own) * r.members;
      }
    }
    if (a.dual) {
      for (std::size_t u = 0; u < ev.villages.size(); ++u) {
        const int al = a.roster.villages[u].alliance_index;
        if (al < 0) continue;
        auto& v = ev.villages[u];
        v.final =
            a.dual->village_own * v.own + (1 - a.dual->village_own) * ev.alliances[static_cast<std::size_t>(al)].final;
      }
    }
  }
  std::vector<std::string_view> ids;
  for (const auto& v : a.roster.villages) ids.push_back(v.id);
  ev.village_ranking = finish(a.village_scheme, ids, a.precision, ev.villages);
  if (a.alliance_scheme) {
    ids.clear();
    for (const auto& al : a.roster.alliances) ids.push_back(al.id);
    ev.alliance_ranking = finish(*a.alliance_scheme, ids, a.precision, ev.alliances);
  }
  return ev;
}

Breakdown breakdown(const Assessment& a, const DataSet& data, const Evaluation& ev, UnitKind kind, int unit) {
  const Scheme& s = *a.scheme_for(kind);
  const auto& stats = kind == UnitKind::village ? ev.village_stats : ev.alliance_stats;
  const auto row = data.year(ev.year)->of(kind).row(static_cast<std::size_t>(unit));
  Breakdown b;
  std::vector<double> ach(s.nodes.size());
  achieve(s, stats, row, ach);
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
