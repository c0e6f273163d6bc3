#include "xingji/number.hpp"

#include <charconv>
#include <cmath>

namespace xingji {

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  // from_chars (general format) reads only decimal forms: no hex, no thousands separators, no
  // leading blanks or '+'; its "inf" and "nan" are refused below as not finite.
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  if (value == 0) value = 0;  // -0 reads as 0, so it never prints as "-0.00"
  return value;
}

std::string format_number(double x) {
  // to_chars, not fmt: its plain form is the shorter of fixed and scientific (1e+05, 1e-04),
  // which every message and golden file shows; fmt's "{}" writes 100000 and 0.0001.
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc{} ? std::string(buf, end) : std::string("?");
}

std::optional<long long> parse_integer(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<bool> parse_check(std::string_view text) {
  text = trim(text);
  auto lower_equals = [text](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != word[i]) return false;
    }
    return true;
  };
  // Ticks and crosses, and the words a sheet uses for them (spec 5).
  for (const std::string_view yes : {"是", "1", "√", "✓", "✔", "有", "对"}) {
    if (text == yes) return true;
  }
  for (const std::string_view no : {"否", "0", "×", "✗", "✘", "无", "错"}) {
    if (text == no) return false;
  }
  if (lower_equals("true") || lower_equals("yes")) return true;
  if (lower_equals("false") || lower_equals("no")) return false;
  return std::nullopt;
}

}  // namespace xingji
