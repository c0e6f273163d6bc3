// 资金分配 (spec 7): who is eligible and with what weight, the parts (share_out, exact), and
// `then`, each alliance's part shared among its member villages the same way.
#include <fmt/format.h>

#include <algorithm>

#include "base/exact.hpp"
#include "base/i18n.hpp"
#include "base/suggest.hpp"
#include "xingji/allocate.hpp"

namespace xingji {

namespace {

using detail::Nanos;
using detail::nanos_text;

// The cap in whole units: cap_share x amount rounded down, in exact integers (0.29 x 100 is 29).
std::int64_t cap_units(const ShareRule& rule, std::int64_t amount) {
  if (!rule.cap_share) return -1;
  return static_cast<std::int64_t>(static_cast<Nanos>(*rule.cap_share) * amount / 1'000'000'000);
}

std::string money(std::int64_t units, std::int64_t unit) { return nanos_text(static_cast<Nanos>(units) * unit); }

class Sharer {
 public:
  Sharer(const Assessment& a, const Evaluation& ev, const Allocation& al) : a_(a), ev_(ev), al_(al) {}

  // Shares `amount` units of money among `units` of `kind` by `rule`; `parent` is the
  // alliance whose part it is.
  Sharing share(const ShareRule& rule, UnitKind kind, std::vector<int> units, std::int64_t amount,
                std::optional<UnitRef> parent) const {
    const KindResult& result = ev_.of(kind);
    const KindWords& words = a_.kind(kind).words;
    // Rank order: the order of the table, and the tie-break of the largest remainder.
    std::sort(units.begin(), units.end(), [&](int x, int y) {
      const int rx = result.units[static_cast<std::size_t>(x)].rank,
                ry = result.units[static_cast<std::size_t>(y)].rank;
      return rx != ry ? rx < ry : a_.roster.id_of(UnitRef{kind, x}) < a_.roster.id_of(UnitRef{kind, y});
    });
    Sharing out;
    out.parent = parent;
    out.amount = amount;
    out.cap = cap_units(rule, amount);
    std::vector<std::size_t> eligible;  // indices into out.units
    std::vector<std::int64_t> weights;
    for (const int u : units) {
      const UnitScore& r = result.units[static_cast<std::size_t>(u)];
      SharedUnit s;
      s.unit = UnitRef{kind, u};
      if (rule.exclude_veto && r.vetoed) {
        s.why = Share::excluded_veto;
      } else if (std::find(rule.exclude_tiers.begin(), rule.exclude_tiers.end(), r.tier) != rule.exclude_tiers.end()) {
        s.why = Share::excluded_tier;
      } else {
        s.weight = weight(rule, r);
        weights.push_back(s.weight);
        eligible.push_back(out.units.size());
      }
      out.units.push_back(s);
    }
    // TRANSLATORS: "the part of alliance 'a1' in allocation 'fund'": a noun phrase, the {} of
    // the messages about sharing out below.
    const std::string what = parent ? _f("the part of {} '{}' in allocation '{}'", tr(a_.kind(parent->kind).words.noun),
                                         a_.roster.id_of(*parent), al_.id)
                                    // TRANSLATORS: a noun phrase, the {} of the messages about sharing out.
                                    : _f("allocation '{}'", al_.id);
    if (units.empty()) {
      throw Error(rule.where, parent ? _f("{} is {}, but {} '{}' has no member villages to share it among; "
                                          "give it members in the roster",
                                          what, money(amount, al_.unit), tr(a_.kind(parent->kind).words.noun),
                                          a_.roster.id_of(*parent))
                                     : _f("{} goes to {}, but there are none", what, tr(words.plural)));
    }
    const std::size_t n = eligible.size();
    if (n == 0) {
      throw Error(rule.where, _f("{} has no eligible {}: all {} are excluded ({}); exclude fewer", what, tr(words.noun),
                                 out.units.size(), excluded_text(out)));
    }
    std::vector<int> order(n);  // eligible units are already in rank order
    for (std::size_t k = 0; k < n; ++k) order[k] = static_cast<int>(k);
    const Shares parts = share_out(weights, rule.base, amount, rule.floor, out.cap, order);
    if (parts.problem != FillProblem::none)
      throw fill_error(rule, parts.problem, what, words, n, amount, out.cap, weights);
    for (std::size_t k = 0; k < n; ++k) {
      SharedUnit& s = out.units[eligible[k]];
      s.share_units = parts.share_units[k];
      s.share_nanos = parts.share_nanos[k];
      s.amount = parts.parts[k];
      // A unit is at the floor or the cap only where there is one to be at (amount 0 has both at 0).
      s.why = (parts.why[k] == Share::floor && rule.floor > 0) || (parts.why[k] == Share::cap && out.cap > 0)
                  ? parts.why[k]
                  : Share::claim;
    }
    return out;
  }

 private:
  static std::int64_t weight(const ShareRule& rule, const UnitScore& r) {
    if (rule.by == ShareRule::By::score) return std::max<std::int64_t>(0, r.shown.nanos() - rule.above);
    for (const auto& [level, factor] : rule.factors) {
      if (level == r.stars) return factor;
    }
    return 0;
  }

  static std::string excluded_text(const Sharing& s) {
    std::size_t vetoed = 0, tiered = 0;
    for (const auto& u : s.units) {
      vetoed += u.why == Share::excluded_veto;
      tiered += u.why == Share::excluded_tier;
    }
    std::vector<std::string> parts;
    // TRANSLATORS: how many units are excluded and why, listed in "all 3 are excluded (...)".
    if (vetoed > 0) parts.push_back(_f("{} vetoed", vetoed));
    if (tiered > 0) parts.push_back(_f("{} by their tier", tiered));
    // TRANSLATORS: the separator of such a list.
    return fmt::format("{}", fmt::join(parts, _(", ")));
  }

  Error fill_error(const ShareRule& rule, FillProblem problem, const std::string& what, const KindWords& words,
                   std::size_t n, std::int64_t amount, std::int64_t cap,
                   const std::vector<std::int64_t>& weights) const {
    const std::int64_t unit = al_.unit, floor = rule.floor;
    const auto count = static_cast<Nanos>(n);
    auto sum = [&](Nanos units) { return nanos_text(units * unit); };
    switch (problem) {
      case FillProblem::floors_over:
        return Error(rule.floor_at,
                     _f("the floors of {} add up to {} for its {} eligible {}, {} more than the amount {}; "
                        "lower 'floor' to at most {}",
                        what, sum(count * floor), n, tr(words.plural), sum(count * floor - amount), money(amount, unit),
                        sum(amount / count)));
      case FillProblem::caps_under:
        return Error(rule.cap_at,
                     _f("no {} may get more than {} in {} (cap_share {} of {}), so its {} eligible {} get at "
                        "most {}, {} less than the amount; raise 'cap_share'",
                        tr(words.noun), money(cap, unit), what, nanos_text(*rule.cap_share), money(amount, unit), n,
                        tr(words.plural), sum(count * cap), sum(amount - count * cap)));
      case FillProblem::claims_under: {
        const auto with =
            static_cast<Nanos>(std::count_if(weights.begin(), weights.end(), [](std::int64_t w) { return w > 0; }));
        const Nanos most = with * cap + (count - with) * floor;
        return Error(rule.where, _f("in {}, only {} of {} eligible {} have a claim (the others' weight is 0 and 'base' "
                                    "is 0); at the cap ({}) with the rest at the floor they take {}, {} short of the "
                                    "amount {}; give a 'base' share or raise 'cap_share'",
                                    what, static_cast<long long>(with), n, tr(words.plural), money(cap, unit),
                                    sum(most), sum(amount - most), money(amount, unit)));
      }
      case FillProblem::none:
        break;
    }
    return Error(rule.where, what);
  }

  const Assessment& a_;
  const Evaluation& ev_;
  const Allocation& al_;
};

}  // namespace

std::vector<const Allocation*> allocations_named(const Assessment& a, std::string_view id) {
  if (a.allocations.empty()) {
    throw Error(Location{a.manifest, 0, 0},
                _("the manifest has no allocations; add `allocations:` to share out an amount"));
  }
  std::vector<const Allocation*> out;
  std::vector<std::string_view> ids;
  for (const auto& al : a.allocations) {
    if (id.empty() || al.id == id) out.push_back(&al);
    ids.push_back(al.id);
  }
  if (out.empty()) {
    // The name came from the command line: the message points there, not at the manifest.
    throw Error(Location{"allocate", 0, 0},
                with_suggestion(_f("unknown allocation '{}' in {}", id, a.manifest), id, ids));
  }
  return out;
}

AllocationResult allocate(const Assessment& a, const Evaluation& ev, const Allocation& al,
                          std::optional<std::string_view> amount) {
  std::int64_t units = 0;
  if (amount) {
    // As given on the command line: exact, or refused.
    const Location given{"--amount", 0, 0};
    const auto x = detail::exact_nanos(*amount);
    if (!x || *x < 0) {
      throw Error(given, _f("'{}' is not an amount to share out; give a number, 0 or more, with at most nine decimals",
                            *amount));
    }
    if (*x % al.unit != 0) {
      throw Error(given, _f("{} is not a whole number of the unit {} of allocation '{}'; round it to the unit",
                            nanos_text(*x), nanos_text(al.unit), al.id));
    }
    if (*x / al.unit > static_cast<Nanos>(std::int64_t{1} << 62)) {
      throw Error(given, _f("{} is more units of {} than xingji counts; give allocation '{}' a larger unit",
                            nanos_text(*x), nanos_text(al.unit), al.id));
    }
    units = static_cast<std::int64_t>(*x / al.unit);
  } else if (al.amount) {
    units = *al.amount;
  } else {
    throw Error(al.where, _f("allocation '{}' gives no amount; add `amount:` to it, or give --amount", al.id));
  }
  AllocationResult out;
  out.allocation = &al;
  out.unit = al.unit;
  const Sharer sharer(a, ev, al);
  std::vector<int> all(a.roster.size(al.to));
  for (std::size_t u = 0; u < all.size(); ++u) all[u] = static_cast<int>(u);
  out.shared = sharer.share(al.rule, al.to, std::move(all), units, std::nullopt);
  if (al.then) {
    // Each alliance's part among its member villages; an excluded alliance, or one given
    // nothing, shares nothing.
    for (const SharedUnit& s : out.shared.units) {
      if (s.amount <= 0) continue;
      const auto& members = a.roster.alliances[static_cast<std::size_t>(s.unit.index)].members;
      out.then.push_back(sharer.share(*al.then, UnitKind::village, std::vector<int>(members.begin(), members.end()),
                                      s.amount, s.unit));
    }
  }
  return out;
}

}  // namespace xingji
