#include "xingji/rounding.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace xingji {

namespace {
// 10^0 .. 10^9: precisions are 0..9, and scores are held in units of 10^-precision or nanos.
constexpr std::array<std::int64_t, 10> kPow10 = {1,      10,      100,      1000,      10000,
                                                 100000, 1000000, 10000000, 100000000, 1000000000};
std::int64_t pow10(int n) { return kPow10[static_cast<std::size_t>(n)]; }

// |n| / 10^K rounded half up. K is a constant in each, so the division is a multiplication,
// where one by a variable costs dozens of cycles (every unit's scores are rounded, several
// times); kScaledDown[k] picks the one for k.
template <std::size_t K>
std::int64_t half_up(std::int64_t mag) {
  return (mag + kPow10[K] / 2) / kPow10[K];
}
template <std::size_t... K>
constexpr auto scaled_down_table(std::index_sequence<K...>) {
  return std::array<std::int64_t (*)(std::int64_t), sizeof...(K)>{&half_up<K>...};
}
constexpr auto kScaledDown = scaled_down_table(std::make_index_sequence<kPow10.size()>{});

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
  const std::int64_t mag = kScaledDown[static_cast<std::size_t>(9 - precision)](std::llabs(n));
  return Rounded{n < 0 ? -mag : mag, precision};
}

char* Rounded::write(char* out) const {
  // The whole part with to_chars, then exactly `precision` decimals, two at a time from the
  // last (half a million lines of three scores each in a national CSV). Kept by hand, not
  // fmt: with fmt::format_to(out, FMT_COMPILE("{}.{:0{}}"), ...) the national CSV stage took
  // 0.142-0.149 s against 0.111-0.113 s (XINGJI_THREADS=1 bench/phases DIR 5 csv, three
  // rounds in turn, 2026-12-05).
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
