#include "compute/words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/exact.hpp"
#include "compute/achieve.hpp"
#include "compute/stars.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"

namespace xingji::detail {

std::string rounded(double x, int precision) { return round_score(x, precision).str(); }

std::vector<Rounded> parts_adding_up(std::span<const double> parts, const Rounded& total) {
  const int p = total.precision;
  std::int64_t unit = 1;  // one unit of the last decimal shown, in 1e-9
  for (int d = p; d < 9; ++d) unit *= 10;
  std::vector<Rounded> out;
  std::vector<std::int64_t> rest;
  std::int64_t sum = 0;
  for (const double x : parts) {
    const std::int64_t n = round_score(x, 9).nanos();
    const std::int64_t down = n >= 0 ? n / unit : -((-n + unit - 1) / unit);  // floor
    out.push_back(Rounded{down, p});
    rest.push_back(n - down * unit);
    sum += down;
  }
  const std::int64_t left = total.units - sum;
  std::vector<std::size_t> order(parts.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return rest[x] > rest[y]; });
  const auto with_rest =
      static_cast<std::int64_t>(std::count_if(rest.begin(), rest.end(), [](std::int64_t r) { return r > 0; }));
  if (left < 0 || left > with_rest) {
    for (std::size_t i = 0; i < parts.size(); ++i) out[i] = round_score(parts[i], p);
    return out;
  }
  for (std::int64_t k = 0; k < left; ++k) ++out[order[static_cast<std::size_t>(k)]].units;
  return out;
}

std::string percent(double achievement, int precision) {
  return fmt::format("{}%", round_score(achievement * 100, precision).str());
}

int money_decimals(std::int64_t unit) {
  int d = 9;
  for (; d > 0 && unit % 10 == 0; --d) unit /= 10;
  return d;
}

std::string money_text(std::int64_t units, std::int64_t unit) {
  return share_text(units, 0, unit, money_decimals(unit));
}

std::string percent_of(std::int64_t part, std::int64_t whole, bool sign) {
  if (whole == 0) return "—";
  const Nanos hundredths = (static_cast<Nanos>(part) * 20000 + whole) / (2 * static_cast<Nanos>(whole));
  return share_text(static_cast<std::int64_t>(hundredths), 0, 10'000'000, 2) + (sign ? "%" : "");
}

std::string stars_name(int stars) { return fmt::format("{}星", stars); }

std::string unit_title(const Assessment& a, UnitRef ref) {
  return display_name(a.roster.name_of(ref), a.roster.id_of(ref)) + a.kind(ref.kind).words.suffix;
}

namespace {
// What a person reads of an item: its name (its id when it has none); a program reads the id.
template <class T>
const std::string& label_of(const T& x, bool names) {
  return names && !x.name.empty() ? x.name : x.id;
}
}  // namespace

std::vector<std::string> vetoes_of(const Scheme& s, std::span<const double> row, bool names) {
  std::vector<std::string> out;
  for (int v : triggered_vetoes(s, row)) out.push_back(label_of(s.vetoes[static_cast<std::size_t>(v)], names));
  return out;
}

std::vector<std::string> missing_of(const Scheme& s, std::span<const double> row, bool names) {
  std::vector<std::string> out;
  for (int n : missing_leaves(s, row)) out.push_back(label_of(s.nodes[static_cast<std::size_t>(n)], names));
  return out;
}

std::string id_list(const std::vector<std::string>& ids, char sep) {
  return fmt::format("{}", fmt::join(ids, sep == ',' ? std::string_view(", ") : std::string_view(&sep, 1)));
}

std::string name_list(const std::vector<std::string>& names) { return fmt::format("{}", fmt::join(names, "、")); }

std::string rule_code(Decided d) {
  switch (d) {
    case Decided::score:
      return "score";
    case Decided::gate:
      return "gate";
    case Decided::quota:
      return "quota";
    case Decided::promotion:
      return "promotion";
    case Decided::veto:
      return "veto";
  }
  return "score";
}

std::string rule_title(Decided d) {
  switch (d) {
    case Decided::score:
      return "分数线";
    case Decided::gate:
      return "必备条件";
    case Decided::quota:
      return "比例限额";
    case Decided::promotion:
      return "晋星限制";
    case Decided::veto:
      return "一票否决";
  }
  return "分数线";
}

std::string grade_label(const Scheme& s, const UnitScore& r) {
  return r.grade >= 0 ? s.grades[static_cast<std::size_t>(r.grade)].label : std::string();
}

