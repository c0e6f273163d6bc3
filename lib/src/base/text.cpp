#include "base/text.hpp"

#include "xingji/number.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace xingji {

namespace {
bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Decodes one code point starting at s[i]; advances i. Invalid bytes count as one cell each.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 1;
  if (i + len > s.size()) len = 1;
  char32_t c = len == 1 ? b0 : len == 2 ? (b0 & 0x1Fu) : len == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
  for (std::size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  i += len;
  return c;
}
}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) width += is_wide(next_code_point(text, i)) ? 2 : 1;
  return width;
}

std::vector<std::string> wrap_text(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  if (width == 0 || display_width(text) <= width) {
    lines.emplace_back(text);
    return lines;
  }
  std::size_t indent = 0;
  while (indent < text.size() && text[indent] == ' ') ++indent;
  if (2 * indent > width) indent = 0;
  // The first line carries its indent in the text itself; later lines get it again.
  std::string prefix;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t used = prefix.size();
    std::size_t pos = begin;
    bool words = false;  // the line holds more than blanks
    std::size_t break_end = std::string_view::npos, break_next = 0, break_used = 0;
    std::size_t last = begin;  // where the line's last character starts
    bool closing = false;      // the character that did not fit may not start a line
    while (pos < text.size()) {
      std::size_t next = pos;
      const char32_t c = next_code_point(text, next);
      const std::size_t w = is_wide(c) ? 2 : 1;
      if (used + w > width && pos > begin) {
        if (c == U' ' && words) {  // the line ends just before a space: a break of its own
          break_end = pos;
          break_next = next;
          break_used = used;
        }
        closing = c == U'、' || c == U'，' || c == U'；' || c == U'。' || c == U'：' || c == U'）';
        break;
      }
      last = pos;
      if (c == U'（' && words) {
        break_end = break_next = pos;
        break_used = used;
      }
      if (c == U' ' && words) {
        break_end = pos;
        break_next = next;
        break_used = used;
      }
      used += w;
      pos = next;
      if (c == U'、' || c == U'，' || c == U'；') {
        break_end = pos;
        break_next = pos;
        break_used = used;
      }
      if (c != U' ') words = true;
    }
    std::size_t end = pos, next = pos;
    // A break that leaves the line half empty is taken only when the rest then fits the next
    // line: "meetings" above "三会一课落实率", not "meetings 三会一课落" above "实率".
    if (pos < text.size() && break_end != std::string_view::npos &&
        (2 * break_used >= width || indent + display_width(text.substr(break_next)) <= width)) {
      end = break_end;
      next = break_next;
    } else if (closing && last > begin) {
      // Chinese punctuation never starts a line: the character before it goes down with it.
      end = next = last;
    }
    lines.push_back(prefix + std::string(text.substr(begin, end - begin)));
    begin = next;
    while (begin < text.size() && text[begin] == ' ') ++begin;
    prefix.assign(indent, ' ');
  }
  return lines;
}

