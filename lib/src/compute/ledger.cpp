// The arithmetic of ledgers (积分制, spec 6): caps per month, quarter and year on period sums
// (so the order of events never matters), every ledger item's value in the data, and the
// standings to a date (积分公示).
#include "xingji/ledger.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <mutex>
#include <optional>

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
// whole numbers: exact, so the order of events never changes a sum, and added from two cores
// at once (atomically) the sums are those of one core. They are kept in thousandths of a
// count in 32 bits (a province's members take half the memory and its first touch) while
// every count is a whole number of thousandths and no sum passes 2,147,483 counts; else in
// 1e-9 counts in 64 bits, the file read again.
struct KindSums {
  std::vector<int> items;          // the scheme's ledger items
  std::vector<int> slots;          // per ledger item: 12, 4 or 1
  std::vector<int> offset;         // per ledger item: where its slots start in a unit's sums
  std::vector<int> index;          // per scheme item: its place in `items`, or -1
  int width = 0;                   // slots of a unit
  BigVector<std::int32_t> narrow;  // units × width, in 1e-3 counts (huge pages: TLB misses)
  BigVector<std::int64_t> wide;    // the same in 1e-9 counts, when `narrow` cannot hold them

  // The sum of slot `at` in 1e-9 counts.
  [[nodiscard]] std::int64_t nanos(std::size_t at) const {
    return wide.empty() ? std::int64_t{narrow[at]} * 1'000'000 : wide[at];
  }
  // Where `r`'s count is added up.
  [[nodiscard]] std::size_t place(const LedgerRow& r) const {
    const int l = index[static_cast<std::size_t>(r.item)];
    const int n = slots[static_cast<std::size_t>(l)];
    const int slot = n == 12 ? r.date.month - 1 : n == 4 ? r.date.quarter() - 1 : 0;
    return static_cast<std::size_t>(r.unit.index) * static_cast<std::size_t>(width) +
           static_cast<std::size_t>(offset[static_cast<std::size_t>(l)] + slot);
  }
};

KindSums sums_for(const Scheme& s, std::size_t units, bool wide) {
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
  if (wide)
    detail::resize_touched(k.wide, units * static_cast<std::size_t>(k.width));
  else
    detail::resize_touched(k.narrow, units * static_cast<std::size_t>(k.width));
  return k;
}

