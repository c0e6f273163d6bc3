#include "compute/stars.hpp"

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

std::optional<int> veto_cap(const Scheme& scheme, std::span<const double> row) {
  std::optional<int> cap;
  for (const auto& v : scheme.vetoes) {
    if (veto_triggered(v, row)) cap = cap ? std::min(*cap, v.max_stars) : v.max_stars;
  }
  return cap;
}

std::vector<int> triggered_vetoes(const Scheme& scheme, std::span<const double> row) {
  std::vector<int> out;
  for (std::size_t v = 0; v < scheme.vetoes.size(); ++v) {
    if (veto_triggered(scheme.vetoes[v], row)) out.push_back(static_cast<int>(v));
  }
  return out;
}

}  // namespace xingji
