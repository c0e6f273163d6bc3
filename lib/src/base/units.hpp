#pragma once
// Internal: what the loaders and explain say about units named by id.

#include <string>
#include <string_view>

#include "xingji/model.hpp"

namespace xingji::detail {

/// "unknown unit 'x' (in neither the village roster nor the alliance list), did you mean
/// 'y'?": the message for an id that names no unit of any kind (suggestions from rosters of
/// up to 5,000 units).
[[nodiscard]] std::string unknown_unit(const Assessment& a, std::string_view id);

}  // namespace xingji::detail
