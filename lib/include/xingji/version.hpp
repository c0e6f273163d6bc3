#pragma once
/// The library's version.

namespace xingji {
/// The version of libxingji, e.g. "0.1.0".
[[nodiscard]] const char* version();
}  // namespace xingji
