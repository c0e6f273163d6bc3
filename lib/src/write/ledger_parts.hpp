#pragma once
// Internal: what the outputs of `ledger` share: points and dates as people read them.

#include <fmt/format.h>

#include <string>

#include "xingji/ledger.hpp"
#include "xingji/rounding.hpp"

namespace xingji::detail {

/// Points rounded to the assessment's precision, as scores are: "20.00", "-2.00".
[[nodiscard]] inline std::string points_text(const Assessment& a, double points) {
  return round_score(points, a.precision).str();
}

/// 截至2024年6月30日.
[[nodiscard]] inline std::string until_text(const Date& d) {
  return fmt::format("截至{}年{}月{}日", d.year, d.month, d.day);
}

}  // namespace xingji::detail
