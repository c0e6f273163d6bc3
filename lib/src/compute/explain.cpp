// `explain` (spec 4.6): one unit's Explanation. Here its nodes with their rules in words and
// its dual evaluation; the rating and the next star are in explain_rating.cpp and
// explain_next.cpp. Rendering it is write/explain.cpp's.
#include "xingji/explain.hpp"

#include <array>
#include <cmath>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "base/i18n.hpp"
#include "base/units.hpp"
#include "compute/explain_parts.hpp"
#include "compute/words.hpp"
#include "xingji/ledger.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"

namespace xingji {

namespace {

using detail::display_name;
using detail::rounded;

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

void explain_nodes(const Run& run, UnitKind kind, int unit, const Breakdown& b, Explanation& e) {
  const Assessment& a = run.assessment;
  const Scheme& s = *a.scheme_for(kind);
  const auto row = rated_values(run.data, run.eval, kind).row(static_cast<std::size_t>(unit));
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
      x.raw = detail::raw_text(n, raw);
      x.rule = detail::leaf_rule_text(n, &stats[i], raw);
      if (x.missing) {
        x.rule += s.missing == MissingPolicy::mean ? "；缺数据，按同类平均达成率计" : "；缺数据，计0分";
      }
      if (n.quarterly) {
        std::vector<std::string> quarters;
        for (int k = 0; k < 4; ++k) {
          const double v = row[static_cast<std::size_t>(n.quarter_item + k)];
          quarters.push_back(fmt::format("Q{} {}", k + 1, std::isnan(v) ? std::string("—") : format_number(v)));
        }
        x.detail.push_back(fmt::format("季度：{}（{}）", fmt::join(quarters, "，"), combine_name(n.combine)));
      }
      if (n.raters) {
        for (std::size_t g = 0; g < n.raters->groups.size(); ++g) {
          std::vector<std::pair<double, double>> votes;
          for (const auto& ballot : run.data.year(run.eval.year)->ballots(kind)) {
            if (ballot.unit == unit && ballot.item == n.item && ballot.group == static_cast<int>(g) && ballot.count > 0)
              votes.emplace_back(ballot.value, ballot.count);
          }
          const auto& group = n.raters->groups[g];
          if (votes.empty()) {
            x.detail.push_back(fmt::format("{}（权重{}）：无评议", group.name, format_number(group.weight)));
            continue;
          }
          const GroupRating gr = combine_ratings(std::move(votes), n.raters->combine);
          x.detail.push_back(fmt::format(
              "{}（权重{}）：{}票，{} {}", group.name, format_number(group.weight), format_number(gr.ballots),
              // Fewer than 3 ballots are averaged as they are (spec 4.3).
              n.raters->combine == RaterCombine::trimmed && gr.ballots < 3 ? std::string("不足3票，直接平均")
                                                                           : rater_combine_name(n.raters->combine),
              format_number(std::round(gr.combined * 1e6) / 1e6)));
        }
      }
    }
    e.nodes.push_back(std::move(x));
  }
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
      e.dual.push_back(fmt::format("联盟总分 {}（{}）", t.shown.str(),
                                   display_name(a.roster.alliances[static_cast<std::size_t>(al)].name,
                                                a.roster.alliances[static_cast<std::size_t>(al)].id)));
      e.dual.push_back(fmt::format("最终得分 = {}×本村得分 {} + {}×联盟总分 {} = {}", format_number(dual.village_own),
                                   rounded(r.own, p), format_number(std::round((1 - dual.village_own) * 1e9) / 1e9),
                                   rounded(t.final, p), r.shown.str()));
    } else {
      e.dual.push_back("不属于任何联盟：最终得分即本村得分");
    }
    return;
  }
  const Alliance& al = a.roster.alliances[static_cast<std::size_t>(unit)];
  std::vector<std::string> members;
  for (int m : al.members) {
    const auto u = static_cast<std::size_t>(m);
    members.push_back(fmt::format("{} {}", display_name(a.roster.villages[u].name(), a.roster.villages[u].id()),
                                  rounded(villages[u].own, p)));
  }
  e.dual.push_back(fmt::format("成员村本村得分：{}", fmt::join(members, "，")));
  e.dual.push_back(fmt::format("成员村得分（{}） {}",
                               dual.members == MemberAggregate::mean     ? "平均"
                               : dual.members == MemberAggregate::median ? "中位数"
                                                                         : "最低",
                               rounded(r.members, p)));
  e.dual.push_back(fmt::format("总分 = {}×本联盟得分 {} + {}×成员村得分 {} = {}", format_number(dual.alliance_own),
                               rounded(r.own, p), format_number(std::round((1 - dual.alliance_own) * 1e9) / 1e9),
                               rounded(r.members, p), r.shown.str()));
}

// 积分台账 (spec 6): an item's events of the year by month, and what each cap took away.
std::vector<std::string> ledger_lines(const Scheme& s, const std::vector<LedgerEvent>& events, int item) {
  const LedgerRule& rule = *ledger_rule(s, item);
  std::array<std::vector<std::string>, 12> texts;
  for (const auto& ev : events) {
    if (ev.item != item) continue;
    const auto m = static_cast<std::size_t>(ev.date.month - 1);
    std::string t = fmt::format("{:02}-{:02}", ev.date.month, ev.date.day);
    if (ev.count != 1) t += fmt::format("×{}", format_number(ev.count));
    if (!ev.note.empty()) t += fmt::format("（{}）", ev.note);
    texts[m].push_back(std::move(t));
  }
  const LedgerTrace tr = ledger_trace(s, item, events);
  std::vector<std::string> out;
  auto cut = [](double before, double after, std::optional<double> cap, const char* what) {
    return before > after + 1e-9 ? fmt::format("；{}", detail::ledger_cut_text(what, *cap, before - after))
                                 : std::string();
  };
  for (std::size_t m = 0; m < 12; ++m) {
    if (texts[m].empty()) continue;
    out.push_back(fmt::format("{}月：{}，计{}分{}", m + 1, fmt::join(texts[m], "，"), format_number(tr.months[m]),
                              cut(tr.months[m], tr.months_kept[m], rule.month, "月")));
  }
  if (out.empty()) {
    out.emplace_back("本年无记录");
    return out;
  }
  for (std::size_t q = 0; q < 4; ++q) {
    if (tr.quarters[q] > tr.quarters_kept[q] + 1e-9) {
      out.push_back(fmt::format("第{}季度计{}分{}", q + 1, format_number(tr.quarters[q]),
                                cut(tr.quarters[q], tr.quarters_kept[q], rule.quarter, "季度")));
    }
  }
  out.push_back(fmt::format("全年计{}分{}", format_number(tr.year), cut(tr.year, tr.value, rule.year, "年度")));
  return out;
}

