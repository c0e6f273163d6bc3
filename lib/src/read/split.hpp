#pragma once
// Internal: where a large YAML file can be cut in two, for two cores to read a half each.
// (A CSV file's cut is read/csv.hpp's split_csv.)

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace xingji::detail {

/// Where a large YAML data file can be read as two halves on two cores: the second half is
/// the lines from `split` on, read after the file's head (its bytes up to `head_end`, the
/// end of the `values:` line).
struct YamlSplit {
  std::size_t head_end = 0;
  std::size_t split = 0;
  std::size_t size = 0;
};

/// A split of the YAML data file at `path` when it is at least `min_size` bytes and written
/// in the plain block style a program writes (see read/data.cpp); nullopt otherwise, and the
/// file is read whole. Used by the loader, and tested on its own.
[[nodiscard]] std::optional<YamlSplit> split_yaml(const std::string& path, std::size_t min_size);

/// Whether an indented line of a file to split (`rest`: after its indentation) holds a key
/// (`name: x`, `members:`, with or without a comment), not more of a plain value begun on a
/// line before: yaml-cpp reads such a value one way before the next key or item and another
/// at the end of the text, which the end of a first half is.
[[nodiscard]] inline bool holds_key(std::string_view rest) {
  const std::string_view body = rest.substr(0, rest.find(" #"));
  return body.find(": ") != std::string_view::npos || (!body.empty() && body.back() == ':');
}

/// Where a long roster list can be cut in two: the second half is the file from `offset`,
/// which starts line `lines + 1`.
struct ListSplit {
  std::size_t offset = 0;
  int lines = 0;
  std::size_t size = 0;
};

/// A split of the YAML list at `path` when it is at least `min_size` bytes and its items can
/// only be told apart one way: every line at the left margin starts an item (`-`), every
/// indented line holds a key (`name: x`, `members:`) or a list entry (`- v1`), never more of
/// a plain scalar, no flow collection ([...], {...}) runs past its line, and no byte anywhere
/// could open a quoted, block or aliased construct (quotes, |, >, &, *, !, %, @, `, a tab, a
/// NUL). Then the file cut before an item line near the middle reads as two lists of the same
/// records. Anything else (or any doubt) gives nullopt, and the file is read whole. Used by
/// the loader; public for tests.
[[nodiscard]] std::optional<ListSplit> split_yaml_list(const std::string& path, std::size_t min_size);

/// The size from which the loader reads a roster list in halves: 64 KiB. The fuzz target
/// lowers it, so that lists short enough to read hundreds of times a second take that path.
[[nodiscard]] std::size_t list_split_min_size();
void set_list_split_min_size(std::size_t size);

}  // namespace xingji::detail
