#pragma once
// Internal: exact decimals for money and shares (spec 7), where a double's rounding could
// move a fen: a decimal text read as a whole count of 1e-9, and big-number helpers.

#include <optional>
#include <string>
#include <string_view>

namespace xingji::detail {

/// A count of 1e-9 units that a double cannot hold exactly (1e12 yuan is 1e21 of them).
__extension__ using Nanos = __int128;

/// `text` (1000000, 0.01, -3, 1.5e6) as an exact count of 1e-9, or nullopt when it is not a
/// number, has a digit below 1e-9, or is beyond 1e27 either way.
[[nodiscard]] std::optional<Nanos> exact_nanos(std::string_view text);

/// `n` in 1e-9 units as the shortest decimal text that reads back as it (1.5, 100, 0.01).
[[nodiscard]] std::string nanos_text(Nanos n);

/// `units + nanos / 1e9` units of money of `unit` (in 1e-9 yuan) as text with `decimals`
/// decimals, rounded half away from zero: the exact share of a unit, for display.
[[nodiscard]] std::string share_text(std::int64_t units, std::int64_t nanos, std::int64_t unit, int decimals);

}  // namespace xingji::detail
