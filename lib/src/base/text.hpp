#pragma once
/// UTF-8 helpers: terminal display width and character columns for error positions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/i18n.hpp"

namespace xingji {

/// Cells a terminal uses for `text`: East Asian wide and fullwidth characters (Chinese)
/// count two, everything else one (★ and ☆ are one, as common terminals draw them).
[[nodiscard]] std::size_t display_width(std::string_view text);

/// `text` broken into lines of at most `width` display cells, never inside a UTF-8
/// character: after the last '、', '，' or '；', before a '（', or at the last space, when that
/// leaves the line at least half full or the rest fits the next line, else after the last
/// character that fits (a line holds at least one;
/// a '、' '，' '；' '。' '：' '）' that would start a line takes the character before it along).
/// An indent (leading spaces narrower than half the width) starts every line again; spaces
/// at a break are dropped. `text` whole when it fits or `width` is 0.
[[nodiscard]] std::vector<std::string> wrap_text(std::string_view text, std::size_t width);

/// `text` padded with spaces on the right (or left) to `width` display cells.
[[nodiscard]] std::string pad_right(std::string_view text, std::size_t width);
[[nodiscard]] std::string pad_left(std::string_view text, std::size_t width);

/// 1-based column in characters (code points) of byte `offset` within its line of `text`.
[[nodiscard]] int char_column(std::string_view text, std::size_t offset);

/// The 1-based column in characters of byte `byte_in_line` of `line` (a line's own text).
[[nodiscard]] int char_column_in_line(std::string_view line, std::size_t byte_in_line);

/// Byte offset of the first byte that is not text: not valid UTF-8, or a NUL (character 0,
/// valid UTF-8 but never in a text file; yaml-cpp misreads it). npos when all of it is text.
[[nodiscard]] std::size_t invalid_text_at(std::string_view text);

/// `text` without blanks at either end: ASCII ones, the ideographic (full-width) space and
/// the no-break space that spreadsheets leave around a value.
[[nodiscard]] std::string_view trim_blanks(std::string_view text);

/// `text` with full-width ASCII forms (０-９, ．, ＋, －, ％, Ａ, ...: U+FF01-U+FF5E) as their
/// ASCII characters and the ideographic space as a space, then blanks trimmed; nullopt when
/// nothing changes (the usual case, which then costs no copy).
[[nodiscard]] std::optional<std::string> fold_full_width(std::string_view text);

/// The message for a NUL byte in an input file, untranslated: show it as tr(kNulByteMessage).
inline constexpr const char* kNulByteMessage =
    N_("a NUL byte (character 0) is not text: this is a binary file, or one saved as UTF-16 (\"Unicode\"); save it as "
       "UTF-8");

/// The message for the byte `invalid_text_at` found at `bad` in `text`: kNulByteMessage for
/// a NUL, else `not_utf8` (which says what to do about the file's encoding).
[[nodiscard]] inline std::string not_text_message(std::string_view text, std::size_t bad, std::string_view not_utf8) {
  return text[bad] == '\0' ? std::string(tr(kNulByteMessage)) : std::string(not_utf8);
}

}  // namespace xingji
