#pragma once
// Internal: file checks that never throw. std::filesystem throws for a path the system
// refuses (a name over 255 bytes, a folder that cannot be searched); such a path answers
// false here, and the open that follows reports it with its name.

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

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

/// The size of an open regular file; nullopt for a pipe or anything else without one.
inline std::optional<std::size_t> regular_file_size(std::FILE* f) {
  struct stat st {};
  if (::fstat(::fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return static_cast<std::size_t>(st.st_size);
}

/// A read buffer's size for `f`: `block`, or the file's size (and a little) when smaller.
/// A county's files are many and small; clearing a megabyte for each was most of the time
/// spent reading them.
inline std::size_t read_block_for(std::FILE* f, std::size_t block = std::size_t{1} << 20) {
  const auto size = regular_file_size(f);
  return size ? std::min(block, *size + 4096) : block;
}

/// Whether `text` ends in `ending` (given in lower case), ASCII letters compared without case:
/// a file's kind by its name (DATA.CSV, 花名册.XLSX).
[[nodiscard]] inline bool ends_with_ignoring_case(std::string_view text, std::string_view ending) {
  if (text.size() < ending.size()) return false;
  for (std::size_t i = 0; i < ending.size(); ++i) {
    char c = text[text.size() - ending.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != ending[i]) return false;
  }
  return true;
}
/// Whether `path` names a workbook: it ends in `.xlsx`, or in `.xlsx#SHEET` (base/error.cpp).
[[nodiscard]] bool is_workbook(std::string_view path);
/// A workbook's path and the sheet named after `#` in it ("data/平桥镇.xlsx#2024" is
/// {"data/平桥镇.xlsx", "2024"}); any other path with an empty sheet.
[[nodiscard]] std::pair<std::string, std::string> split_sheet(std::string_view path);
/// The name of the cell at `column` (1-based) of `row`: "D7".
[[nodiscard]] std::string cell_name(int row, int column);

}  // namespace xingji::detail
