#pragma once
/// The two-stage rounding of spec section 2.5: scores are shown, compared and ranked as
/// exact decimals, so a rating always agrees with the score people read.

#include <cstddef>
#include <cstdint>
#include <string>

namespace xingji {

/// A score rounded to `precision` decimals, held exactly as `units / 10^precision`.
struct Rounded {
  std::int64_t units = 0;
  int precision = 2;

  /// Exact decimal text with `precision` decimals, e.g. "89.50".
  [[nodiscard]] std::string str() const;
  /// The same text appended to `out` (no allocation of its own, for large outputs).
  void append_to(std::string& out) const;
  /// The most bytes the text takes: a sign, 19 digits and a point.
  static constexpr std::size_t kMaxText = 21;
  /// The same text written at `out`, which has room for kMaxText bytes; returns its end.
  char* write(char* out) const;
  /// The same value as a double (for display arithmetic only, never for decisions).
  [[nodiscard]] double value() const;
  /// The value scaled to 9 decimals, for exact comparison with thresholds.
  [[nodiscard]] std::int64_t nanos() const;

  friend bool operator==(const Rounded& a, const Rounded& b) { return a.nanos() == b.nanos(); }
  friend auto operator<=>(const Rounded& a, const Rounded& b) { return a.nanos() <=> b.nanos(); }
};

/// The largest score, either way, that is rated: scores are held as 64-bit counts of 1e-9,
/// exact up to about 9.2e9; a score beyond this comes from a data value far out of scale or an
/// uncapped adjustment, and evaluate() refuses it rather than rate it.
inline constexpr double kMaxScore = 1e8;

/// Round `score` half away from zero to 9 decimals (removing binary noise), then, in integer
/// arithmetic, half away from zero to `precision` decimals (0..9).
[[nodiscard]] Rounded round_score(double score, int precision);

/// A threshold such as a star's `min`, as an exact count of 1e-9 units (same first stage).
[[nodiscard]] std::int64_t threshold_nanos(double threshold);

/// `share * n` as a whole count in exact integers, `share` given in 1e-9 units (at most 1):
/// rounded down (quotas: floor) or up (top shares: ceil). In binary 0.29 * 100 is
/// 28.999999999999996 and 0.6 * 5 is 3.0000000000000004; here they are 29 and 3.
[[nodiscard]] std::uint64_t share_count(std::int64_t share_nanos, std::size_t n, bool round_up);

}  // namespace xingji