// The value of ledger item `l` of unit `u` from its period sums.
double value_of(const KindSums& k, const LedgerRule& rule, std::size_t u, std::size_t l) {
  std::array<double, 12> months{};
  const std::size_t at = u * static_cast<std::size_t>(k.width) + static_cast<std::size_t>(k.offset[l]);
  // A quarter's or the year's sum stands in its first month: with no cap on months (or
  // quarters) the caps see the same sums.
  const int n = k.slots[l];
  for (int s = 0; s < n; ++s) {
    months[static_cast<std::size_t>(s * (12 / n))] =
        static_cast<double>(k.nanos(at + static_cast<std::size_t>(s))) / 1e9 * rule.per;
  }
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
  // Set when a count or a sum does not fit the narrow sums: they are then read again wide.
  std::atomic<bool> too_narrow{false};
  // The first event that took a wide sum past its range (over 9,223,372,036 counts).
  struct TooLarge {
    UnitRef unit;
    int item;
    int year;
    std::string file;
  };
  std::mutex too_large_mutex;
  std::optional<TooLarge> too_large;
  auto read = [&](bool wide) {
    sums.clear();
    for (const auto& [year, unused] : data.years) {
      auto& kinds = sums[year];
      kinds.resize(a.kinds.size());
      for (const Kind& k : a.kinds) {
        if (k.rated() && k.scheme->has_ledger()) kinds[index_of(k.id)] = sums_for(*k.scheme, a.roster.size(k.id), wide);
      }
    }
    // The sums of an event's year and kind; none for a year without data (not rated).
    auto sums_of = [&](const LedgerRow& r) -> KindSums* {
      auto it = sums.find(r.date.year);
      return it == sums.end() ? nullptr : &it->second[index_of(r.unit.kind)];
    };
    // Sums are whole numbers added atomically: a large file is read on both cores. Each sum
    // is fetched kAhead events before it is added: in a province each is a cache miss.
    read_ledger_batches(
        a,
        [&](std::span<const LedgerRow> rows) {
          constexpr std::size_t kAhead = 16;
          for (std::size_t i = 0; i < rows.size() + kAhead; ++i) {
            if (i < rows.size()) {
              if (const KindSums* k = sums_of(rows[i]))
                __builtin_prefetch(wide ? static_cast<const void*>(&k->wide[k->place(rows[i])])
                                        : static_cast<const void*>(&k->narrow[k->place(rows[i])]));
            }
            if (i < kAhead) continue;
            const LedgerRow& r = rows[i - kAhead];
            KindSums* k = sums_of(r);
            if (k == nullptr) continue;
            const std::int64_t nanos = std::llround(r.count * 1e9);  // counts are at most 1e6
            if (wide) {
              const std::int64_t before =
                  std::atomic_ref<std::int64_t>(k->wide[k->place(r)]).fetch_add(nanos, std::memory_order_relaxed);
              if (before > std::numeric_limits<std::int64_t>::max() - nanos) {
                const std::lock_guard lock(too_large_mutex);
                if (!too_large) too_large = TooLarge{r.unit, r.item, r.date.year, *r.file};
              }
              continue;
            }
            const std::int64_t thousandths = nanos / 1'000'000;
            if (thousandths * 1'000'000 != nanos) {
              too_narrow.store(true, std::memory_order_relaxed);
              continue;
            }
            // Atomic arithmetic wraps, never undefined: a sum past the range is only noted.
            const std::int32_t before =
                std::atomic_ref<std::int32_t>(k->narrow[k->place(r)])
                    .fetch_add(static_cast<std::int32_t>(thousandths), std::memory_order_relaxed);
            if (before + thousandths > std::numeric_limits<std::int32_t>::max())
              too_narrow.store(true, std::memory_order_relaxed);
          }
        },
        [&] {
          too_narrow.store(false);
          too_large.reset();  // both cores are done when the sums start over
          for (auto& [year, kinds] : sums) {
            for (KindSums& k : kinds) {
              std::fill(k.narrow.begin(), k.narrow.end(), 0);
              std::fill(k.wide.begin(), k.wide.end(), 0);
            }
          }
        });
  };
  read(false);
  if (too_narrow.load()) read(true);
  if (too_large) {
    const Kind& kind = a.kind(too_large->unit.kind);
    throw Error(Location{too_large->file, 0, 0},
                _f("the events of {} '{}' for '{}' add up to more than 9,223,372,036 in one period of {}; a count "
                   "in this ledger must be wrong",
                   tr(kind.words.noun), a.roster.id_of(too_large->unit),
                   kind.scheme->items[static_cast<std::size_t>(too_large->item)].id, too_large->year));
  }
  for (auto& [year, kinds] : sums) {
    YearData& yd = data.years.at(year);
    for (const Kind& k : a.kinds) {
      if (!k.rated() || !k.scheme->has_ledger()) continue;
      const KindSums& ks = kinds[index_of(k.id)];
      Table& t = yd.kinds[index_of(k.id)].table;
      const Scheme& s = *k.scheme;
      // On both cores: a value that is a short decimal goes into its cell at once; the others
      // (kept in the table's list) are set afterwards, in unit order, on one.
      struct Later {
        std::size_t unit, item;
        double value;
      };
      std::array<std::vector<Later>, 2> later;
      detail::halves(t.units, detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
        auto& mine = later[from == 0 ? 0 : 1];
        for (std::size_t u = from; u < to; ++u) {
          for (std::size_t l = 0; l < ks.items.size(); ++l) {
            const auto item = static_cast<std::size_t>(ks.items[l]);
            const double value = value_of(ks, *ledger_rule(s, ks.items[l]), u, l);
            if (const auto cell = Cell::exact(value))
              t.cells[u * t.items + item] = *cell;
            else
              mine.push_back(Later{u, item, value});
          }
        }
      });
      for (const auto& part : later) {
        for (const Later& x : part) t.set(x.unit, x.item, x.value);
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