// Linked leaves and ledger items (spec 6): which unit a linked value came from, and each
// ledger item's events.
void explain_people(const Run& run, UnitKind kind, int unit, const UnitEvents* given, Explanation& e) {
  const Assessment& a = run.assessment;
  const Scheme& s = a.scheme(kind);
  const UnitRef ref{kind, unit};
  if (s.has_links()) {
    const Village* v = a.roster.village_of(ref);
    for (auto& x : e.nodes) {
      const Indicator& n = s.nodes[static_cast<std::size_t>(x.node)];
      if (!n.link) continue;
      if (n.link->of == LinkOf::village) {
        x.detail.push_back(v ? fmt::format("所在村：{}", display_name(v->name(), v->id())) : "无所在村，按缺数据计");
      } else if (v == nullptr || v->alliance_index < 0) {
        x.detail.emplace_back("不属于任何联盟，按缺数据计");
      } else {
        const Alliance& al = a.roster.alliances[static_cast<std::size_t>(v->alliance_index)];
        x.detail.push_back(fmt::format("所在联盟：{}", display_name(al.name, al.id)));
      }
    }
  }
  if (!s.has_ledger()) return;
  std::vector<LedgerEvent> read;
  if (given == nullptr) read = unit_events(a, ref, run.eval.year);
  const std::vector<LedgerEvent>& events = given ? given->of(ref) : read;
  for (auto& x : e.nodes) {
    const Indicator& n = s.nodes[static_cast<std::size_t>(x.node)];
    if (n.ledger) x.detail = ledger_lines(s, events, n.item);
  }
  e.adjustment_detail.resize(s.adjustments.size());
  for (std::size_t j = 0; j < s.adjustments.size(); ++j) {
    const Adjustment& adj = s.adjustments[j];
    if (adj.ledger) e.adjustment_detail[j] = ledger_lines(s, events, adj.item);
  }
}

}  // namespace

std::optional<UnitRef> find_unit(const Assessment& a, std::string_view text, std::optional<UnitKind> kind) {
  text = trim(text);
  if (auto ref = a.roster.find(text)) return ref;
  // A name people use, where it is unique (spec 8): 江口村.
  std::vector<UnitRef> named;
  for (const Kind& k : a.kinds) {
    if (kind && k.id != *kind) continue;
    for (std::size_t i = 0; i < a.roster.size(k.id); ++i) {
      const UnitRef ref{k.id, static_cast<int>(i)};
      if (a.roster.name_of(ref) == text) named.push_back(ref);
    }
  }
  if (named.size() == 1) return named.front();
  // The problem is in what was typed, not in a file: its place is the command line.
  const Location typed{"xingji", 0, 0};
  if (named.empty()) throw Error(typed, detail::unknown_unit(a, text));
  std::vector<std::string_view> ids;
  for (const UnitRef& r : named) ids.push_back(a.roster.id_of(r));
  throw Error(typed, _f("'{}' is the name of {} units ({}); give the id of the one you mean", text, named.size(),
                        fmt::join(ids, ", ")));
}

Explanation explain(const Run& run, std::string_view id, const UnitEvents* events) {
  const Assessment& a = run.assessment;
  const auto ref = find_unit(a, id);
  const KindWords& words = a.kind(ref->kind).words;
  if (!run.eval.of(ref->kind).scored) {
    throw Error(Location{a.manifest, 0, 0}, _f("'{}' is {}, but {} are not scored: the manifest names no {} scheme", id,
                                               tr(words.article), tr(words.plural), tr(words.noun)));
  }
  Explanation e;
  e.kind = ref->kind;
  e.unit = ref->index;
  const Scheme& s = a.scheme(e.kind);
  const UnitScore& r = run.eval.of(e.kind).units[static_cast<std::size_t>(e.unit)];
  e.breakdown = breakdown(a, run.data, run.eval, e.kind, e.unit);
  const Breakdown& b = e.breakdown;
  explain_nodes(run, e.kind, e.unit, b, e);
  explain_people(run, e.kind, e.unit, events, e);
  if (a.dual && a.kind(e.kind).shape != KindShape::person) explain_dual(run, *a.dual, e.kind, e.unit, e);
  detail::explain_stars(run, e.kind, s, r, e);
  if (r.not_submitted) {
    e.stars_why.insert(e.stars_why.begin(), s.missing == MissingPolicy::mean
                                                ? "未报送：本年度没有任何数据，各项按同类平均达成率计分"
                                                : "未报送：本年度没有任何数据，各项记0分");
  }
  detail::explain_tier(run, e.kind, e.unit, s, r, e);
  detail::explain_next(run, e.kind, e.unit, s, b, r, e);
  detail::explain_funds(run, e.kind, e.unit, e);
  return e;
}

}  // namespace xingji
