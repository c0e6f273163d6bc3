#include "xingji/stars.hpp"

#include <algorithm>

namespace xingji {

int stars_for(const Scheme& scheme, std::int64_t score_nanos) {
  // Levels are kept highest first, so the first one reached is the highest.
  for (const auto& level : scheme.stars) {
    if (score_nanos >= level.min_nanos) return level.stars;
  }
  return 0;
}

bool veto_triggered(const Veto& v, std::span<const double> row) { return row[static_cast<std::size_t>(v.item)] == 1.0; }

int apply_vetoes(const Scheme& scheme, std::span<const double> row, int stars) {
  for (const auto& v : scheme.vetoes) {
    if (veto_triggered(v, row)) stars = std::min(stars, v.max_stars);
  }
  return stars;
}

}  // namespace xingji
