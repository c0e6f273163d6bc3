#pragma once
/// UTF-8 helpers: terminal display width and character columns for error positions.

#include <string>
#include <string_view>

namespace xingji {

/// Cells a terminal uses for `text`: East Asian wide and fullwidth characters (Chinese)
/// count two, everything else one (★ and ☆ are one, as common terminals draw them).
[[nodiscard]] std::size_t display_width(std::string_view text);

/// `text` padded with spaces on the right (or left) to `width` display cells.
[[nodiscard]] std::string pad_right(std::string_view text, std::size_t width);
[[nodiscard]] std::string pad_left(std::string_view text, std::size_t width);

/// 1-based column in characters (code points) of byte `offset` within its line of `text`.
[[nodiscard]] int char_column(std::string_view text, std::size_t offset);

/// The 1-based column in characters of byte `byte_in_line` of `line` (a line's own text).
[[nodiscard]] int char_column_in_line(std::string_view line, std::size_t byte_in_line);

/// Byte offset of the first byte that is not valid UTF-8, or npos when all of it is valid.
[[nodiscard]] std::size_t invalid_utf8_at(std::string_view text);

}  // namespace xingji
