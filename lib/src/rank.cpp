#include "xingji/rank.hpp"

#include <algorithm>

#include "parallel.hpp"

namespace xingji {

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
  Ranking out(n);
  std::size_t a = 0, b = mid;
  const Entry* last = nullptr;
  for (std::size_t i = 0; i < n; ++i) {
    const Entry& e = b == n || (a < mid && !before(entries[b], entries[a])) ? entries[a++] : entries[b++];
    const bool tied = last != nullptr && e.score == last->score;
    out[i] = Placed{e.unit, tied ? out[i - 1].rank : static_cast<int>(i) + 1};
    last = &e;
  }
  return out;
}

}  // namespace xingji