std::string pad_right(std::string_view text, std::size_t width) {
  std::string out(text);
  std::size_t w = display_width(text);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string pad_left(std::string_view text, std::size_t width) {
  std::size_t w = display_width(text);
  std::string out(w < width ? width - w : 0, ' ');
  out += text;
  return out;
}

int char_column_in_line(std::string_view line, std::size_t byte_in_line) {
  int column = 1;
  for (std::size_t i = 0; i < byte_in_line && i < line.size();) {
    next_code_point(line, i);
    ++column;
  }
  return column;
}

int char_column(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  std::size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  start = (start == std::string_view::npos || offset == 0) ? 0 : start + 1;
  return char_column_in_line(text.substr(start), offset - start);
}

namespace {
// A UTF-8 lead byte: the length of its sequence (0: not a lead byte) and the range of the
// byte after it.
struct Lead {
  std::uint8_t len = 0;
  std::uint8_t low = 0;
  std::uint8_t high = 0;
};
constexpr auto kLeads = [] {
  std::array<Lead, 256> t{};
  for (std::size_t b = 0xC2; b <= 0xDF; ++b) t[b] = {2, 0x80, 0xBF};
  for (std::size_t b = 0xE0; b <= 0xEF; ++b) t[b] = {3, 0x80, 0xBF};
  t[0xE0] = {3, 0xA0, 0xBF};  // below: overlong
  t[0xED] = {3, 0x80, 0x9F};  // above: surrogates
  for (std::size_t b = 0xF0; b <= 0xF4; ++b) t[b] = {4, 0x80, 0xBF};
  t[0xF0] = {4, 0x90, 0xBF};  // below: overlong
  t[0xF4] = {4, 0x80, 0x8F};  // above: past U+10FFFF
  return t;
}();
}  // namespace

std::size_t invalid_text_at(std::string_view s) {
  constexpr std::uint64_t ones = 0x0101010101010101ull;
  constexpr std::uint64_t highs = 0x8080808080808080ull;
  std::size_t i = 0;
  while (i < s.size()) {
    // Most data is ASCII digits and commas: skip eight such bytes at a time. A block stops
    // at a byte >= 0x80 or at a zero byte ((x - 1) & ~x sets the high bit of a zero byte).
    while (i + 8 <= s.size()) {
      std::uint64_t block;
      std::memcpy(&block, s.data() + i, 8);
      if (((block | ((block - ones) & ~block)) & highs) != 0) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 == 0) return i;
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    // A run of three-byte characters (Chinese text) is checked without the table: E0..EF,
    // then two bytes 80..BF, and the code point's top five bits neither 0 (an overlong
    // form) nor 11011 (a surrogate).
    const auto* u = reinterpret_cast<const unsigned char*>(s.data());
    while (i + 3 <= s.size() && (u[i] & 0xF0u) == 0xE0u && (u[i + 1] & 0xC0u) == 0x80u && (u[i + 2] & 0xC0u) == 0x80u) {
      const unsigned top = ((u[i] & 0x0Fu) << 1) | ((u[i + 1] >> 5) & 1u);
      if (top == 0 || top == 0x1B) return i;
      i += 3;
    }
    if (i >= s.size() || u[i] < 0x80) continue;
    // The well-formed sequences of the Unicode standard (table 3-7): the lead byte fixes the
    // length and the range of the second byte, which rules out overlong forms, surrogates
    // and values past U+10FFFF; the bytes after it are 80..BF.
    const Lead lead = kLeads[u[i]];
    if (lead.len == 0 || i + lead.len > s.size()) return i;
    if (u[i + 1] < lead.low || u[i + 1] > lead.high) return i;
    for (std::size_t k = 2; k < lead.len; ++k) {
      if ((u[i + k] & 0xC0u) != 0x80u) return i;
    }
    i += lead.len;
  }
  return std::string_view::npos;
}

}  // namespace xingji

namespace xingji {

std::string_view trim_blanks(std::string_view text) {
  for (;;) {
    const std::string_view before = text;
    text = trim(text);
    if (text.starts_with("\xE3\x80\x80")) text.remove_prefix(3);  // U+3000
    if (text.ends_with("\xE3\x80\x80")) text.remove_suffix(3);
    if (text.starts_with("\xC2\xA0")) text.remove_prefix(2);  // U+00A0
    if (text.ends_with("\xC2\xA0")) text.remove_suffix(2);
    if (text.size() == before.size()) return text;
  }
}

std::optional<std::string> fold_full_width(std::string_view text) {
  // U+FF01..U+FF5E are EF BC 81..BF and EF BD 80..9E; U+3000 is E3 80 80.
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == 0xEF || b == 0xE3 || b == 0xC2) {
      any = true;
      break;
    }
  }
  if (!any && text.size() == trim(text).size()) return std::nullopt;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      if (b0 == 0xEF && b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {
        out += static_cast<char>(b2 - 0x81 + 0x21);
        i += 2;
        continue;
      }
      if (b0 == 0xEF && b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {
        out += static_cast<char>(b2 - 0x80 + 0x60);
        i += 2;
        continue;
      }
      if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) {
        out += ' ';
        i += 2;
        continue;
      }
    }
    out += static_cast<char>(b0);
  }
  const std::string_view kept = trim_blanks(out);
  if (kept == text) return std::nullopt;
  return std::string(kept);
}

}  // namespace xingji
