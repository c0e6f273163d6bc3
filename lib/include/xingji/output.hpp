#pragma once
/// Writing a result file all or nothing.

#include <string>
#include <string_view>

namespace xingji {

/// Writes `content` to a temporary file in the folder of `path`, then renames it over
/// `path`, so a reader sees the old file or the new one, never a part. Throws Error.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace xingji
