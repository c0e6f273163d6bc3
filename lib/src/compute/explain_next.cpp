// `explain`: the path to a unit's next star: what caps it, what the quota asks, and which
// items could still give the points it lacks, best first.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "compute/explain_parts.hpp"
#include "compute/words.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"

namespace xingji::detail {

namespace {

// The step a value reaches next: the one just above the highest it reaches (the lowest step
// when it reaches none, or has no value). Steps are sorted best first.
const Step& next_step(const Scoring& sc, double raw) {
  std::size_t reached = sc.steps.size();
  for (std::size_t i = 0; i < sc.steps.size() && !std::isnan(raw); ++i) {
    if (sc.steps_by_max ? raw <= sc.steps[i].bound : raw >= sc.steps[i].bound) {
      reached = i;
      break;
    }
  }
  return sc.steps[reached == 0 ? 0 : reached - 1];
}

// What a leaf takes to give more points, as a secretary reads it: the next step up, not the
// top; counts per unit of the item (每人得2分).
std::string gain_text(const Indicator& n, double raw) {
  const Scoring& sc = n.scoring;
  if (n.raters) return n.raters->groups.size() > 1 ? "提高各方评议" : "提高评议";
  // 积分台账: points come per event, within the caps (spec 6).
  if (n.ledger) {
    return n.ledger->deduct ? fmt::format("减少扣分事项（每次扣{}分）", format_number(n.ledger->per))
                            : fmt::format("多积分（每次{}分，以上限为限）", format_number(n.ledger->per));
  }
  if (n.link) {  // what the linked unit must reach: 所在村达到≥4得16分
    Indicator plain = n;
    plain.link.reset();
    return (n.link->of == LinkOf::village ? "所在村" : "所在联盟") + gain_text(plain, raw);
  }
  switch (sc.method) {
    case Method::direct:
      return "争取满分";
    case Method::linear:
      return fmt::format("达到{}{}", format_number(sc.full), n.unit);
    case Method::steps: {
      if (sc.steps.empty()) return "";
      const Step& next = next_step(sc, raw);
      return fmt::format("达到{}{}{}得{}分", sc.steps_by_max ? "≤" : "≥", format_number(next.bound), n.unit,
                         format_number(next.points));
    }
    case Method::ratio:
    case Method::minmax:
      return sc.direction == Direction::higher ? "追上最高值" : "降到最低值";
    case Method::rank:
      return "提高名次";
    case Method::check:
      return "做到（是）";
    case Method::count:
      return n.unit.empty() ? fmt::format("每多一次得{}分", format_number(sc.per))
                            : fmt::format("每{}得{}分", n.unit, format_number(sc.per));
    case Method::deduct:
      return n.unit.empty() ? std::string("减少扣分事项")
                            : fmt::format("减少扣分事项（每{}扣{}分）", n.unit, format_number(sc.per));
    case Method::levels:
      return sc.levels.empty() ? "" : "评为最高等级";
  }
  return "";
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
    if (room > 1e-9) out.push_back(Gain{n.id, display_name(n.name, n.id), room, gain_text(n, b.nodes[i].raw)});
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
        const double per = adj.ledger ? adj.ledger->per : adj.per;  // a ledger's points per event
        gain = std::isinf(total) ? per : total - r.bonus;
        how = std::isinf(total) ? fmt::format("每项加{}分", format_number(per))
                                : fmt::format("加分项，尚可加{}分", format_number(gain));
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

}  // namespace

void explain_next(const Run& run, UnitKind kind, int unit, const Scheme& s, const Breakdown& b, const UnitScore& r,
                  Explanation& e) {
  const auto& a = run.assessment;
  if (!s.has_stars() || r.stars >= s.max_stars()) return;
  NextStar next;
  next.stars = r.stars + 1;
  if (r.vetoed && r.veto_cap <= r.stars) {
    next.conditions.push_back(fmt::format("一票否决：最高{}，加分无法提升星级", stars_name(r.veto_cap)));
  }
  if (r.previous_stars >= 0 && r.previous_stars + s.promotion_up.value_or(0) <= r.stars) {
    next.conditions.push_back(
        fmt::format("晋星限制：今年最多{}，明年方可再升", stars_name(r.previous_stars + s.promotion_up.value_or(0))));
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
      next.conditions.push_back(fmt::format("{}还差{}分达到{}%", display_name(s.nodes[root].name, s.nodes[root].id),
                                            rounded(std::max(0.0, need), a.precision), format_number(*s.star_pass)));
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
      next.conditions.push_back(fmt::format("{}限额已满：须超过限额内排名最后的单位（{}分）", stars_name(target->stars),
                                            round_score(static_cast<double>(*last_holder) / 1e9, a.precision).str()));
    } else {
      next.conditions.push_back(fmt::format("{}限额为0个：单位数太少，本级无人可得", stars_name(target->stars)));
    }
  }
  next.missing_final = static_cast<double>(missing) / 1e9;
  const double weight = own_weight(a, kind, unit);
  if (weight != 1 && weight > 0) next.missing_own = next.missing_final / weight;
  for (int node : target->required) {
    if (!gate_met(s, node, r)) {
      const Indicator& gate = s.nodes[static_cast<std::size_t>(node)];
      const bool check = gate.is_leaf() && gate.scoring.method == Method::check;
      next.conditions.push_back(fmt::format("必备条件：{}须{}", node_label(s, node), check ? "为“是”" : "满分"));
    }
  }
  if (target->max_share && (r.held_stars >> level_index & 1u) == 0) {
    next.conditions.push_back(fmt::format("{}限额{}%：达到分数线后还须排名在限额之内", stars_name(target->stars),
                                          format_number(*target->max_share * 100)));
  }
  if (missing > 0) next.gains = gains_of(s, b, r, -1);
  e.next = std::move(next);
}

}  // namespace xingji::detail
