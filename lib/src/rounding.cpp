#include "xingji/rounding.hpp"

#include <cmath>
#include <cstdlib>

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

Rounded round_score(double score, int precision) {
  const std::int64_t n = threshold_nanos(score);
  const std::int64_t div = pow10(9 - precision);
  const std::int64_t mag = (std::llabs(n) + div / 2) / div;
  return Rounded{n < 0 ? -mag : mag, precision};
}

std::string Rounded::str() const {
  const std::int64_t p = pow10(precision);
  const std::int64_t mag = std::llabs(units);
  // Appending piece by piece; `"-" + std::to_string(...)` trips GCC 12's false -Wrestrict
  // at -O3 (GCC bug 105329).
  std::string out;
  if (units < 0) out.push_back('-');
  out.append(std::to_string(mag / p));
  if (precision > 0) {
    const std::string frac = std::to_string(mag % p);
    out.push_back('.');
    out.append(static_cast<std::size_t>(precision) - frac.size(), '0');
    out.append(frac);
  }
  return out;
}

double Rounded::value() const { return static_cast<double>(units) / static_cast<double>(pow10(precision)); }

std::int64_t Rounded::nanos() const { return units * pow10(9 - precision); }

}  // namespace xingji
