#pragma once
/// Loading villages and alliances, and checking that they fit together (spec section 1).

#include <cstddef>
#include <optional>
#include <string>

#include "xingji/model.hpp"

namespace xingji {

/// Reads the village roster (YAML list or CSV with a header) and, when given, the alliances,
/// then links members: from the alliances' `members`, from the villages' `alliance`, or both
/// (then they must agree). With `dual`, every alliance needs members. Throws Error listing
/// every problem found.
[[nodiscard]] Roster load_roster(const std::string& villages_path, const std::optional<std::string>& alliances_path,
                                 bool dual, const std::string& encoding = {});

/// Where a long roster list can be cut in two: the second half is the file from `offset`,
/// which starts line `lines + 1`.
struct ListSplit {
  std::size_t offset = 0;
  int lines = 0;
  std::size_t size = 0;
};

/// A split of the YAML list at `path` when it is at least `min_size` bytes and its items can
/// only be told apart one way: every line at the left margin starts an item (`-`), no flow
/// collection ([...], {...}) runs past its line, and no byte anywhere could open a quoted,
/// block or aliased construct (quotes, |, >, &, *, !, %, @, `, a tab, a NUL). Then the file
/// cut before an item line near the middle reads as two lists of the same records. Anything
/// else (or any doubt) gives nullopt, and the file is read whole. Used by the loader;
/// public for tests.
[[nodiscard]] std::optional<ListSplit> split_yaml_list(const std::string& path, std::size_t min_size);

}  // namespace xingji
