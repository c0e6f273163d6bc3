#include "xingji/rounding.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace xingji {

namespace {
std::int64_t pow10(int n) {
  static constexpr std::int64_t kPow10[] = {1,       10,       100,       1000,       10000,       100000,
                                            1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000};
  return kPow10[n];
}

}  // namespace

std::int64_t threshold_nanos(double threshold) {
  // The spec's first stage, to the letter: the double product, rounded half away from
  // zero (std::llround), so an independent implementation gets the same integer.
  return std::llround(threshold * 1e9);
}

std::uint64_t share_count(std::int64_t share_nanos, std::size_t n, bool round_up) {
  // share_nanos <= 1e9 and n < 1e9 keep the product within 64 bits.
  const std::uint64_t units = static_cast<std::uint64_t>(share_nanos) * static_cast<std::uint64_t>(n);
  return (units + (round_up ? 999999999u : 0u)) / 1000000000u;
}

namespace {
// |n| / 10^k rounded half up, with k a constant in each case: a division by a constant is
// a multiplication, where one by a variable costs dozens of cycles (every unit's scores are
// rounded, several times).
std::int64_t scaled_down(std::int64_t mag, int k) {
  switch (k) {
    case 0:
      return mag;
    case 1:
      return (mag + 5) / 10;
    case 2:
      return (mag + 50) / 100;
    case 3:
      return (mag + 500) / 1000;
    case 4:
      return (mag + 5000) / 10000;
    case 5:
      return (mag + 50000) / 100000;
    case 6:
      return (mag + 500000) / 1000000;
    case 7:
      return (mag + 5000000) / 10000000;
    case 8:
      return (mag + 50000000) / 100000000;
    default:
      return (mag + 500000000) / 1000000000;
  }
}
}  // namespace

Rounded round_score(double score, int precision) {
  const std::int64_t n = threshold_nanos(score);
  const std::int64_t mag = scaled_down(std::llabs(n), 9 - precision);
  return Rounded{n < 0 ? -mag : mag, precision};
}

char* Rounded::write(char* out) const {
  // The whole part with to_chars, then exactly `precision` decimals, two at a time from the
  // last (half a million lines of three scores each in a national CSV).
  static constexpr char kPairs[] =
      "0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849"
      "5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";
  std::uint64_t mag = units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
  if (units < 0) *out++ = '-';
  const auto scale = static_cast<std::uint64_t>(pow10(precision));
  out = std::to_chars(out, out + kMaxText, mag / scale).ptr;
  if (precision == 0) return out;
  *out++ = '.';
  std::uint64_t frac = mag % scale;
  char* const end = out + precision;
  char* p = end;
  for (; p - out >= 2; frac /= 100) {
    p -= 2;
    std::memcpy(p, kPairs + 2 * (frac % 100), 2);
  }
  if (p != out) *out = static_cast<char>('0' + frac);
  return end;
}

void Rounded::append_to(std::string& out) const {
  char buf[kMaxText];
  out.append(buf, write(buf));
}

std::string Rounded::str() const {
  std::string out;
  append_to(out);
  return out;
}

double Rounded::value() const { return static_cast<double>(units) / static_cast<double>(pow10(precision)); }

std::int64_t Rounded::nanos() const { return units * pow10(9 - precision); }

}  // namespace xingji
