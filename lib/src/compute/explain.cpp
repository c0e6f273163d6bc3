#include "xingji/explain.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include <fmt/format.h>
#include "base/suggest.hpp"
#include "compute/stars.hpp"

#include "base/units.hpp"
#include "compute/words.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"

namespace xingji {

namespace {

using detail::display_name;

using detail::percent;
using detail::rounded;
using detail::stars_name;

std::string combine_name(Combine c) {
  switch (c) {
    case Combine::mean:
      return "平均";
    case Combine::sum:
      return "合计";
    case Combine::max:
      return "最高";
    case Combine::last:
      return "末季";
  }
  return "平均";
}

std::string rater_combine_name(RaterCombine c) {
  switch (c) {
    case RaterCombine::mean:
      return "平均";
    case RaterCombine::median:
      return "中位数";
    case RaterCombine::trimmed:
      return "去掉一个最高一个最低后平均";
  }
  return "平均";
}

// How a leaf turns its value into points, in the words of a rule set.
std::string rule_text(const Indicator& n, const LeafStats& st, double x) {
  const Scoring& sc = n.scoring;
  const std::string unit = n.unit;
  if (n.fraction_ballots()) return "评议满意度即达成率";
  switch (sc.method) {
    case Method::direct:
      return "直接给分";
    case Method::linear:
      return "线性：" + format_number(sc.zero) + unit + "得0分，" + format_number(sc.full) + unit + "得满分";
    case Method::steps: {
      std::string out = "分档：";
      for (std::size_t i = 0; i < sc.steps.size(); ++i) {
        out += (i ? "，" : "") + std::string(sc.steps_by_max ? "≤" : "≥") + format_number(sc.steps[i].bound) + unit +
               "得" + format_number(sc.steps[i].points);
      }
      return out;
    }
    case Method::ratio:
      return sc.direction == Direction::higher ? "以最高值为满分（最高" + format_number(st.max) + unit + "）"
                                               : "以最低值为满分（最低" + format_number(st.min) + unit + "）";
    case Method::minmax:
      return "极差法：" + std::string(sc.direction == Direction::higher ? "最低" : "最高") +
             format_number(sc.direction == Direction::higher ? st.min : st.max) + unit + "得0分，" +
             (sc.direction == Direction::higher ? "最高" : "最低") +
             format_number(sc.direction == Direction::higher ? st.max : st.min) + unit + "得满分";
    case Method::check:
      return "是得满分，否得0分";
    case Method::count:
      return "每次得" + format_number(sc.per) + "分，最多" + format_number(n.weight) + "分";
    case Method::deduct:
      return "每次扣" + format_number(sc.per) + "分，扣完为止";
    case Method::levels: {
      std::string out = "等级：";
      for (std::size_t i = 0; i < sc.levels.size(); ++i) {
        out += (i ? "，" : "") + sc.levels[i].text + "=" + format_number(sc.levels[i].fraction);
      }
      return out;
    }
    case Method::rank: {
      std::string out = std::isnan(x) ? std::string("按名次得分")
                                      : "第" + std::to_string(peer_rank(n, st, x)) + "名（共" +
                                            std::to_string(st.sorted.size()) + "）";
      if (!sc.ladder.empty()) {
        out += "：名次得分";
        for (std::size_t i = 0; i < sc.ladder.size(); ++i) out += (i ? "，" : "") + format_number(sc.ladder[i]);
      } else {
        for (std::size_t i = 0; i < sc.buckets.size(); ++i) {
          out += (i ? "，" : "：") + std::string("前") + format_number(sc.buckets[i].top * 100) + "%得" +
                 format_number(sc.buckets[i].points);
        }
      }
      return out;
    }
  }
  return "";
}

// What a leaf takes to give its remaining points.
std::string gain_text(const Indicator& n) {
  const Scoring& sc = n.scoring;
  if (n.raters) return "提高" + std::string(n.raters->groups.size() > 1 ? "各方" : "") + "评议";
  switch (sc.method) {
    case Method::direct:
      return "争取满分";
    case Method::linear:
      return "达到" + format_number(sc.full) + n.unit;
    case Method::steps:
      return sc.steps.empty()
                 ? ""
                 : "达到" + std::string(sc.steps_by_max ? "≤" : "≥") + format_number(sc.steps.front().bound) + n.unit;
    case Method::ratio:
    case Method::minmax:
      return sc.direction == Direction::higher ? "追上最高值" : "降到最低值";
    case Method::rank:
      return "提高名次";
    case Method::check:
      return "做到（是）";
    case Method::count:
      return "每多一次得" + format_number(sc.per) + "分";
    case Method::deduct:
      return "减少扣分事项";
    case Method::levels:
      return sc.levels.empty() ? "" : "评为最高等级";
  }
  return "";
}

// The raw value as the user wrote it.
std::string raw_text(const Indicator& n, double x) {
  if (std::isnan(x)) return "";
  if (n.scoring.method == Method::levels) return n.scoring.levels[static_cast<std::size_t>(x)].text;
  if (n.scoring.method == Method::check && !n.raters) return x == 1 ? "是" : "否";
  if (n.fraction_ballots()) return format_number(std::round(x * 1e6) / 1e6);
  return format_number(std::round(x * 1e9) / 1e9) + n.unit;
}

std::string node_label(const Scheme& s, int node) {
  const Indicator& n = s.nodes[static_cast<std::size_t>(node)];
  return n.id + "（" + display_name(n.name, n.id) + "）";
}

// Why level `l` (reached by score) is not held.
std::string blocked_reason(const Run& run, const Scheme& s, const std::vector<StarLevel>& levels, std::size_t l,
                           const UnitScore& r, Decided why, UnitKind kind) {
  const StarLevel& level = levels[l];
  switch (why) {
    case Decided::veto:
      return "一票否决：最高" + stars_name(r.veto_cap);
    case Decided::promotion:
      return "晋星限制：上年" + stars_name(r.previous_stars) + "，今年最多" +
             stars_name(r.previous_stars + s.promotion_up.value_or(0));
    case Decided::gate: {
      std::string out = "必备条件未满足：";
      bool first = true;
      for (int node : level.required) {
        if (gate_met(s, node, r)) continue;
        out += (first ? "" : "、") + node_label(s, node);
        first = false;
      }
      return out + "须满分（或为是）";
    }
    case Decided::quota: {
      const std::size_t n = run.eval.of(kind).units.size();
      return "比例限额：至多" + format_number(*level.max_share * 100) + "%×" + std::to_string(n) + "=" +
             std::to_string(level.quota(n)) + "个，已由排名在前的单位占满（本单位第" + std::to_string(r.rank) +
             "名，同分者整体顺延）";
    }
    case Decided::score:
      break;
  }
  return "";
}

// The rule that keeps a unit from level `l`, which its score reaches (vetoes and promotion
// limit stars, not grades).
Decided why_not(const Scheme& s, const StarLevel& level, std::size_t l, const UnitScore& r, bool grades) {
  if (grades && !gates_met(s, level, r)) return Decided::gate;
  if (!grades) {
    if (auto barrier = level_barrier(s, level, r)) return *barrier;
  }
  const auto held = grades ? r.held_grades : r.held_stars;
  return (held >> l & 1u) != 0 ? Decided::quota : Decided::score;
}

void explain_nodes(const Run& run, UnitKind kind, int unit, const Breakdown& b, Explanation& e) {
  const Assessment& a = run.assessment;
  const Scheme& s = *a.scheme_for(kind);
  const YearData& yd = *run.data.year(run.eval.year);
  const auto row = yd.of(kind).row(static_cast<std::size_t>(unit));
  const auto& stats = run.eval.of(kind).stats;
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    const Indicator& n = s.nodes[i];
    ExplainedNode x;
    x.node = static_cast<int>(i);
    x.depth = n.depth;
    x.achievement = b.nodes[i].achievement;
    x.points = b.nodes[i].points;
    x.max_points = b.nodes[i].max_points;
    if (n.is_leaf()) {
      const double raw = b.nodes[i].raw;
      x.missing = std::isnan(raw);
      x.raw = raw_text(n, raw);
      x.rule = rule_text(n, stats[i], raw);
      if (x.missing) {
        x.rule += s.missing == MissingPolicy::mean ? "；缺数据，按同类平均达成率计" : "；缺数据，计0分";
      }
      if (n.quarterly) {
        std::string q;
        for (int k = 0; k < 4; ++k) {
          const double v = row[static_cast<std::size_t>(n.quarter_item + k)];
          q += (k ? "，" : "") + std::string("Q") + std::to_string(k + 1) + " " +
               (std::isnan(v) ? std::string("—") : format_number(v));
        }
        x.detail.push_back("季度：" + q + "（" + combine_name(n.combine) + "）");
      }
      if (n.raters) {
        for (std::size_t g = 0; g < n.raters->groups.size(); ++g) {
          std::vector<std::pair<double, double>> votes;
          for (const auto& ballot : yd.ballots(kind)) {
            if (ballot.unit == unit && ballot.item == n.item && ballot.group == static_cast<int>(g) && ballot.count > 0)
              votes.emplace_back(ballot.value, ballot.count);
          }
          const auto& group = n.raters->groups[g];
          if (votes.empty()) {
            x.detail.push_back(group.name + "（权重" + format_number(group.weight) + "）：无评议");
            continue;
          }
          const GroupRating gr = combine_ratings(std::move(votes), n.raters->combine);
          x.detail.push_back(group.name + "（权重" + format_number(group.weight) + "）：" + format_number(gr.ballots) +
                             "票，" + rater_combine_name(n.raters->combine) + " " +
                             format_number(std::round(gr.combined * 1e6) / 1e6));
        }
      }
    }
    e.nodes.push_back(std::move(x));
  }
}

void explain_stars(const Run& run, UnitKind kind, const Scheme& s, const UnitScore& r, Explanation& e) {
  const int precision = run.assessment.precision;
  if (s.star_pass) {
    for (std::size_t i = 0; i < s.roots.size(); ++i) {
      const auto root = static_cast<std::size_t>(s.roots[i]);
      const bool passed = (r.areas_passed >> i & 1u) != 0;
      e.stars_why.push_back(display_name(s.nodes[root].name, s.nodes[root].id) + "：" +
                            percent(e.nodes[root].achievement, precision) + (passed ? " ≥ " : " < ") +
                            format_number(*s.star_pass) + "%" + (passed ? "，得星" : "，未得星"));
    }
    if (r.stars < r.score_stars) {
      LevelCheck c;
      c.level = stars_name(r.score_stars);
      c.rule = r.star_rule;
      c.reason = r.star_rule == Decided::veto ? "一票否决：最高" + stars_name(r.veto_cap)
                                              : "晋星限制：上年" + stars_name(r.previous_stars) + "，今年最多" +
                                                    stars_name(r.previous_stars + s.promotion_up.value_or(0));
      e.blocked.push_back(c);
    }
  } else if (!s.stars.empty()) {
    const StarLevel* reached = nullptr;
    for (const auto& l : s.stars) {
      if (r.shown.nanos() >= l.min_nanos) {
        reached = &l;
        break;
      }
    }
    e.stars_why.push_back(reached ? "得分 " + r.shown.str() + " 达到" + stars_name(reached->stars) + "线（≥" +
                                        format_number(reached->min) + "）"
                                  : "得分 " + r.shown.str() + " 未达到任何星级线");
    for (std::size_t l = 0; l < s.stars.size(); ++l) {
      const StarLevel& level = s.stars[l];
      if (level.stars <= r.stars || r.shown.nanos() < level.min_nanos) continue;
      const Decided why = why_not(s, level, l, r, false);
      if (why == Decided::score) continue;
      e.blocked.push_back(LevelCheck{stars_name(level.stars), blocked_reason(run, s, s.stars, l, r, why, kind), why});
    }
  }
  if (r.previous_stars >= 0 && s.promotion_up) {
    e.stars_why.push_back("上年" + stars_name(r.previous_stars) + "，晋星每年最多" + std::to_string(*s.promotion_up) +
                          "星");
  }
  if (s.has_stars()) {
    e.stars_why.push_back("星级：" + stars_name(r.stars) + "（定级依据：" + detail::rule_title(r.star_rule) + "）");
  }
  if (!s.grades.empty()) {
    for (std::size_t l = 0; l < s.grades.size(); ++l) {
      const StarLevel& g = s.grades[l];
      if (static_cast<int>(l) >= r.grade && r.grade >= 0) break;
      if (r.shown.nanos() < g.min_nanos) continue;
      const Decided why = why_not(s, g, l, r, true);
      if (why == Decided::score) continue;
      e.grade_why.push_back(g.label + "：" + blocked_reason(run, s, s.grades, l, r, why, kind));
    }
    e.grade_why.push_back(r.grade >= 0 ? "等次：" + s.grades[static_cast<std::size_t>(r.grade)].label + "（≥" +
                                             format_number(s.grades[static_cast<std::size_t>(r.grade)].min) + "）"
                                       : "等次：未达到任何等次");
  }
}

void explain_tier(const Run& run, UnitKind kind, int unit, const Scheme& s, const UnitScore& r, Explanation& e) {
  const auto& a = run.assessment;
  if (!a.tiers) return;
  const Tiers& t = *a.tiers;
  std::string line = "分层：" + detail::tier_label(t, r.tier);
  if (r.tier == Tier::backward) {
    const auto row = run.data.year(run.eval.year)->of(kind).row(static_cast<std::size_t>(unit));
    line += "（" + detail::backward_text(t, s, r, row) + "；应整尽整，不设比例）";
  } else if (r.tier == Tier::advanced) {
    std::string why;
    if (t.min_stars) why += "≥" + stars_name(*t.min_stars);
    if (t.top_share) why += (why.empty() ? "" : "，") + std::string("排名前") + format_number(*t.top_share * 100) + "%";
    line += "（" + why + "）";
  }
  e.tier_why.push_back(line);
}

// Points each item could still add to the unit's own score, best first.
std::vector<Gain> gains_of(const Scheme& s, const Breakdown& b, const UnitScore& r, int area) {
  std::vector<Gain> out;
  auto under = [&](int node) {
    if (area < 0) return true;
    for (int p = node; p >= 0; p = s.nodes[static_cast<std::size_t>(p)].parent) {
      if (p == area) return true;
    }
    return false;
  };
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    const Indicator& n = s.nodes[i];
    if (!n.is_leaf() || !under(static_cast<int>(i))) continue;
    const double room = b.nodes[i].max_points - b.nodes[i].points;
    if (room > 1e-9) out.push_back(Gain{n.id, display_name(n.name, n.id), room, gain_text(n)});
  }
  if (area < 0) {
    double bonus_raw = 0, deduction_raw = 0;
    for (std::size_t j = 0; j < s.adjustments.size(); ++j) {
      (s.adjustments[j].bonus ? bonus_raw : deduction_raw) += b.adjustments[j].points;
    }
    const double inf = std::numeric_limits<double>::infinity();
    for (std::size_t j = 0; j < s.adjustments.size(); ++j) {
      const Adjustment& adj = s.adjustments[j];
      const double p = b.adjustments[j].points;
      double gain = 0;
      std::string how;
      if (adj.bonus) {
        const double room = adj.cap ? *adj.cap - p : inf;
        const double total = s.bonus_cap ? std::min(bonus_raw + room, *s.bonus_cap) : bonus_raw + room;
        gain = std::isinf(total) ? adj.per : total - r.bonus;
        how = std::isinf(total) ? "每项加" + format_number(adj.per) + "分"
                                : "加分项，尚可加" + format_number(gain) + "分";
      } else {
        const double after = s.deduction_cap ? std::min(deduction_raw - p, *s.deduction_cap) : deduction_raw - p;
        gain = r.deduction - after;
        how = "消除扣分";
      }
      if (gain > 1e-9) out.push_back(Gain{adj.id, display_name(adj.name, adj.id), gain, how});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Gain& x, const Gain& y) { return x.points > y.points; });
  return out;
}

