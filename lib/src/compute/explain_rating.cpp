// `explain`: how a unit's stars, grade and tier came about, and the rule that keeps it from
// each level its score reaches but it does not hold (spec 4.4, 4.5).
#include <string>
#include <vector>

#include <fmt/format.h>

#include "compute/explain_parts.hpp"
#include "compute/words.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"

namespace xingji::detail {

namespace {

// How a veto (`why` veto) or else the promotion limit caps the unit's stars.
std::string cap_reason(const Scheme& s, const UnitScore& r, Decided why) {
  if (why == Decided::veto) return fmt::format("一票否决：最高{}", stars_name(r.veto_cap));
  return fmt::format("晋星限制：上年{}，今年最多{}", stars_name(r.previous_stars),
                     stars_name(r.previous_stars + s.promotion_up.value_or(0)));
}

// Why level `l` (reached by score) is not held.
std::string blocked_reason(const Run& run, const Scheme& s, const std::vector<StarLevel>& levels, std::size_t l,
                           const UnitScore& r, Decided why, UnitKind kind) {
  const StarLevel& level = levels[l];
  switch (why) {
    case Decided::veto:
    case Decided::promotion:
      return cap_reason(s, r, why);
    case Decided::gate: {
      std::vector<std::string> unmet;
      for (int node : level.required) {
        if (!gate_met(s, node, r)) unmet.push_back(node_label(s, node));
      }
      return fmt::format("必备条件未满足：{}须满分（或为是）", fmt::join(unmet, "、"));
    }
    case Decided::quota: {
      const std::size_t n = run.eval.of(kind).units.size();
      return fmt::format("比例限额：至多{}%×{}={}个，已由排名在前的单位占满（本单位第{}名，同分者整体顺延）",
                         format_number(*level.max_share * 100), n, level.quota(n), r.rank);
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
      const std::string area = display_name(s.nodes[root].name, s.nodes[root].id);
      const std::string achieved = percent(e.nodes[root].achievement, precision);
      e.stars_why.push_back(passed ? fmt::format("{}：{} ≥ {}%，得星", area, achieved, format_number(*s.star_pass))
                                   : fmt::format("{}：{} < {}%，未得星", area, achieved, format_number(*s.star_pass)));
    }
    if (r.stars < r.score_stars) {
      LevelCheck c;
      c.level = stars_name(r.score_stars);
      c.rule = r.star_rule;
      c.reason = cap_reason(s, r, r.star_rule);
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
    e.stars_why.push_back(reached ? fmt::format("得分 {} 达到{}线（≥{}）", r.shown.str(), stars_name(reached->stars),
                                                format_number(reached->min))
                                  : fmt::format("得分 {} 未达到任何星级线", r.shown.str()));
    for (std::size_t l = 0; l < s.stars.size(); ++l) {
      const StarLevel& level = s.stars[l];
      if (level.stars <= r.stars || r.shown.nanos() < level.min_nanos) continue;
      const Decided why = why_not(s, level, l, r, false);
      if (why == Decided::score) continue;
      e.blocked.push_back(LevelCheck{stars_name(level.stars), blocked_reason(run, s, s.stars, l, r, why, kind), why});
    }
  }
  if (r.previous_stars >= 0 && s.promotion_up) {
    e.stars_why.push_back(fmt::format("上年{}，晋星每年最多{}星", stars_name(r.previous_stars), *s.promotion_up));
  }
  if (s.has_stars()) {
    e.stars_why.push_back(fmt::format("星级：{}（定级依据：{}）", stars_name(r.stars), rule_title(r.star_rule)));
  }
  if (!s.grades.empty()) {
    for (std::size_t l = 0; l < s.grades.size(); ++l) {
      const StarLevel& g = s.grades[l];
      if (static_cast<int>(l) >= r.grade && r.grade >= 0) break;
      if (r.shown.nanos() < g.min_nanos) continue;
      const Decided why = why_not(s, g, l, r, true);
      if (why == Decided::score) continue;
      e.grade_why.push_back(fmt::format("{}：{}", g.label, blocked_reason(run, s, s.grades, l, r, why, kind)));
    }
    if (r.grade >= 0) {
      const StarLevel& grade = s.grades[static_cast<std::size_t>(r.grade)];
      e.grade_why.push_back(fmt::format("等次：{}（≥{}）", grade.label, format_number(grade.min)));
    } else {
      e.grade_why.push_back("等次：未达到任何等次");
    }
  }
}

void explain_tier(const Run& run, UnitKind kind, int unit, const Scheme& s, const UnitScore& r, Explanation& e) {
  const auto& a = run.assessment;
  if (!a.tiers) return;
  const Tiers& t = *a.tiers;
  const std::string label = tier_label(t, r.tier);
  if (r.tier == Tier::backward) {
    const auto row = rated_values(run.data, run.eval, kind).row(static_cast<std::size_t>(unit));
    e.tier_why.push_back(fmt::format("分层：{}（{}；应整尽整，不设比例）", label, backward_text(t, s, r, row, true)));
  } else if (r.tier == Tier::advanced) {
    std::vector<std::string> why;
    if (t.min_stars) why.push_back(fmt::format("≥{}", stars_name(*t.min_stars)));
    if (t.top_share) why.push_back(fmt::format("排名前{}%", format_number(*t.top_share * 100)));
    e.tier_why.push_back(fmt::format("分层：{}（{}）", label, fmt::join(why, "，")));
  } else {
    e.tier_why.push_back(fmt::format("分层：{}", label));
  }
}

}  // namespace xingji::detail
