// `explain` of a unit mentions its allocations (spec 7): what it gets of each, or why nothing.
#include <fmt/format.h>

#include "base/exact.hpp"
#include "compute/explain_parts.hpp"
#include "xingji/allocate.hpp"

namespace xingji::detail {

namespace {

using detail::Nanos;

// What the unit gets of one sharing it is in ("" when it is not in it): money, or why none.
struct Part {
  std::string text;
  bool excluded = false;
};

Part part_in(const Run& run, const Sharing& s, const ShareRule& rule, UnitRef unit, std::int64_t money_unit) {
  for (const SharedUnit& u : s.units) {
    if (u.unit.kind != unit.kind || u.unit.index != unit.index) continue;
    const UnitScore& r = run.eval.of(unit.kind).units[static_cast<std::size_t>(unit.index)];
    switch (u.why) {
      case Share::excluded_veto:
        return {"一票否决", true};
      case Share::excluded_tier:
        return {tier_label(*run.assessment.tiers, r.tier), true};
      case Share::floor:
        return {fmt::format("{}元（保底）", money_text(u.amount, money_unit))};
      case Share::cap:
        return {fmt::format("{}元（封顶{}%）", money_text(u.amount, money_unit),
                            nanos_text(static_cast<Nanos>(*rule.cap_share) * 100))};
      case Share::claim:
        break;
    }
    return {fmt::format("{}元（占{}）", money_text(u.amount, money_unit), percent_of(u.amount, s.amount))};
  }
  return {};
}

}  // namespace

void explain_funds(const Run& run, UnitKind kind, int unit, Explanation& e) {
  const Assessment& a = run.assessment;
  const UnitRef ref{kind, unit};
  for (const Allocation& al : a.allocations) {
    const bool direct = al.to == kind;
    const bool through = al.then && kind == UnitKind::village && a.kind(al.to).shape == KindShape::alliance;
    if (!direct && !through) continue;
    const std::string name = display_name(al.name, al.id);
    if (!al.amount) {
      e.funds.push_back(fmt::format("{}：清单未给出总额（xingji allocate {} --amount 金额）", name, al.id));
      continue;
    }
    AllocationResult r;
    try {
      r = allocate(a, run.eval, al);
    } catch (const Error&) {
      e.funds.push_back(fmt::format("{}：无法分配（见 xingji allocate {}）", name, al.id));
      continue;
    }
    if (direct) {
      const Part p = part_in(run, r.shared, al.rule, ref, r.unit);
      e.funds.push_back(p.excluded ? fmt::format("{}：不参加（{}）", name, p.text)
                                   : fmt::format("{}：{}", name, p.text));
      continue;
    }
    // A village's part of its alliance's part.
    const int alliance = a.roster.villages[static_cast<std::size_t>(unit)].alliance_index;
    std::string line;
    for (const Sharing& s : r.then) {
      if (s.parent->index != alliance) continue;
      const std::string parent = display_name(a.roster.name_of(*s.parent), a.roster.id_of(*s.parent));
      const Part p = part_in(run, s, *al.then, ref, r.unit);
      line = p.excluded ? fmt::format("{}：不参加{}的再分配（{}）", name, parent, p.text)
                        : fmt::format("{}：经{}分得{}", name, parent, p.text);
    }
    if (line.empty()) line = fmt::format("{}：{}", name, alliance < 0 ? "不属于任何联盟" : "所在联盟未分得资金");
    e.funds.push_back(line);
  }
}

}  // namespace xingji::detail