// The share of the unit's own score in the score its stars go by: under 双考评 a village in an
// alliance keeps `village_own` of it, an alliance `alliance_own`; otherwise all.
double own_weight(const Assessment& a, UnitKind kind, int unit) {
  if (!a.dual) return 1;
  if (a.kind(kind).shape == KindShape::alliance) return a.dual->alliance_own;
  if (a.kind(kind).shape == KindShape::village && a.roster.villages[static_cast<std::size_t>(unit)].alliance_index >= 0)
    return a.dual->village_own;
  return 1;
}

void explain_next(const Run& run, UnitKind kind, int unit, const Scheme& s, const Breakdown& b, const UnitScore& r,
                  Explanation& e) {
  const auto& a = run.assessment;
  if (!s.has_stars() || r.stars >= s.max_stars()) return;
  NextStar next;
  next.stars = r.stars + 1;
  if (r.vetoed && r.veto_cap <= r.stars) {
    next.conditions.push_back("一票否决：最高" + stars_name(r.veto_cap) + "，加分无法提升星级");
  }
  if (r.previous_stars >= 0 && r.previous_stars + s.promotion_up.value_or(0) <= r.stars) {
    next.conditions.push_back("晋星限制：今年最多" + stars_name(r.previous_stars + s.promotion_up.value_or(0)) +
                              "，明年方可再升");
  }
  if (s.star_pass && r.score_stars > r.stars) {
    // The areas already give more stars than a cap allows: points change nothing.
    e.next = std::move(next);
    return;
  }
  if (s.star_pass) {
    // One more area must reach `pass`: the closest areas first.
    double best = std::numeric_limits<double>::infinity();
    int best_area = -1;
    for (std::size_t i = 0; i < s.roots.size(); ++i) {
      if ((r.areas_passed >> i & 1u) != 0) continue;
      const auto root = static_cast<std::size_t>(s.roots[i]);
      const double need = *s.star_pass / 100 * b.nodes[root].max_points - b.nodes[root].points;
      next.conditions.push_back(display_name(s.nodes[root].name, s.nodes[root].id) + "还差" +
                                rounded(std::max(0.0, need), a.precision) + "分达到" + format_number(*s.star_pass) +
                                "%");
      if (need < best) {
        best = need;
        best_area = static_cast<int>(root);
      }
    }
    next.missing_final = std::max(0.0, best);
    if (best_area >= 0) next.gains = gains_of(s, b, r, best_area);
    e.next = std::move(next);
    return;
  }
  const StarLevel* target = nullptr;
  for (auto it = s.stars.rbegin(); it != s.stars.rend(); ++it) {
    if (it->stars > r.stars) {
      target = &*it;
      break;
    }
  }
  if (target == nullptr) return;
  next.stars = target->stars;
  std::int64_t missing = std::max<std::int64_t>(0, target->min_nanos - r.shown.nanos());
  const auto level_index = static_cast<std::size_t>(target - s.stars.data());
  if (target->max_share && missing == 0 && (r.held_stars >> level_index & 1u) != 0) {
    // Held back by the quota: the way in is to score above the last unit that holds it.
    std::optional<std::int64_t> last_holder;
    for (const auto& other : run.eval.of(kind).units) {
      if (other.stars == target->stars)
        last_holder = std::min(last_holder.value_or(other.shown.nanos()), other.shown.nanos());
    }
    std::int64_t step = 1;
    for (int d = a.precision; d < 9; ++d) step *= 10;
    if (last_holder) {
      missing = std::max<std::int64_t>(0, *last_holder + step - r.shown.nanos());
      next.conditions.push_back(stars_name(target->stars) + "限额已满：须超过限额内排名最后的单位（" +
                                round_score(static_cast<double>(*last_holder) / 1e9, a.precision).str() + "分）");
    } else {
      next.conditions.push_back(stars_name(target->stars) + "限额为0个：单位数太少，本级无人可得");
    }
  }
  next.missing_final = static_cast<double>(missing) / 1e9;
  const double weight = own_weight(a, kind, unit);
  if (weight != 1 && weight > 0) next.missing_own = next.missing_final / weight;
  for (int node : target->required) {
    if (!gate_met(s, node, r)) next.conditions.push_back("必备条件：" + node_label(s, node) + "须满分（或为是）");
  }
  if (target->max_share && (r.held_stars >> level_index & 1u) == 0) {
    next.conditions.push_back(stars_name(target->stars) + "限额" + format_number(*target->max_share * 100) +
                              "%：达到分数线后还须排名在限额之内");
  }
  if (missing > 0) next.gains = gains_of(s, b, r, -1);
  e.next = std::move(next);
}

