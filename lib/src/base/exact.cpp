#include "base/exact.hpp"

#include <algorithm>
#include <cstdint>

#include "xingji/number.hpp"

namespace xingji::detail {

namespace {

constexpr Nanos kLimit = static_cast<Nanos>(1'000'000'000'000'000'000) * 1'000'000'000;  // 1e27

// The decimal digits of |n|, most significant first ("0" for 0).
std::string digits_of(Nanos n) {
  if (n < 0) n = -n;
  std::string out;
  do {
    out.push_back(static_cast<char>('0' + static_cast<int>(n % 10)));
    n /= 10;
  } while (n > 0);
  std::reverse(out.begin(), out.end());
  return out;
}

// `n` / 10^scale as text with exactly `scale` decimals.
std::string fixed_text(Nanos n, int scale) {
  std::string digits = digits_of(n);
  if (static_cast<int>(digits.size()) <= scale)
    digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
  if (scale > 0) digits.insert(digits.size() - static_cast<std::size_t>(scale), ".");
  return n < 0 ? "-" + digits : digits;
}

}  // namespace

std::optional<Nanos> exact_nanos(std::string_view text) {
  text = trim(text);
  if (!parse_number(text)) return std::nullopt;  // the same texts every number in a file may be
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  Nanos mantissa = 0;
  int scale = 9;  // the power of ten the mantissa must be multiplied by to count 1e-9
  bool point = false;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    if (mantissa > kLimit) return std::nullopt;
    mantissa = mantissa * 10 + (c - '0');
    if (point) --scale;
  }
  if (i < text.size()) {  // an exponent: e or E, then a signed whole number
    const auto exponent = parse_integer(text.substr(i + 1));
    if (!exponent || *exponent > 40 || *exponent < -40) return std::nullopt;
    scale += static_cast<int>(*exponent);
  }
  for (; scale > 0; --scale) {
    if (mantissa > kLimit) return std::nullopt;
    mantissa *= 10;
  }
  for (; scale < 0; ++scale) {
    if (mantissa % 10 != 0) return std::nullopt;  // a digit below 1e-9
    mantissa /= 10;
  }
  if (mantissa > kLimit) return std::nullopt;
  return negative ? -mantissa : mantissa;
}

std::string nanos_text(Nanos n) {
  std::string text = fixed_text(n, 9);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string share_text(std::int64_t units, std::int64_t nanos, std::int64_t unit, int decimals) {
  // (units + nanos / 1e9) x unit / 1e9 yuan, as a count of 10^-decimals yuan: the product of
  // counts of 1e-9 (up to 1e28) and of the unit in 1e-9 (up to 1e19) passes 128 bits, so the
  // unit's count is first reduced by the decimals it does not need.
  Nanos share = static_cast<Nanos>(units) * 1'000'000'000 + nanos;  // 1e-9 units of money
  Nanos per = unit;                                                 // 1e-9 yuan per unit
  int drop = 18 - decimals;                                         // share x per counts 1e-18 yuan
  while (drop > 0 && per % 10 == 0) {
    per /= 10;
    --drop;
  }
  Nanos value = share * per;
  Nanos divisor = 1;
  for (int k = 0; k < drop; ++k) divisor *= 10;
  const Nanos half = divisor / 2;
  value = value >= 0 ? (value + half) / divisor : -((-value + half) / divisor);
  return fixed_text(value, decimals);
}

}  // namespace xingji::detail
