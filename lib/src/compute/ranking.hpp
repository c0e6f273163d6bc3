#pragma once
// Internal: competition ranking with the units, their scores and their ids read through
// functions, so a national ranking reads them where they already are instead of first copying
// them into arrays (three arrays of half a million entries, 14 MB, held at the run's peak).

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "base/parallel.hpp"
#include "xingji/rank.hpp"

namespace xingji::detail {

/// Competition ranks of units already in rank order: a tie keeps the rank of the unit before.
template <class Score>
void assign_ranks(Ranking& out, Score&& score_at) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].rank = i > 0 && score_at(i) == score_at(i - 1) ? out[i - 1].rank : static_cast<int>(i) + 1;
  }
}

/// When the units' ids already increase in the order given (rosters are usually listed by
/// code), a stable sort by score alone lists ties by id. Then a least-significant-digit radix
/// sort on the scores' distance from the best one replaces comparing: a few passes over the
/// array instead of twenty comparisons a unit. Each entry is one word, the distance above the
/// unit's place in the order given, so the sort moves 8 bytes a unit. Returns false, doing
/// nothing, when the ids do not increase or the distances and places do not fit in a word.
template <class UnitAt, class ScoreOf, class IdOf>
bool rank_presorted(std::size_t n, UnitAt& unit_at, ScoreOf& score_of, IdOf& id_of, Ranking& out) {
  if (n < 2) return false;
  std::atomic<bool> increasing{true};
  halves(n - 1, kParallelUnits, [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to && increasing.load(std::memory_order_relaxed); ++k) {
      if (!(id_of(unit_at(k)) < id_of(unit_at(k + 1)))) increasing.store(false, std::memory_order_relaxed);
    }
  });
  if (!increasing.load()) return false;
  std::int64_t best = score_of(unit_at(0));
  std::int64_t worst = best;
  for (std::size_t k = 1; k < n; ++k) {
    const std::int64_t x = score_of(unit_at(k));
    best = std::max(best, x);
    worst = std::min(worst, x);
  }
  const auto range = static_cast<std::uint64_t>(best) - static_cast<std::uint64_t>(worst);
  const int place_bits = static_cast<int>(std::bit_width(n - 1));
  const int bits = static_cast<int>(std::bit_width(range));
  if (bits + place_bits > 64) return false;
  // Keys: how far below the best score, then the place; the rank order is their increasing order.
  const std::uint64_t place_mask = (std::uint64_t{1} << place_bits) - 1;  // place_bits < 64: n < 2^63
  BigVector<std::uint64_t> a(n), b(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint64_t below = static_cast<std::uint64_t>(best) - static_cast<std::uint64_t>(score_of(unit_at(k)));
    a[k] = below << place_bits | k;
  }
  constexpr int kBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  std::vector<std::size_t> count(kBuckets);
  // Only the distance's digits are sorted: the places start in order and each pass is stable.
  for (int shift = place_bits; shift < place_bits + bits; shift += kBits) {
    std::fill(count.begin(), count.end(), 0);
    for (const std::uint64_t e : a) ++count[(e >> shift) & (kBuckets - 1)];
    std::size_t at = 0;
    for (auto& c : count) at += std::exchange(c, at);
    for (const std::uint64_t e : a) b[count[(e >> shift) & (kBuckets - 1)]++] = e;
    std::swap(a, b);
  }
  out.resize(n);
  for (std::size_t i = 0; i < n; ++i) out[i].unit = unit_at(static_cast<std::size_t>(a[i] & place_mask));
  assign_ranks(out, [&](std::size_t i) { return a[i] >> place_bits; });
  return true;
}

/// Ranks the `n` units unit_at(0), ..., unit_at(n - 1) by score_of(unit) highest first;
/// equal scores share a rank and the next rank skips; within a tie, units are listed by
/// id_of(unit) byte for byte. `unit_at` and `id_of` are called from two threads at once.
template <class UnitAt, class ScoreOf, class IdOf>
Ranking rank_by(std::size_t n, UnitAt&& unit_at, ScoreOf&& score_of, IdOf&& id_of) {
  Ranking out;
  if (rank_presorted(n, unit_at, score_of, id_of, out)) return out;
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
    return id_of(a.unit) < id_of(b.unit);
  };
  BigVector<Entry> entries(n);  // left unset here: filled on both cores
  // A national ranking is sorted as two halves on two cores, then merged.
  const std::size_t mid = halves(n, kParallelUnits, [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      const int u = unit_at(k);
      entries[k] = Entry{score_of(u), prefix_of(id_of(u)), u};
    }
    std::sort(entries.begin() + static_cast<std::ptrdiff_t>(from), entries.begin() + static_cast<std::ptrdiff_t>(to),
              before);
  });
  out.resize(n);
  std::size_t a = 0, b = mid;
  for (std::size_t i = 0; i < n; ++i) {
    out[i].unit = (b == n || (a < mid && !before(entries[b], entries[a])) ? entries[a++] : entries[b++]).unit;
  }
  assign_ranks(out, [&](std::size_t i) { return score_of(out[i].unit); });
  return out;
}

}  // namespace xingji::detail
