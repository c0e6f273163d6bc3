#pragma once
/// Reading numbers and yes/no values from text the way every input file does.

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

/// A whole number (for years, precision, star counts).
[[nodiscard]] std::optional<long long> parse_integer(std::string_view text);

/// A check value: true/yes/是/1/√/✓/有/对 give true; false/no/否/0/×/✗/无/错 give false
/// (ASCII words in any case).
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
