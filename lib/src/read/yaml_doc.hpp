#pragma once
// Internal: a YAML file read with the node API (manifests, schemes, rosters), with helpers
// that turn yaml-cpp's 0-based byte marks into 1-based character positions and check keys.

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/i18n.hpp"
#include "xingji/error.hpp"

namespace xingji::detail {

/// The choices `names` as one of them to pick: "a, b or c" (translated).
std::string one_of(const std::vector<std::string_view>& names);

/// The first thing in `text` a person typing YAML with a Chinese input method gets wrong: a
/// tab or full-width space indenting a line, a full-width colon after a key, a full-width
/// space after a key's colon. Its byte offset and the message; nullopt when there is none.
/// Text in block scalars (| or >) is not looked at.
std::optional<std::pair<std::size_t, std::string>> hand_typed_problem(std::string_view text);

/// Reads a whole file into memory; throws Error naming the file when it cannot.
std::string read_file(const std::string& path);

class YamlDoc {
 public:
  /// Parses `text`; a syntax error throws Error at its position.
  YamlDoc(std::string file, std::string text);

  [[nodiscard]] const YAML::Node& root() const { return root_; }
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] Location at(const YAML::Node& node) const;
  [[nodiscard]] Location at(const YAML::Mark& mark) const;

  /// Reports keys of `map` not in `allowed` (with a suggestion), duplicate keys, and
  /// `required` keys that are absent; `what` names the mapping in messages.
  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                  std::initializer_list<std::string_view> required, std::string_view what, Diagnostics& diag) const;

  /// True when `node` is a mapping; otherwise reports "`what` must be a mapping".
  bool expect_map(const YAML::Node& node, std::string_view what, Diagnostics& diag) const;
  bool expect_seq(const YAML::Node& node, std::string_view what, Diagnostics& diag) const;

  /// Scalar text of `map[key]`, or nullopt (reported when present but not a scalar).
  std::optional<std::string> text(const YAML::Node& map, const char* key, Diagnostics& diag) const;
  /// Number at `map[key]`, or nullopt (reported when present but not a finite number).
  std::optional<double> number(const YAML::Node& map, const char* key, Diagnostics& diag) const;
  /// One of the named `choices` at `map[key]`, or nullopt (reported, listing the choices,
  /// when present but not one of them).
  template <class E>
  std::optional<E> choice(const YAML::Node& map, const char* key,
                          std::initializer_list<std::pair<std::string_view, E>> choices, Diagnostics& diag,
                          std::string_view of = {}) const {
    auto given = text(map, key, diag);
    if (!given) return std::nullopt;
    for (const auto& [name, value] : choices) {
      if (*given == name) return value;
    }
    std::vector<std::string_view> names;
    for (const auto& c : choices) names.push_back(c.first);
    // TRANSLATORS: the {} after "must be" lists the choices: "mean, median or min".
    diag.add(at(map[key]), of.empty() ? _f("'{}' must be {}, not '{}'", key, one_of(names), *given)
                                      : _f("'{}' of {} must be {}, not '{}'", key, of, one_of(names), *given));
    return std::nullopt;
  }

  /// Whole number at `map[key]`.
  std::optional<long long> integer(const YAML::Node& map, const char* key, Diagnostics& diag) const;

 private:
  std::string file_;
  std::string text_;
  YAML::Node root_;
};

}  // namespace xingji::detail
