#include "xingji/rank.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <utility>

#include "parallel.hpp"

namespace xingji {

namespace {

// Competition ranks of units already in rank order: a tie keeps the rank of the unit before.
template <class Score>
void assign_ranks(Ranking& out, Score&& score_at) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].rank = i > 0 && score_at(i) == score_at(i - 1) ? out[i - 1].rank : static_cast<int>(i) + 1;
  }
}

// When the units' ids already increase in the order given (rosters are usually listed by
// code), a stable sort by score alone lists ties by id. Then a least-significant-digit radix
// sort on the scores' distance from the best one replaces comparing: a few passes over the
// array instead of twenty comparisons a unit. Returns false, doing nothing, otherwise.
bool rank_presorted(std::span<const int> units, std::span<const std::int64_t> score,
                    std::span<const std::string_view> ids, Ranking& out) {
  const std::size_t n = units.size();
  if (n < 2) return false;
  std::atomic<bool> increasing{true};
  detail::halves(n - 1, detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to && increasing.load(std::memory_order_relaxed); ++k) {
      if (!(ids[static_cast<std::size_t>(units[k])] < ids[static_cast<std::size_t>(units[k + 1])])) {
        increasing.store(false, std::memory_order_relaxed);
      }
    }
  });
  if (!increasing.load()) return false;
  std::int64_t best = score[static_cast<std::size_t>(units[0])];
  std::int64_t worst = best;
  for (std::size_t k = 0; k < n; ++k) {
    const std::int64_t x = score[static_cast<std::size_t>(units[k])];
    best = std::max(best, x);
    worst = std::min(worst, x);
  }
  // Keys: how far below the best score; the rank order is their increasing order.
  struct Keyed {
    std::uint64_t key;
    int unit;
  };
  BigVector<Keyed> a(n), b(n);
  for (std::size_t k = 0; k < n; ++k) {
    a[k] =
        Keyed{static_cast<std::uint64_t>(best) - static_cast<std::uint64_t>(score[static_cast<std::size_t>(units[k])]),
              units[k]};
  }
  const auto range = static_cast<std::uint64_t>(best) - static_cast<std::uint64_t>(worst);
  constexpr int kBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  std::vector<std::size_t> count(kBuckets);
  const int bits = static_cast<int>(std::bit_width(range));
  for (int shift = 0; shift < bits; shift += kBits) {
    std::fill(count.begin(), count.end(), 0);
    for (const Keyed& e : a) ++count[(e.key >> shift) & (kBuckets - 1)];
    std::size_t at = 0;
    for (auto& c : count) at += std::exchange(c, at);
    for (const Keyed& e : a) b[count[(e.key >> shift) & (kBuckets - 1)]++] = e;
    std::swap(a, b);
  }
  out.resize(n);
  for (std::size_t i = 0; i < n; ++i) out[i].unit = a[i].unit;
  assign_ranks(out, [&](std::size_t i) { return a[i].key; });
  return true;
}

}  // namespace

Ranking rank_units(std::span<const int> units, std::span<const std::int64_t> score,
                   std::span<const std::string_view> ids) {
  // Sorting (score, unit) pairs side by side is far kinder to the cache than sorting unit
  // numbers that look their scores up; ids are read only to order a tie.
  // With two decimals, thousands of units share a score: the first eight bytes of each id,
  // packed big-endian, order most ties without reading the id itself.
  struct Entry {
    std::int64_t score;
    std::uint64_t prefix;
    int unit;
  };
  auto prefix_of = [](std::string_view id) {
    std::uint64_t p = 0;
    for (std::size_t i = 0; i < 8; ++i) p = (p << 8) | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
    return p;
  };
  // Ids are unique, so this is a strict total order: any sort gives the same list.
  auto before = [&](const Entry& a, const Entry& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return ids[static_cast<std::size_t>(a.unit)] < ids[static_cast<std::size_t>(b.unit)];
  };
  Ranking out;
  if (rank_presorted(units, score, ids, out)) return out;
  const std::size_t n = units.size();
  BigVector<Entry> entries(n);  // left unset here: filled on both cores
  // A national ranking is sorted as two halves on two cores, then merged.
  const std::size_t mid = detail::halves(n, detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      const auto i = static_cast<std::size_t>(units[k]);
      entries[k] = Entry{score[i], prefix_of(ids[i]), units[k]};
    }
    std::sort(entries.begin() + static_cast<std::ptrdiff_t>(from), entries.begin() + static_cast<std::ptrdiff_t>(to),
              before);
  });
  out.resize(n);
  std::size_t a = 0, b = mid;
  for (std::size_t i = 0; i < n; ++i) {
    out[i].unit = (b == n || (a < mid && !before(entries[b], entries[a])) ? entries[a++] : entries[b++]).unit;
  }
  assign_ranks(out, [&](std::size_t i) { return score[static_cast<std::size_t>(out[i].unit)]; });
  return out;
}

}  // namespace xingji
