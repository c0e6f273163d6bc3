#pragma once
/// Loading villages and alliances, and checking that they fit together (spec section 1).

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "xingji/model.hpp"

namespace xingji {

/// Reads the village roster (YAML list or CSV with a header) and, when given, the alliances,
/// then links members: from the alliances' `members`, from the villages' `alliance`, or both
/// (then they must agree). With `dual`, every alliance needs members. Throws Error listing
/// every problem found.
[[nodiscard]] Roster load_roster(const std::string& villages_path, const std::optional<std::string>& alliances_path,
                                 bool dual, const std::string& encoding = {});

/// Reads the people rosters (spec 6) into `roster`, which holds the villages and alliances:
/// for each people kind in order, its roster file and label (村干部). Ids join the one
/// namespace of villages and alliances; each person's `village` must be a roster village or
/// empty. Throws Error listing every problem found.
void load_people(Roster& roster, const std::vector<std::pair<std::string, std::string>>& kinds,
                 const std::string& encoding = {});

}  // namespace xingji
