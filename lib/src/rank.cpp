#include "xingji/rank.hpp"

#include <algorithm>

namespace xingji {

std::vector<Placed> rank_units(std::span<const int> units, std::span<const std::int64_t> score,
                               std::span<const std::string_view> ids) {
  std::vector<Placed> out;
  out.reserve(units.size());
  for (int u : units) out.push_back(Placed{u, 0});
  auto at = [](auto span, int i) { return span[static_cast<std::size_t>(i)]; };
  std::sort(out.begin(), out.end(), [&](const Placed& a, const Placed& b) {
    const auto sa = at(score, a.unit), sb = at(score, b.unit);
    if (sa != sb) return sa > sb;
    return at(ids, a.unit) < at(ids, b.unit);
  });
  for (std::size_t i = 0; i < out.size(); ++i) {
    const bool tied = i > 0 && at(score, out[i].unit) == at(score, out[i - 1].unit);
    out[i].rank = tied ? out[i - 1].rank : static_cast<int>(i) + 1;
  }
  return out;
}

}  // namespace xingji
