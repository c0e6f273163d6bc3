#include "xingji/rank.hpp"

#include "compute/ranking.hpp"

namespace xingji {

Ranking rank_units(std::span<const int> units, std::span<const std::int64_t> score,
                   std::span<const std::string_view> ids) {
  return detail::rank_by(
      units.size(), [&](std::size_t k) { return units[k]; }, [&](int u) { return score[static_cast<std::size_t>(u)]; },
      [&](int u) { return ids[static_cast<std::size_t>(u)]; });
}

}  // namespace xingji
