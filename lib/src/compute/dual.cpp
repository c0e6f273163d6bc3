// Dual evaluation (双考评, spec 2.4): the member aggregate and the final scores it feeds.
#include "compute/dual.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "base/parallel.hpp"

namespace xingji {

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

namespace detail {

// 双考评 (spec 2.4), the one coupling between kinds: an alliance's total takes in its members'
// own scores, and a village's final score its alliance's total.
void evaluate_dual(const Assessment& a, const Dual& dual, Evaluation& ev) {
  auto& villages = ev.of(UnitKind::village).units;
  auto& alliances = ev.of(UnitKind::alliance).units;
  const auto& roster = a.roster;
  // An alliance's work is mostly reading its members' scores.
  const std::size_t split = roster.villages.size() >= kParallelUnits ? 2 : alliances.size() + 1;
  halves(alliances.size(), split, [&](std::size_t from, std::size_t to) {
    std::vector<double> own;
    for (std::size_t u = from; u < to; ++u) {
      UnitScore& r = alliances[u];
      own.clear();
      for (int m : roster.alliances[u].members) own.push_back(villages[static_cast<std::size_t>(m)].own);
      r.members = aggregate_members(std::move(own), dual.members);
      r.final = dual.alliance_own * r.own + (1 - dual.alliance_own) * r.members;
    }
  });
  halves(villages.size(), kParallelUnits, [&](std::size_t from, std::size_t to) {
    for (std::size_t u = from; u < to; ++u) {
      const int al = roster.villages[u].alliance_index;
      if (al < 0) continue;
      auto& v = villages[u];
      v.final = dual.village_own * v.own + (1 - dual.village_own) * alliances[static_cast<std::size_t>(al)].final;
    }
  });
}

}  // namespace detail

}  // namespace xingji

namespace xingji::detail {

Table linked_values(const Assessment& a, const Evaluation& ev, const Kind& kind, const Table& table) {
  Table out = table;
  const Scheme& s = *kind.scheme;
  const auto& villages = ev.of(UnitKind::village);
  const auto& alliances = ev.of(UnitKind::alliance);
  auto value = [&](const KindResult& r, int unit, LinkValue v) {
    if (unit < 0 || !r.scored) return std::numeric_limits<double>::quiet_NaN();
    const UnitScore& u = r.units[static_cast<std::size_t>(unit)];
    switch (v) {
      case LinkValue::final:
        return u.shown.value();
      case LinkValue::own:
        return round_score(u.own, a.precision).value();
      case LinkValue::stars:
        return static_cast<double>(u.stars);
    }
    return std::numeric_limits<double>::quiet_NaN();
  };
  for (std::size_t p = 0; p < out.units; ++p) {
    const int v = a.roster.person(UnitRef{kind.id, static_cast<int>(p)}).village;
    const int al = v >= 0 ? a.roster.villages[static_cast<std::size_t>(v)].alliance_index : -1;
    for (const Indicator& n : s.nodes) {
      if (!n.link) continue;
      const double x =
          n.link->of == LinkOf::village ? value(villages, v, n.link->value) : value(alliances, al, n.link->value);
      out.set(p, static_cast<std::size_t>(n.item), x);
    }
  }
  return out;
}

}  // namespace xingji::detail