std::string tier_code(Tier t) { return t == Tier::advanced ? "advanced" : t == Tier::backward ? "backward" : "middle"; }

std::string tier_label(const Tiers& t, Tier tier) { return t.labels[static_cast<int>(tier)]; }

std::string backward_text(const Tiers& t, const Scheme& s, const UnitScore& r, std::span<const double> row,
                          bool names) {
  std::vector<std::string> reasons;
  if (r.backward & backward_stars) reasons.push_back(fmt::format("星级≤{}", *t.max_stars));
  if (r.backward & backward_score) reasons.push_back(fmt::format("得分<{}", format_number(*t.below)));
  if (r.backward & backward_veto)
    reasons.push_back(fmt::format("一票否决：{}",
                                  names ? name_list(vetoes_of(s, row, true)) : id_list(vetoes_of(s, row, false), ',')));
  return fmt::format("{}", fmt::join(reasons, "；"));
}

std::vector<std::string> star_areas(const Scheme& s, const UnitScore& r, bool names) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.roots.size() && i < 32; ++i) {
    if ((r.areas_passed >> i & 1u) == 0) continue;
    const auto& n = s.nodes[static_cast<std::size_t>(s.roots[i])];
    out.push_back(names ? n.name : n.id);
  }
  return out;
}

std::string raw_text(const Indicator& n, double x) {
  if (std::isnan(x)) return "";
  if (n.scoring.method == Method::levels) return n.scoring.levels[static_cast<std::size_t>(x)].text;
  if (n.scoring.method == Method::check && !n.raters) return x == 1 ? "是" : "否";
  if (n.fraction_ballots()) return format_number(std::round(x * 1e6) / 1e6);
  return format_number(std::round(x * 1e9) / 1e9) + n.unit;
}

std::string item_text(const Scheme& s, int item, double x) {
  const Item& it = s.items[static_cast<std::size_t>(item)];
  if (std::isnan(x)) return "";
  // A quarter's value is its leaf's kind of value.
  if (it.kind == ItemKind::leaf || it.kind == ItemKind::quarter) {
    return raw_text(s.nodes[static_cast<std::size_t>(it.index)], x);
  }
  if (it.boolean) return x == 1 ? "是" : "否";
  return format_number(std::round(x * 1e9) / 1e9);
}

std::string item_name(const Scheme& s, int item) {
  const Item& it = s.items[static_cast<std::size_t>(item)];
  const auto i = static_cast<std::size_t>(it.index);
  switch (it.kind) {
    case ItemKind::leaf:
      return display_name(s.nodes[i].name, s.nodes[i].id);
    case ItemKind::quarter:
      return fmt::format("{}（第{}季度）", display_name(s.nodes[i].name, s.nodes[i].id), it.quarter);
    case ItemKind::adjustment:
      return display_name(s.adjustments[i].name, s.adjustments[i].id);
    case ItemKind::veto:
      return display_name(s.vetoes[i].name, s.vetoes[i].id);
  }
  return it.id;
}

namespace {
std::string method_text(const Indicator& n, const LeafStats* st, double x);
}  // namespace

std::string link_text(const Link& link) {
  const bool village = link.of == LinkOf::village;
  switch (link.value) {
    case LinkValue::final:
      return village ? "所在村最终得分" : "所在联盟总分";
    case LinkValue::own:
      return village ? "所在村本村得分" : "所在联盟本联盟得分";
    case LinkValue::stars:
      return village ? "所在村星级" : "所在联盟星级";
  }
  return "";
}

namespace {
// 每次2分，每月最多4分，每季度最多3分，全年最多20分 (每次扣1分 when `minus`).
std::string ledger_terms(const LedgerRule& r, bool minus) {
  std::string out = fmt::format("每次{}{}分", minus ? "扣" : "", format_number(r.per));
  if (r.month) out += fmt::format("，每月最多{}分", format_number(*r.month));
  if (r.quarter) out += fmt::format("，每季度最多{}分", format_number(*r.quarter));
  if (r.year) out += fmt::format("，全年最多{}分", format_number(*r.year));
  return out;
}
}  // namespace

std::string ledger_rule_text(const LedgerRule& r, double weight, bool adjustment) {
  std::string out = fmt::format("积分台账：{}", ledger_terms(r, r.deduct));
  if (!adjustment) out += r.deduct ? "，扣完为止" : fmt::format("，最多{}分", format_number(weight));
  return out;
}

