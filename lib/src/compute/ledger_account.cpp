// One unit's ledger account (积分明细, spec 6): what each event gives and what each cap takes
// from it, shared by `xingji ledger UNIT` and explain's lines of a ledger item.
#include <algorithm>
#include <array>
#include <optional>

#include "xingji/ledger.hpp"

namespace xingji {

namespace {

// The item's own cap on its points: a leaf's weight, an adjustment's `cap` (none without).
std::optional<double> item_cap(const Scheme& s, int item) {
  const Item& it = s.items[static_cast<std::size_t>(item)];
  if (it.kind == ItemKind::adjustment) return s.adjustments[static_cast<std::size_t>(it.index)].cap;
  return s.nodes[static_cast<std::size_t>(it.index)].weight;
}

// Whether the item's points count against the unit (a deduct leaf, a deduction).
bool negative(const Scheme& s, int item) {
  const Item& it = s.items[static_cast<std::size_t>(item)];
  if (it.kind == ItemKind::adjustment) return !s.adjustments[static_cast<std::size_t>(it.index)].bonus;
  const auto& n = s.nodes[static_cast<std::size_t>(it.index)];
  return n.ledger && n.ledger->deduct;
}

// What of `amount` a cap keeps when `used` of it is already taken; adds `amount` to `used`.
double keep(double amount, std::optional<double> cap, double& used) {
  const double kept = cap ? std::min(amount, std::max(0.0, *cap - used)) : amount;
  used += amount;
  return kept;
}

// What one item has used of each of its caps so far.
struct Used {
  std::array<double, 12> months{};
  std::array<double, 4> quarters{};
  double year = 0;
  double item = 0;
};

}  // namespace

std::vector<LedgerEntry> ledger_entries(const Scheme& s, const std::vector<LedgerEvent>& events) {
  std::vector<Used> used(s.items.size());
  std::vector<LedgerEntry> out;
  out.reserve(events.size());
  for (const LedgerEvent& ev : events) {
    const LedgerRule* rule = ledger_rule(s, ev.item);
    if (rule == nullptr) continue;
    Used& u = used[static_cast<std::size_t>(ev.item)];
    const double points = ev.count * rule->per;
    const double month = keep(points, rule->month, u.months[static_cast<std::size_t>(ev.date.month - 1)]);
    const double quarter = keep(month, rule->quarter, u.quarters[static_cast<std::size_t>(ev.date.quarter() - 1)]);
    const double year = keep(quarter, rule->year, u.year);
    const double kept = keep(year, item_cap(s, ev.item), u.item);
    const double sign = negative(s, ev.item) ? -1 : 1;
    out.push_back(LedgerEntry{ev, sign * points, sign * (points - month), sign * (month - quarter),
                              sign * (quarter - year), sign * (year - kept), sign * kept});
  }
  return out;
}

LedgerTrace ledger_trace(const Scheme& s, int item, const std::vector<LedgerEvent>& events) {
  const LedgerRule* rule = ledger_rule(s, item);
  std::array<double, 12> months{};
  for (const LedgerEvent& ev : events) {
    if (ev.item == item) months[static_cast<std::size_t>(ev.date.month - 1)] += ev.count * rule->per;
  }
  return cap_ledger(*rule, months);
}

LedgerAccount ledger_account(const Assessment& a, UnitRef unit, std::optional<Date> until) {
  const LedgerStandings standings = ledger_standings(a, unit.kind, until);
  const Scheme& s = a.scheme(unit.kind);
  LedgerAccount out;
  out.unit = unit;
  out.until = standings.until;
  out.units = standings.units.size();
  for (const LedgerStanding& st : standings.units) {
    if (st.unit != unit.index) continue;
    out.total = st.total;
    out.shown = st.shown;
    out.rank = st.rank;
  }
  std::vector<LedgerEvent> events = unit_events(a, unit, out.until.year);
  std::erase_if(events, [&](const LedgerEvent& ev) { return ev.date > out.until; });
  for (const int item : standings.items) {
    LedgerItemAccount& it = out.items.emplace_back();
    it.item = item;
    it.trace = ledger_trace(s, item, events);
    it.points = ledger_points(s, item, it.trace.value);
  }
  out.entries = ledger_entries(s, events);
  return out;
}

}  // namespace xingji
