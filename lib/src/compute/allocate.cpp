// 资金分配 (spec 7): who is eligible, their weights and claims, water-filling within the
// floor and the cap, money rounded to the unit by the largest remainder; and `then`, each
// alliance's part shared among its member villages the same way.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/suggest.hpp"
#include "xingji/allocate.hpp"
#include "xingji/number.hpp"

namespace xingji {

namespace {

// The cap in whole units: cap_share * amount rounded down, in exact integers (0.29 * 100 is 29).
std::int64_t cap_units(const ShareRule& rule, std::int64_t amount) {
  if (!rule.cap_share) return -1;
  __extension__ using Wide = unsigned __int128;  // share (1e-9) times amount overflows 64 bits
  return static_cast<std::int64_t>(static_cast<Wide>(rule.cap_nanos) * static_cast<Wide>(amount) / 1'000'000'000u);
}

std::string money(std::int64_t units, double unit) { return format_number(static_cast<double>(units) * unit); }

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
        eligible.push_back(out.units.size());
      }
      out.units.push_back(s);
    }
    const std::string what = parent ? fmt::format("the part of {} '{}' in allocation '{}'",
                                                  a_.kind(parent->kind).words.noun, a_.roster.id_of(*parent), al_.id)
                                    : fmt::format("allocation '{}'", al_.id);
    const std::size_t n = eligible.size();
    if (n == 0) {
      if (amount == 0 && parent) return out;
      throw Error(rule.where, fmt::format("{} has no eligible {}: all {} are excluded ({}); exclude fewer", what,
                                          words.noun, out.units.size(), excluded_text(out)));
    }
    // Claims, in units of money: the base share equally, the rest by weight (equally when
    // every weight is 0).
    double total_weight = 0;
    for (const std::size_t i : eligible) total_weight += out.units[i].weight;
    const auto A = static_cast<double>(amount);
    std::vector<double> claims;
    for (const std::size_t i : eligible) {
      const double by_weight = total_weight > 0 ? out.units[i].weight / total_weight : 1.0 / static_cast<double>(n);
      out.units[i].claim = rule.base * A / static_cast<double>(n) + (1 - rule.base) * A * by_weight;
      claims.push_back(out.units[i].claim);
    }
    const auto floor = static_cast<std::int64_t>(std::llround(rule.floor / al_.unit));
    FillProblem problem = FillProblem::none;
    const std::vector<double> exact =
        water_fill(claims, A, static_cast<double>(floor), static_cast<double>(out.cap), &problem);
    if (problem != FillProblem::none) throw fill_error(rule, problem, what, words, n, amount, floor, out.cap, claims);
    std::vector<int> order(n);  // eligible units are already in rank order
    for (std::size_t k = 0; k < n; ++k) order[k] = static_cast<int>(k);
    const std::vector<std::int64_t> parts = apportion(exact, amount, order, out.cap);
    for (std::size_t k = 0; k < n; ++k) {
      SharedUnit& s = out.units[eligible[k]];
      s.exact = exact[k] * al_.unit;
      s.claim *= al_.unit;
      s.amount = parts[k];
      if (out.cap >= 0 && std::abs(exact[k] - static_cast<double>(out.cap)) < 1e-9) {
        s.why = Share::cap;
      } else if (floor > 0 && std::abs(exact[k] - static_cast<double>(floor)) < 1e-9) {
        s.why = Share::floor;
      }
    }
    return out;
  }

 private:
  static double weight(const ShareRule& rule, const UnitScore& r) {
    if (rule.by == ShareRule::By::score) return std::max(0.0, r.shown.value() - rule.above);
    for (const auto& [level, factor] : rule.factors) {
      if (level == r.stars) return factor;
    }
    return 0;
  }

  std::string excluded_text(const Sharing& s) const {
    std::size_t vetoed = 0, tiered = 0;
    for (const auto& u : s.units) {
      vetoed += u.why == Share::excluded_veto;
      tiered += u.why == Share::excluded_tier;
    }
    std::vector<std::string> parts;
    if (vetoed > 0) parts.push_back(fmt::format("{} vetoed", vetoed));
    if (tiered > 0) parts.push_back(fmt::format("{} by their tier", tiered));
    return fmt::format("{}", fmt::join(parts, ", "));
  }

  Error fill_error(const ShareRule& rule, FillProblem problem, const std::string& what, const KindWords& words,
                   std::size_t n, std::int64_t amount, std::int64_t floor, std::int64_t cap,
                   const std::vector<double>& claims) const {
    const double unit = al_.unit;
    const auto count = static_cast<std::int64_t>(n);
    switch (problem) {
      case FillProblem::floors_over:
        return Error(rule.floor_at,
                     fmt::format("the floors of {} add up to {} for its {} eligible {}, {} more than the amount {}; "
                                 "lower 'floor' to at most {}",
                                 what, money(count * floor, unit), n, words.plural, money(count * floor - amount, unit),
                                 money(amount, unit), money(amount / count, unit)));
      case FillProblem::caps_under:
        return Error(
            rule.cap_at,
            fmt::format("no {} may get more than {} in {} (cap_share {} of {}), so its {} eligible {} get at "
                        "most {}, {} less than the amount; raise 'cap_share'",
                        words.noun, money(cap, unit), what, format_number(*rule.cap_share), money(amount, unit), n,
                        words.plural, money(count * cap, unit), money(amount - count * cap, unit)));
      case FillProblem::claims_under: {
        const auto with =
            static_cast<std::int64_t>(std::count_if(claims.begin(), claims.end(), [](double c) { return c > 0; }));
        const std::int64_t most = with * cap + (count - with) * floor;
        return Error(rule.where,
                     fmt::format("in {}, only {} of {} eligible {} have a claim (the others' weight is 0 and 'base' "
                                 "is 0); at the cap ({}) with the rest at the floor they take {}, {} short of the "
                                 "amount {}; give a 'base' share or raise 'cap_share'",
                                 what, with, n, words.plural, money(cap, unit), money(most, unit),
                                 money(amount - most, unit), money(amount, unit)));
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

// Whether `x` is a whole number of `unit`s (within binary noise).
bool multiple_of(double x, double unit) {
  const double q = x / unit;
  return std::abs(q - std::round(q)) <= 1e-9 * std::max(1.0, std::abs(q));
}

}  // namespace

std::vector<const Allocation*> allocations_named(const Assessment& a, std::string_view id) {
  if (a.allocations.empty()) {
    throw Error(Location{a.manifest, 0, 0},
                "the manifest has no allocations; add `allocations:` to share out an amount");
  }
  std::vector<const Allocation*> out;
  std::vector<std::string_view> ids;
  for (const auto& al : a.allocations) {
    if (id.empty() || al.id == id) out.push_back(&al);
    ids.push_back(al.id);
  }
  if (out.empty()) {
    // The name came from the command line: the message points there, not at the manifest.
    throw Error(Location{"allocate", 0, 0}, unknown_name("allocation", id, ids, fmt::format(" in {}", a.manifest)));
  }
  return out;
}

AllocationResult allocate(const Assessment& a, const Evaluation& ev, const Allocation& al,
                          std::optional<double> amount) {
  const Location given{"--amount", 0, 0};
  if (amount) {
    if (*amount < 0 || !std::isfinite(*amount)) {
      throw Error(given, fmt::format("{} is not an amount to share out; give 0 or more", format_number(*amount)));
    }
    if (!multiple_of(*amount, al.unit)) {
      throw Error(given, fmt::format("{} is not a whole number of the unit {} of allocation '{}'; round it to the unit",
                                     format_number(*amount), format_number(al.unit), al.id));
    }
  } else if (al.amount) {
    amount = al.amount;
  } else {
    throw Error(al.where, fmt::format("allocation '{}' gives no amount; add `amount:` to it, or give --amount", al.id));
  }
  AllocationResult out;
  out.allocation = &al;
  out.unit = al.unit;
  const Sharer sharer(a, ev, al);
  std::vector<int> all(a.roster.size(al.to));
  for (std::size_t u = 0; u < all.size(); ++u) all[u] = static_cast<int>(u);
  out.shared = sharer.share(al.rule, al.to, std::move(all), std::llround(*amount / al.unit), std::nullopt);
  if (al.then) {
    // Each alliance's part among its member villages; an excluded alliance's villages get nothing.
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