std::string ledger_item_rule(const Scheme& s, int item) {
  const Item& it = s.items[static_cast<std::size_t>(item)];
  if (it.kind != ItemKind::adjustment) {
    const Indicator& n = s.nodes[static_cast<std::size_t>(it.index)];
    return fmt::format("{}，{}", ledger_terms(*n.ledger, n.ledger->deduct),
                       n.ledger->deduct ? fmt::format("最多扣{}分", format_number(n.weight))
                                        : fmt::format("最多{}分", format_number(n.weight)));
  }
  const Adjustment& adj = s.adjustments[static_cast<std::size_t>(it.index)];
  std::string out = ledger_terms(*adj.ledger, !adj.bonus);
  if (adj.cap) out += fmt::format("，最多{}{}分", adj.bonus ? "" : "扣", format_number(*adj.cap));
  return out;
}

std::string ledger_cut_text(std::string_view what, double cap, double cut) {
  // A cut is a difference of sums: 0.30000000000000004 is 0.3.
  return fmt::format("{}上限{}分，核减{}分", what, format_number(cap), format_number(std::round(cut * 1e9) / 1e9));
}

std::string leaf_rule_text(const Indicator& n, const LeafStats* st, double x) {
  if (n.ledger) return ledger_rule_text(*n.ledger, n.weight, false);
  if (!n.link) return method_text(n, st, x);
  if (n.link->scored) return fmt::format("取{}；{}", link_text(*n.link), method_text(n, st, x));
  return fmt::format("取{}，按满分{}折算", link_text(*n.link), format_number(n.scoring.full));
}

namespace {
std::string method_text(const Indicator& n, const LeafStats* st, double x) {
  const Scoring& sc = n.scoring;
  const std::string unit = n.unit;
  if (n.fraction_ballots()) return "评议满意度即达成率";
  switch (sc.method) {
    case Method::direct:
      return "直接给分";
    case Method::linear:
      return fmt::format("线性：{0}{1}得0分，{2}{1}得满分", format_number(sc.zero), unit, format_number(sc.full));
    case Method::steps: {
      std::vector<std::string> steps;
      for (const auto& step : sc.steps) {
        steps.push_back(fmt::format("{}{}{}得{}", sc.steps_by_max ? "≤" : "≥", format_number(step.bound), unit,
                                    format_number(step.points)));
      }
      return fmt::format("分档：{}", fmt::join(steps, "，"));
    }
    case Method::ratio:
      if (st == nullptr)
        return sc.direction == Direction::higher ? "以最高值为满分，按比例得分" : "以最低值为满分，按比例得分";
      return sc.direction == Direction::higher
                 ? fmt::format("以最高值为满分（最高{}{}）", format_number(st->max), unit)
                 : fmt::format("以最低值为满分（最低{}{}）", format_number(st->min), unit);
    case Method::minmax:
      if (st == nullptr)
        return sc.direction == Direction::higher ? "极差法：最低得0分，最高得满分" : "极差法：最高得0分，最低得满分";
      return sc.direction == Direction::higher ? fmt::format("极差法：最低{0}{1}得0分，最高{2}{1}得满分",
                                                             format_number(st->min), unit, format_number(st->max))
                                               : fmt::format("极差法：最高{0}{1}得0分，最低{2}{1}得满分",
                                                             format_number(st->max), unit, format_number(st->min));
    case Method::check:
      return "是得满分，否得0分";
    case Method::count:
      return fmt::format("每次得{}分，最多{}分", format_number(sc.per), format_number(n.weight));
    case Method::deduct:
      return fmt::format("每次扣{}分，扣完为止", format_number(sc.per));
    case Method::levels: {
      std::vector<std::string> levels;
      for (const auto& level : sc.levels)
        levels.push_back(fmt::format("{}={}", level.text, format_number(level.fraction)));
      return fmt::format("等级：{}", fmt::join(levels, "，"));
    }
    case Method::rank: {
      std::string out = std::isnan(x) || st == nullptr
                            ? std::string("按名次得分")
                            : fmt::format("第{}名（共{}）", peer_rank(n, *st, x), st->sorted.size());
      std::vector<std::string> points;
      if (!sc.ladder.empty()) {
        for (double p : sc.ladder) points.push_back(format_number(p));
        fmt::format_to(std::back_inserter(out), "：名次得分{}", fmt::join(points, "，"));
      } else if (!sc.buckets.empty()) {
        for (const auto& b : sc.buckets) {
          points.push_back(fmt::format("前{}%得{}", format_number(b.top * 100), format_number(b.points)));
        }
        fmt::format_to(std::back_inserter(out), "：{}", fmt::join(points, "，"));
      }
      return out;
    }
  }
  return "";
}
}  // namespace

}  // namespace xingji::detail
