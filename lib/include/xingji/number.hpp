#pragma once
/// Reading numbers and yes/no values from text the way every input file does.

#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace xingji {

/// A finite decimal number: optional sign, digits, optional fraction and exponent.
/// Rejects hex, thousands separators, `nan`, `inf` and values out of double range,
/// so a mistyped cell is an error rather than a plausible wrong value.
[[nodiscard]] std::optional<double> parse_number(std::string_view text);

/// 10^0 to 10^19 as doubles, all exact: a decimal's digits divided by one of them is the
/// correctly rounded value of the decimal.
inline constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,
                                          1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19};

/// A plain decimal as read from text: `digits` / 10^decimals, negated when `negative`.
struct PlainDecimal {
  unsigned long long digits = 0;
  int decimals = 0;
  bool negative = false;

  /// Its value: exactly what parse_number gives for its text (an exact integer divided by
  /// an exact power of ten is correctly rounded, as from_chars is), except that "-0" is -0.
  [[nodiscard]] double value() const {
    const double x = static_cast<double>(digits) / kPowersOfTen[decimals];
    return negative ? -x : x;
  }
};

/// Reads the field that starts at `p` and ends at the first `stop` byte or at `end`, the
/// way read_plain_decimal reads a whole text: `ok` tells whether the field is a plain
/// decimal, and `out` is then its digits. Returns where the field ends (its `stop` byte, or
/// `end`): a reader finds a field and reads its number in one pass over the bytes.
[[nodiscard]] inline const char* scan_plain_decimal(const char* p, const char* const end, char stop, PlainDecimal& out,
                                                    bool& ok) {
  const bool negative = p != end && *p == '-';
  if (negative) ++p;
  const char* const first = p;
  unsigned long long m = 0;
  int digits = 0, decimals = -1;  // -1: no point yet
  for (; p != end; ++p) {
    const auto d = static_cast<unsigned>(*p - '0');
    if (d < 10) {
      m = m * 10 + d;
      ++digits;
      if (decimals >= 0) ++decimals;
    } else if (*p == '.' && decimals < 0 && p != first) {
      decimals = 0;
    } else if (*p == stop) {
      break;
    } else {
      ok = false;
      const void* at = std::memchr(p, stop, static_cast<std::size_t>(end - p));
      return at != nullptr ? static_cast<const char*>(at) : end;
    }
  }
  ok = digits > 0 && digits <= 19 && decimals != 0 && m <= (1ULL << 53);
  if (ok) out = PlainDecimal{m, decimals < 0 ? 0 : decimals, negative};
  return p;
}

/// Reads `text` when it is a short plain decimal: an optional '-', then at most 19 digits
/// with at most one point between them ("68.9", "-3", "0.25"), making an integer of at
/// most 2^53. False for any other text, which parse_number then reads. Several times faster
/// than parse_number: the hot path of a national data file.
[[nodiscard]] inline bool read_plain_decimal(std::string_view text, PlainDecimal& out) {
  bool ok = false;
  const char* const end = text.data() + text.size();
  return scan_plain_decimal(text.data(), end, ',', out, ok) == end && ok;
}

/// The same, giving its value (PlainDecimal::value).
[[nodiscard]] inline bool read_plain_decimal(std::string_view text, double& out) {
  PlainDecimal d;
  if (!read_plain_decimal(text, d)) return false;
  out = d.value();
  return true;
}

/// A whole number (for years, precision, star counts).
[[nodiscard]] std::optional<long long> parse_integer(std::string_view text);

/// A check value: true/yes/是/1 give true; false/no/否/0 give false (ASCII words in any case).
[[nodiscard]] std::optional<bool> parse_check(std::string_view text);

/// The shortest text that reads back as `x` ("12.5", "90", "0.1"), for messages.
[[nodiscard]] std::string format_number(double x);

/// Leading and trailing ASCII blanks removed.
[[nodiscard]] inline std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace xingji
