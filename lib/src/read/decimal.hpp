#pragma once
// Internal: the plain decimals of a data file, read on the readers' hot path.

#include <cstring>
#include <string_view>

#include "xingji/number.hpp"

namespace xingji {

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

}  // namespace xingji