// 双考评: how the unit's final score takes in its alliance's total, or an alliance's total its
// members' own scores (the one coupling between kinds).
void explain_dual(const Run& run, const Dual& dual, UnitKind kind, int unit, Explanation& e) {
  const Assessment& a = run.assessment;
  const int p = a.precision;
  const UnitScore& r = run.eval.of(kind).units[static_cast<std::size_t>(unit)];
  const auto& villages = run.eval.of(UnitKind::village).units;
  const auto& alliances = run.eval.of(UnitKind::alliance);
  if (a.kind(kind).shape == KindShape::village) {
    const int al = a.roster.villages[static_cast<std::size_t>(unit)].alliance_index;
    if (al >= 0 && alliances.scored) {
      const UnitScore& t = alliances.units[static_cast<std::size_t>(al)];
      e.dual.push_back("联盟总分 " + t.shown.str() + "（" + a.roster.alliances[static_cast<std::size_t>(al)].id + "）");
      e.dual.push_back("最终得分 = " + format_number(dual.village_own) + "×本村得分 " + rounded(r.own, p) + " + " +
                       format_number(std::round((1 - dual.village_own) * 1e9) / 1e9) + "×联盟总分 " +
                       rounded(t.final, p) + " = " + r.shown.str());
    } else {
      e.dual.push_back("不属于任何联盟：最终得分即本村得分");
    }
    return;
  }
  const Alliance& al = a.roster.alliances[static_cast<std::size_t>(unit)];
  std::string members;
  for (int m : al.members) {
    members += (members.empty() ? "" : "，") + std::string(a.roster.villages[static_cast<std::size_t>(m)].id()) + " " +
               rounded(villages[static_cast<std::size_t>(m)].own, p);
  }
  e.dual.push_back("成员村本村得分：" + members);
  e.dual.push_back(std::string("成员村得分（") +
                   (dual.members == MemberAggregate::mean     ? "平均"
                    : dual.members == MemberAggregate::median ? "中位数"
                                                              : "最低") +
                   "） " + rounded(r.members, p));
  e.dual.push_back("总分 = " + format_number(dual.alliance_own) + "×本联盟得分 " + rounded(r.own, p) + " + " +
                   format_number(std::round((1 - dual.alliance_own) * 1e9) / 1e9) + "×成员村得分 " +
                   rounded(r.members, p) + " = " + r.shown.str());
}

}  // namespace

