#pragma once
// Internal: the tables of an allocation (spec 7), shared by `allocate` and the report.

#include <string>
#include <vector>

#include "write/table.hpp"
#include "xingji/allocate.hpp"
#include "xingji/run.hpp"

namespace xingji::detail {

/// What an allocation shares and how, in a sentence or two (with a line break after each).
[[nodiscard]] std::string allocation_summary(const Run& run, const AllocationResult& r);
/// A rule in words: 按星级（5星×1.5、4星×1.2）, 基础份额30%, 保底10000元, 封顶20%, 排除后进.
[[nodiscard]] std::string rule_text(const Assessment& a, const ShareRule& rule, std::int64_t unit);
/// Why a unit got its part, for people (保底, 封顶20%, 排除：一票否决) or machines (floor, cap, ...).
[[nodiscard]] std::string why_text(const Assessment& a, const ShareRule& rule, const SharedUnit& s, Tier tier,
                                   bool machine);
/// The table of one sharing: a row per unit in rank order, then the total; `parent` adds a
/// column naming each unit's alliance (for the villages of a `then`).
[[nodiscard]] TextTable sharing_table(const Run& run, const AllocationResult& r, const Sharing& s,
                                      const ShareRule& rule, bool machine);

}  // namespace xingji::detail
