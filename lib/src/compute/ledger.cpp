// The arithmetic of ledgers (积分制, spec 6): caps per month, quarter and year on period sums
// (so the order of events never matters), every ledger item's value in the data, and the
// standings to a date (积分公示).
#include "xingji/ledger.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>

#include "base/i18n.hpp"
#include "base/parallel.hpp"
#include "compute/ranking.hpp"

namespace xingji {

LedgerTrace cap_ledger(const LedgerRule& rule, const std::array<double, 12>& months) {
  LedgerTrace t;
  t.months = months;
  for (std::size_t m = 0; m < 12; ++m) {
    t.months_kept[m] = rule.month ? std::min(months[m], *rule.month) : months[m];
    t.quarters[m / 3] += t.months_kept[m];
  }
  for (std::size_t q = 0; q < 4; ++q) {
    t.quarters_kept[q] = rule.quarter ? std::min(t.quarters[q], *rule.quarter) : t.quarters[q];
    t.year += t.quarters_kept[q];
  }
  t.value = rule.year ? std::min(t.year, *rule.year) : t.year;
  return t;
}

const LedgerRule* ledger_rule(const Scheme& s, int item) {
  const Item& it = s.items[static_cast<std::size_t>(item)];
  if (!it.ledger) return nullptr;
  if (it.kind == ItemKind::adjustment) {
    const auto& adj = s.adjustments[static_cast<std::size_t>(it.index)];
    return adj.ledger ? &*adj.ledger : nullptr;
  }
  const auto& n = s.nodes[static_cast<std::size_t>(it.index)];
  return n.ledger ? &*n.ledger : nullptr;
}

double ledger_points(const Scheme& s, int item, double value) {
  const Item& it = s.items[static_cast<std::size_t>(item)];
  if (it.kind == ItemKind::adjustment) {
    const auto& adj = s.adjustments[static_cast<std::size_t>(it.index)];
    const double p = adj.cap ? std::min(*adj.cap, value) : value;
    return adj.bonus ? p : -p;
  }
  const auto& n = s.nodes[static_cast<std::size_t>(it.index)];
  const double p = std::min(n.weight, value);
  return n.ledger && n.ledger->deduct ? -p : p;
}

namespace {

// How finely an item's events must be summed: by month when a month is capped, else by
// quarter when a quarter is, else by year (a province's ledger sums 12 times less).
int slots_of(const LedgerRule& r) { return r.month ? 12 : r.quarter ? 4 : 1; }

// Period sums of the counts of every unit of a kind and its ledger items, in one year, as
// whole numbers of 1e-9 counts: exact, so the order of events never changes a sum, and added
// from two cores at once (atomically) the sums are those of one core.
struct KindSums {
  std::vector<int> items;        // the scheme's ledger items
  std::vector<int> slots;        // per ledger item: 12, 4 or 1
  std::vector<int> offset;       // per ledger item: where its slots start in a unit's sums
  std::vector<int> index;        // per scheme item: its place in `items`, or -1
  int width = 0;                 // slots of a unit
  BigVector<std::int64_t> sums;  // units × width, in 1e-9 counts (huge pages: TLB misses)
};

KindSums sums_for(const Scheme& s, std::size_t units) {
  KindSums k;
  k.index.assign(s.items.size(), -1);
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    const LedgerRule* r = ledger_rule(s, static_cast<int>(i));
    if (r == nullptr) continue;
    k.index[i] = static_cast<int>(k.items.size());
    k.items.push_back(static_cast<int>(i));
    k.slots.push_back(slots_of(*r));
    k.offset.push_back(k.width);
    k.width += k.slots.back();
  }
  detail::resize_touched(k.sums, units * static_cast<std::size_t>(k.width));
  return k;
}

// Where `r`'s count is added up.
std::int64_t& sum_of(KindSums& k, const LedgerRow& r) {
  const int l = k.index[static_cast<std::size_t>(r.item)];
  const int n = k.slots[static_cast<std::size_t>(l)];
  const int slot = n == 12 ? r.date.month - 1 : n == 4 ? r.date.quarter() - 1 : 0;
  return k.sums[static_cast<std::size_t>(r.unit.index) * static_cast<std::size_t>(k.width) +
                static_cast<std::size_t>(k.offset[static_cast<std::size_t>(l)] + slot)];
}

// The value of ledger item `l` of unit `u` from its period sums.
double value_of(const KindSums& k, const LedgerRule& rule, std::size_t u, std::size_t l) {
  std::array<double, 12> months{};
  const std::int64_t* at =
      k.sums.data() + u * static_cast<std::size_t>(k.width) + static_cast<std::size_t>(k.offset[l]);
  // A quarter's or the year's sum stands in its first month: with no cap on months (or
  // quarters) the caps see the same sums.
  const int n = k.slots[l];
  for (int s = 0; s < n; ++s)
    months[static_cast<std::size_t>(s * (12 / n))] = static_cast<double>(at[s]) / 1e9 * rule.per;
  return cap_ledger(rule, months).value;
}

}  // namespace

