#include "xingji/model.hpp"

#include <algorithm>

namespace xingji {

int Scheme::find_item(std::string_view key) const {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == key) return static_cast<int>(i);
  }
  return -1;
}

int Scheme::find_node(std::string_view key) const {
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].id == key) return static_cast<int>(i);
  }
  return -1;
}

int Scheme::max_stars() const {
  int best = 0;
  for (const auto& level : stars) best = std::max(best, level.stars);
  return best;
}

const std::string* Village::field(std::string_view key) const {
  if (key == "township") return &township;
  if (key == "county") return &county;
  if (key == "category") return &category;
  if (key == "alliance") return &alliance;
  return nullptr;
}

std::optional<UnitRef> Roster::find(std::string_view key) const {
  auto it = by_id.find(key);
  if (it == by_id.end()) return std::nullopt;
  return it->second;
}

void Roster::index() {
  by_id.clear();
  by_id.reserve(villages.size() + alliances.size());
  for (std::size_t i = 0; i < villages.size(); ++i) {
    by_id.emplace(villages[i].id, UnitRef{UnitKind::village, static_cast<int>(i)});
  }
  for (std::size_t i = 0; i < alliances.size(); ++i) {
    by_id.emplace(alliances[i].id, UnitRef{UnitKind::alliance, static_cast<int>(i)});
  }
}

const Scheme* Assessment::scheme_for(UnitKind kind) const {
  if (kind == UnitKind::village) return &village_scheme;
  return alliance_scheme ? &*alliance_scheme : nullptr;
}

}  // namespace xingji
