#pragma once
// Internal: `explain` written out, the JSON apart from the text and Markdown.

#include <string>

#include "xingji/explain.hpp"

namespace xingji::detail {

/// The explanation as JSON: every number `explain` shows, the rules as codes.
[[nodiscard]] std::string explanation_json(const Run& run, const Explanation& e);

}  // namespace xingji::detail