void fill_ledgers(const Assessment& a, DataSet& data) {
  // Without any event (or any ledger file) every ledger item is 0, not missing.
  bool any = false;
  for (const Kind& k : a.kinds) any = any || (k.rated() && k.scheme->has_ledger());
  if (!any || data.years.empty()) return;
  // year -> kind -> sums
  std::map<int, std::vector<KindSums>> sums;
  for (const auto& [year, unused] : data.years) {
    auto& kinds = sums[year];
    kinds.resize(a.kinds.size());
    for (const Kind& k : a.kinds) {
      if (k.rated() && k.scheme->has_ledger()) kinds[index_of(k.id)] = sums_for(*k.scheme, a.roster.size(k.id));
    }
  }
  // The sums of an event's year and kind; none for a year without data (not rated).
  auto sums_of = [&](const LedgerRow& r) -> KindSums* {
    auto it = sums.find(r.date.year);
    return it == sums.end() ? nullptr : &it->second[index_of(r.unit.kind)];
  };
  // Sums are whole numbers added atomically: a large file is read on both cores. Each sum is
  // fetched kAhead events before it is added: in a province each is a cache miss.
  read_ledger_batches(
      a,
      [&](std::span<const LedgerRow> rows) {
        constexpr std::size_t kAhead = 16;
        for (std::size_t i = 0; i < rows.size() + kAhead; ++i) {
          if (i < rows.size()) {
            if (KindSums* k = sums_of(rows[i])) __builtin_prefetch(&sum_of(*k, rows[i]));
          }
          if (i < kAhead) continue;
          const LedgerRow& r = rows[i - kAhead];
          if (KindSums* k = sums_of(r))
            std::atomic_ref<std::int64_t>(sum_of(*k, r))
                .fetch_add(std::llround(r.count * 1e9), std::memory_order_relaxed);
        }
      },
      [&] {
        for (auto& [year, kinds] : sums) {
          for (KindSums& k : kinds) std::fill(k.sums.begin(), k.sums.end(), 0);
        }
      });
  for (auto& [year, kinds] : sums) {
    YearData& yd = data.years.at(year);
    for (const Kind& k : a.kinds) {
      if (!k.rated() || !k.scheme->has_ledger()) continue;
      const KindSums& ks = kinds[index_of(k.id)];
      Table& t = yd.kinds[index_of(k.id)].table;
      const Scheme& s = *k.scheme;
      for (std::size_t u = 0; u < t.units; ++u) {
        for (std::size_t l = 0; l < ks.items.size(); ++l) {
          const int item = ks.items[l];
          t.set(u, static_cast<std::size_t>(item), value_of(ks, *ledger_rule(s, item), u, l));
        }
      }
    }
  }
}

LedgerStandings ledger_standings(const Assessment& a, UnitKind kind, std::optional<Date> until) {
  const Scheme& s = a.scheme(kind);
  LedgerStandings out;
  out.kind = kind;
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    if (s.items[i].ledger) out.items.push_back(static_cast<int>(i));
  }
  if (out.items.empty()) {
    throw Error(Location{s.file, 0, 0}, _f("no item of this scheme takes a ledger; add `ledger: {{per: ...}}` to an "
                                           "item, or choose another kind with --level"));
  }
  // Months of every unit and ledger item; the events of the chosen year up to the date.
  const std::size_t units = a.roster.size(kind);
  std::vector<int> place(s.items.size(), -1);
  for (std::size_t l = 0; l < out.items.size(); ++l)
    place[static_cast<std::size_t>(out.items[l])] = static_cast<int>(l);
  if (!until) {
    Date last;
    read_ledgers(a, [&](const LedgerRow& r) {
      if (r.unit.kind == kind && r.date > last) last = r.date;
    });
    if (last.year == 0) {
      throw Error(Location{a.manifest, 0, 0},
                  _f("the ledgers have no event for {} yet; record events in the files of 'ledgers', or give "
                     "--until",
                     tr(a.kind(kind).words.plural)));
    }
    until = last;
  }
  out.until = *until;
  std::vector<std::array<double, 12>> months(units * out.items.size());
  read_ledgers(a, [&](const LedgerRow& r) {
    if (r.unit.kind != kind || r.date.year != until->year || r.date > *until) return;
    const int l = place[static_cast<std::size_t>(r.item)];
    months[static_cast<std::size_t>(r.unit.index) * out.items.size() + static_cast<std::size_t>(l)]
          [static_cast<std::size_t>(r.date.month - 1)] += r.count * ledger_rule(s, r.item)->per;
  });
  out.units.resize(units);
  for (std::size_t u = 0; u < units; ++u) {
    LedgerStanding& st = out.units[u];
    st.unit = static_cast<int>(u);
    for (std::size_t l = 0; l < out.items.size(); ++l) {
      const int item = out.items[l];
      const double value = cap_ledger(*ledger_rule(s, item), months[u * out.items.size() + l]).value;
      st.points.push_back(ledger_points(s, item, value));
      st.total += st.points.back();
    }
    st.shown = round_score(st.total, a.precision);
  }
  const auto ranking = detail::rank_by(
      units, [](std::size_t k) { return static_cast<int>(k); },
      [&](int u) { return out.units[static_cast<std::size_t>(u)].shown.nanos(); },
      [&](int u) {
        return a.roster.id_of(UnitRef{kind, u});
      });
  std::vector<LedgerStanding> ordered;
  ordered.reserve(units);
  for (const auto& p : ranking) {
    ordered.push_back(std::move(out.units[static_cast<std::size_t>(p.unit)]));
    ordered.back().rank = p.rank;
  }
  out.units = std::move(ordered);
  return out;
}

}  // namespace xingji
