#include "xingji/rounding.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace xingji {

namespace {
std::int64_t pow10(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
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

Rounded round_score(double score, int precision) {
  const std::int64_t n = threshold_nanos(score);
  const std::int64_t div = pow10(9 - precision);
  const std::int64_t mag = (std::llabs(n) + div / 2) / div;
  return Rounded{n < 0 ? -mag : mag, precision};
}

char* Rounded::write(char* out) const {
  // Digits from the last, the point after `precision` of them; at least one before it.
  char digits[kMaxText];
  char* first = digits + kMaxText;
  std::uint64_t mag = units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
  int decimals = precision;
  do {
    *--first = static_cast<char>('0' + mag % 10);
    mag /= 10;
    if (--decimals == 0) *--first = '.';
  } while (mag != 0 || decimals >= 0);
  if (units < 0) *out++ = '-';
  const auto n = static_cast<std::size_t>(digits + kMaxText - first);
  std::memcpy(out, first, n);
  return out + n;
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
