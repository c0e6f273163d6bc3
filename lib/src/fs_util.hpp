#pragma once
// Internal: file checks that never throw. std::filesystem throws for a path the system
// refuses (a name over 255 bytes, a folder that cannot be searched); such a path answers
// false here, and the open that follows reports it with its name.

#include <filesystem>
#include <system_error>

namespace xingji::detail {

inline bool is_folder(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_directory(p, ec);
}

inline bool is_file(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec);
}

inline bool path_exists(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::exists(p, ec);
}

}  // namespace xingji::detail