Explanation explain(const Run& run, std::string_view id) {
  const Assessment& a = run.assessment;
  const auto ref = a.roster.find(trim(id));
  if (!ref) {
    throw Error(Location{a.manifest, 0, 0}, detail::unknown_unit(a, id));
  }
  const KindWords& words = a.kind(ref->kind).words;
  if (!run.eval.of(ref->kind).scored) {
    throw Error(Location{a.manifest, 0, 0},
                fmt::format("'{}' is {}, but {} are not scored: the manifest names no {} scheme", id, words.article,
                            words.plural, words.noun));
  }
  Explanation e;
  e.kind = ref->kind;
  e.unit = ref->index;
  const Scheme& s = a.scheme(e.kind);
  const UnitScore& r = run.eval.of(e.kind).units[static_cast<std::size_t>(e.unit)];
  e.breakdown = breakdown(a, run.data, run.eval, e.kind, e.unit);
  const Breakdown& b = e.breakdown;
  explain_nodes(run, e.kind, e.unit, b, e);
  if (a.dual) explain_dual(run, *a.dual, e.kind, e.unit, e);
  explain_stars(run, e.kind, s, r, e);
  explain_tier(run, e.kind, e.unit, s, r, e);
  explain_next(run, e.kind, e.unit, s, b, r, e);
  return e;
}

}  // namespace xingji
