#pragma once
// Internal: the words for results that every output and `explain` share: names shown for
// units and items, what decided a rating, tiers and their reasons.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "xingji/model.hpp"
#include "xingji/score.hpp"

namespace xingji::detail {

/// A unit's or an item's name, or its id when it has none.
[[nodiscard]] inline std::string display_name(std::string_view name, std::string_view id) {
  return std::string(name.empty() ? id : name);
}
/// Parts shown beside their total (the areas, the bonus and minus the deduction beside the
/// own score), rounded so that the shown parts add up to the shown `total` (spec 8): each
/// rounded down at the last decimal shown, the units left over given one each to the largest
/// remainders, ties in order. Parts that cannot add up to it (a total clamped at 0) are
/// rounded each on its own.
[[nodiscard]] std::vector<Rounded> parts_adding_up(std::span<const double> parts, const Rounded& total);

/// A score rounded and shown as text ("89.50").
[[nodiscard]] std::string rounded(double x, int precision);
/// An achievement shown as a percentage of full marks ("95.00%").
[[nodiscard]] std::string percent(double achievement, int precision);
/// Money in units of `unit` (in 1e-9 yuan) as text with the unit's decimals: 1234.50 for
/// 0.01, 1200 for 100.
[[nodiscard]] std::string money_text(std::int64_t units, std::int64_t unit);
/// The decimals a unit of money (in 1e-9 yuan) needs: 0 for 1 or 100, 2 for 0.01.
[[nodiscard]] int money_decimals(std::int64_t unit);
/// `part` of `whole` as a percentage with two decimals, rounded half up ("40.00%"; "—" of 0).
[[nodiscard]] std::string percent_of(std::int64_t part, std::int64_t whole, bool sign = true);
/// "3星".
[[nodiscard]] std::string stars_name(int stars);
/// How a leaf turns its value into points, in the words of a rule set ("线性：60岁得0分，40岁得满分");
/// with its peers' `stats` and its value `x`, the figures that apply (the highest value, its
/// rank); without them (nullptr, NaN), the rule alone.
[[nodiscard]] std::string leaf_rule_text(const Indicator& n, const LeafStats* stats, double x);
/// What a linked leaf takes (spec 6): 所在村星级, 所在联盟总分, ...
[[nodiscard]] std::string link_text(const Link& link);
/// A ledger item's rule (spec 6): 积分台账：每次2分，每月最多4分，全年最多20分，最多20分.
[[nodiscard]] std::string ledger_rule_text(const LedgerRule& rule, double weight, bool adjustment);
/// A ledger item's rule as the standings apply it, its own cap included: 每次2分，每月最多4分，
/// 全年最多20分，最多20分; 每次扣1分，最多扣10分; 每次扣5分，最多扣10分 (a deduction).
[[nodiscard]] std::string ledger_item_rule(const Scheme& s, int item);
/// What a cap of a ledger took away: 月上限4分，核减2分 (`what`: 月, 季度, 年度, 项目).
[[nodiscard]] std::string ledger_cut_text(std::string_view what, double cap, double cut);
/// A leaf's value as the user wrote it, with its unit ("14.7万", "是", a level's label); "" for NaN.
[[nodiscard]] std::string raw_text(const Indicator& n, double x);
/// The value of an item (a leaf, a quarter of one, an adjustment or a veto) as the user wrote it.
[[nodiscard]] std::string item_text(const Scheme& s, int item, double x);
/// An item's name as people read it: a quarter's as its leaf's name and quarter ("组织生活（第3季度）").
[[nodiscard]] std::string item_name(const Scheme& s, int item);
/// A unit's name (or id) followed by its kind's suffix (`（联盟）`), for lists mixing kinds.
[[nodiscard]] std::string unit_title(const Assessment& a, UnitRef ref);

/// Ids of the vetoes triggered in a unit's row, in scheme order.
[[nodiscard]] std::vector<std::string> vetoes_of(const Scheme& s, std::span<const double> row, bool names = false);
/// Ids (with `names`, the names people read) of the leaves missing in a unit's row, in scheme order.
[[nodiscard]] std::vector<std::string> missing_of(const Scheme& s, std::span<const double> row, bool names = false);
/// Ids joined by `sep` (',' adds a space after it).
[[nodiscard]] std::string id_list(const std::vector<std::string>& ids, char sep = ',');
/// Names joined as Chinese lists them: 甲、乙、丙.
[[nodiscard]] std::string name_list(const std::vector<std::string>& names);

/// What decided a rating: `score`, `gate`, `quota`, `promotion`, `veto` / 分数线, 必备条件, ...
[[nodiscard]] std::string rule_code(Decided d);
[[nodiscard]] std::string rule_title(Decided d);
/// A unit's grade label, or "" without one.
[[nodiscard]] std::string grade_label(const Scheme& s, const UnitScore& r);
/// `advanced`, `middle`, `backward`, and the manifest's label for a tier.
[[nodiscard]] std::string tier_code(Tier t);
[[nodiscard]] std::string tier_label(const Tiers& t, Tier tier);
/// Why a unit is backward, e.g. "星级≤1；得分<60；一票否决：发生严重违纪违法问题" ("" when it
/// is not); the vetoes by id (`discipline`) unless `names`.
[[nodiscard]] std::string backward_text(const Tiers& t, const Scheme& s, const UnitScore& r,
                                        std::span<const double> row, bool names);
/// Ids (or names) of the top-level areas that earned a star in five-area mode.
[[nodiscard]] std::vector<std::string> star_areas(const Scheme& s, const UnitScore& r, bool names);

}  // namespace xingji::detail
