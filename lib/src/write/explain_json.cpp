// `explain --format json`: one unit's whole arithmetic, the rules that decided its rating and
// its way to the next star, for programs.
#include <fmt/format.h>

#include <iterator>

#include "compute/stars.hpp"
#include "compute/words.hpp"
#include "write/explain.hpp"
#include "write/table.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"

namespace xingji::detail {

std::string explanation_json(const Run& run, const Explanation& e) {
  const Assessment& a = run.assessment;
  const Scheme& s = a.scheme(e.kind);
  const UnitRef ref{e.kind, e.unit};
  const UnitScore& r = run.eval.of(e.kind).units[static_cast<std::size_t>(e.unit)];
  const Breakdown& b = e.breakdown;
  const int p = a.precision;
  const auto row = rated_values(run.data, run.eval, e.kind).row(static_cast<std::size_t>(e.unit));
  std::string out;
  auto add = std::back_inserter(out);
  fmt::format_to(add,
                 "{{\"id\": {}, \"name\": {}, \"kind\": \"{}\", \"year\": {}, \"scheme\": {}, \"total\": {},\n "
                 "\"nodes\": [",
                 json_string(a.roster.id_of(ref)), json_string(a.roster.name_of(ref)), a.kind(e.kind).words.id,
                 run.eval.year, json_string(s.id), format_number(s.total));
  for (std::size_t i = 0; i < e.nodes.size(); ++i) {
    const ExplainedNode& x = e.nodes[i];
    const Indicator& n = s.nodes[static_cast<std::size_t>(x.node)];
    fmt::format_to(add, "{}{{\"id\": {}, \"name\": {}, \"depth\": {}, \"leaf\": {}", i ? ",\n  " : "\n  ",
                   json_string(n.id), json_string(n.name), x.depth, n.is_leaf());
    if (n.is_leaf()) {
      fmt::format_to(add, ", \"raw\": {}, \"rule\": {}, \"detail\": {}", x.missing ? "null" : json_string(x.raw),
                     json_string(x.rule), json_list(x.detail));
    }
    fmt::format_to(add, ", \"achievement\": {}, \"points\": {}, \"max\": {}}}", round_score(x.achievement, 4).str(),
                   rounded(x.points, p), rounded(x.max_points, p));
  }
  fmt::format_to(add, "\n ],\n \"base\": {}, \"adjustments\": [", rounded(r.base, p));
  for (std::size_t j = 0; j < s.adjustments.size(); ++j) {
    const Adjustment& adj = s.adjustments[j];
    fmt::format_to(add, "{}{{\"id\": {}, \"kind\": \"{}\", \"count\": {}, \"points\": {}}}", j ? ", " : "",
                   json_string(adj.id), adj.bonus ? "bonus" : "deduction", format_number(b.adjustments[j].count),
                   rounded(b.adjustments[j].points, p));
  }
  fmt::format_to(add, "], \"bonus\": {}, \"deduction\": {}, \"own\": {},\n \"vetoes\": [", rounded(r.bonus, p),
                 rounded(r.deduction, p), rounded(r.own, p));
  for (std::size_t v = 0; v < s.vetoes.size(); ++v) {
    fmt::format_to(add, "{}{{\"id\": {}, \"max_stars\": {}, \"triggered\": {}}}", v ? ", " : "",
                   json_string(s.vetoes[v].id), s.vetoes[v].max_stars, veto_triggered(s.vetoes[v], row));
  }
  fmt::format_to(add,
                 "], \"dual\": {},\n \"final\": {}, \"rank\": {}, \"stars\": {}, \"max_stars\": {}, \"score_stars\": "
                 "{}, \"rule\": \"{}\"",
                 json_list(e.dual), r.shown.str(), r.rank, r.stars, s.max_stars(), r.score_stars,
                 rule_code(r.star_rule));
  if (s.star_pass) fmt::format_to(add, ", \"star_areas\": {}", json_list(star_areas(s, r, false)));
  out += ",\n \"blocked\": [";
  for (std::size_t i = 0; i < e.blocked.size(); ++i) {
    const LevelCheck& c = e.blocked[i];
    fmt::format_to(add, "{}{{\"level\": {}, \"rule\": \"{}\", \"reason\": {}}}", i ? ", " : "", json_string(c.level),
                   rule_code(c.rule), json_string(c.reason));
  }
  fmt::format_to(add, "], \"stars_why\": {},\n \"grade\": {}, \"grade_why\": {},\n \"tier\": {}, \"tier_why\": {}",
                 json_list(e.stars_why), r.grade >= 0 ? json_string(grade_label(s, r)) : "null", json_list(e.grade_why),
                 a.tiers ? fmt::format("\"{}\"", tier_code(r.tier)) : "null", json_list(e.tier_why));
  // Only where the manifest shares out funds, so other explanations keep their shape.
  if (!a.allocations.empty()) fmt::format_to(add, ",\n \"funds\": {}", json_list(e.funds));
  out += ",\n \"next\": ";
  if (!e.next) {
    out += "null}\n";
    return out;
  }
  const NextStar& n = *e.next;
  fmt::format_to(add, "{{\"stars\": {}, \"missing\": {}, \"missing_own\": {}, \"conditions\": {},\n  \"gains\": [",
                 n.stars, rounded(n.missing_final, p), n.missing_own ? rounded(*n.missing_own, p) : "null",
                 json_list(n.conditions));
  for (std::size_t i = 0; i < n.gains.size(); ++i) {
    const Gain& g = n.gains[i];
    fmt::format_to(add, "{}{{\"id\": {}, \"name\": {}, \"points\": {}, \"how\": {}}}", i ? ",\n   " : "\n   ",
                   json_string(g.id), json_string(g.name), rounded(g.points, p), json_string(g.how));
  }
  out += n.gains.empty() ? "]}}\n" : "\n  ]}}\n";
  return out;
}

}  // namespace xingji::detail
