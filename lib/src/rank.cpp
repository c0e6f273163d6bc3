#include "xingji/rank.hpp"

#include <algorithm>

namespace xingji {

std::vector<Placed> rank_units(std::span<const int> units, std::span<const std::int64_t> score,
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
  std::vector<Entry> entries;
  entries.reserve(units.size());
  for (int u : units) {
    const auto i = static_cast<std::size_t>(u);
    entries.push_back(Entry{score[i], prefix_of(ids[i]), u});
  }
  std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return ids[static_cast<std::size_t>(a.unit)] < ids[static_cast<std::size_t>(b.unit)];
  });
  std::vector<Placed> out(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const bool tied = i > 0 && entries[i].score == entries[i - 1].score;
    out[i] = Placed{entries[i].unit, tied ? out[i - 1].rank : static_cast<int>(i) + 1};
  }
  return out;
}

}  // namespace xingji
