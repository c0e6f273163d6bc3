// `explain`: how a unit's stars, grade and tier came about, and the rule that keeps it from
// each level its score reaches but it does not hold (spec 4.4, 4.5).
#include <string>
#include <vector>

#include "compute/explain_parts.hpp"
#include "compute/words.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"

namespace xingji::detail {

namespace {

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

}  // namespace

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

}  // namespace xingji::detail
