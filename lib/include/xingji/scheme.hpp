#pragma once
/// Loading a rule set (考评细则) from YAML, with every problem in the file reported at once.

#include <string>

#include "xingji/model.hpp"

namespace xingji {

/// Reads and checks the scheme at `path`; throws Error listing every problem found.
[[nodiscard]] Scheme load_scheme(const std::string& path);

/// The same from text already in memory; `file` names it in messages.
[[nodiscard]] Scheme parse_scheme(const std::string& file, std::string text);

}  // namespace xingji
