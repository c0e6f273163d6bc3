// The score JSON of spec section 3: a list per kind of unit, each record with the fields
// the spec gives its shape.
#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "compute/words.hpp"
#include "write/batch.hpp"
#include "write/scores.hpp"

namespace xingji::detail {

namespace {

// The fields of spec 4 a unit has, each only when the assessment uses it.
std::string json_extras(const Extras& e, const Scheme& s, const UnitScore& r) {
  std::string out;
  auto add = std::back_inserter(out);
  if (e.areas) fmt::format_to(add, ", \"star_areas\": {}", json_list(star_areas(s, r, false)));
  if (e.grade) fmt::format_to(add, ", \"grade\": {}", r.grade < 0 ? "null" : json_string(grade_label(s, r)));
  if (e.rule) fmt::format_to(add, ", \"rule\": \"{}\"", rule_code(r.star_rule));
  if (e.tier) {
    std::vector<std::string> reasons;
    if (r.backward & backward_stars) reasons.emplace_back("stars");
    if (r.backward & backward_score) reasons.emplace_back("below");
    if (r.backward & backward_veto) reasons.emplace_back("veto");
    fmt::format_to(add, ", \"tier\": \"{}\", \"backward\": {}", tier_code(r.tier), json_list(reasons));
  }
  return out;
}

// A village's record, or a person's (spec 6): `village` in place of `alliance`, and no
// `alliance_total`.
void village_record(const Run& run, UnitKind kind, int unit, const Extras& extras, std::string& out) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  const Scheme& s = a.scheme(kind);
  const auto u = static_cast<std::size_t>(unit);
  const UnitRef ref{kind, unit};
  const UnitScore& r = ev.of(kind).units[u];
  const Breakdown b = breakdown(a, run.data, ev, kind, unit);
  const auto row = rated_values(run.data, ev, kind).row(u);
  auto add = std::back_inserter(out);
  fmt::format_to(add, "{{\"id\": {}, \"name\": {}, ", json_string(a.roster.id_of(ref)),
                 json_string(a.roster.name_of(ref)));
  if (kind == UnitKind::village) {
    const Village& v = a.roster.villages[u];
    const auto& alliances = ev.of(UnitKind::alliance);
    fmt::format_to(add, "\"alliance\": {}, \"own\": {}, \"alliance_total\": {}, ",
                   v.alliance().empty() ? "null" : json_string(v.alliance()), rounded(r.own, a.precision),
                   alliances.scored && v.alliance_index >= 0
                       ? alliances.units[static_cast<std::size_t>(v.alliance_index)].shown.str()
                       : "null");
  } else {
    const Village* v = a.roster.village_of(ref);
    fmt::format_to(add, "\"village\": {}, \"own\": {}, ", v ? json_string(v->id()) : "null",
                   rounded(r.own, a.precision));
  }
  fmt::format_to(add,
                 "\"final\": {}, \"stars\": {}, \"rank\": {}, \"veto\": {}, \"missing\": {}{}{}, \"indicators\": {{",
                 r.shown.str(), r.stars, r.rank, json_list(vetoes_of(s, row)), json_list(missing_of(s, row)),
                 r.not_submitted ? ", \"not_submitted\": true" : "", json_extras(extras, s, r));
  for (std::size_t n = 0; n < s.nodes.size(); ++n) {
    fmt::format_to(add, "{}{}: {}", n ? ", " : "", json_string(s.nodes[n].id), rounded(b.nodes[n].points, a.precision));
  }
  out += "}}";
}

void alliance_record(const Run& run, int unit, const Extras& extras, std::string& out) {
  const auto& a = run.assessment;
  const auto u = static_cast<std::size_t>(unit);
  const Alliance& al = a.roster.alliances[u];
  const UnitScore& r = run.eval.of(UnitKind::alliance).units[u];
  fmt::format_to(std::back_inserter(out),
                 "{{\"id\": {}, \"name\": {}, \"own\": {}, \"members\": {}, \"total\": {}, \"stars\": {}, "
                 "\"rank\": {}, \"member_count\": {}{}{}}}",
                 json_string(al.id), json_string(al.name), rounded(r.own, a.precision),
                 std::isnan(r.members) ? "null" : rounded(r.members, a.precision), r.shown.str(), r.stars, r.rank,
                 al.members.size(), r.not_submitted ? ", \"not_submitted\": true" : "",
                 json_extras(extras, a.scheme(UnitKind::alliance), r));
}

}  // namespace

void scores_json(const Run& run, std::ostream& os, std::optional<UnitKind> only) {
  const auto& a = run.assessment;
  std::string out;
  Flusher flush{out, os};
  fmt::format_to(std::back_inserter(out), "{{\"name\": {}, \"year\": {}", json_string(a.name), run.eval.year);
  bool people = false;  // "people": {"KIND": [...], ...} opened
  for (const Kind& kind : a.kinds) {
    if (only && kind.id != *only) continue;
    if (kind.shape == KindShape::person) {
      if (!kind.rated()) continue;
      out += people ? ",\n  " : ",\n \"people\": {\n  ";
      people = true;
      fmt::format_to(std::back_inserter(out), "{}: [", json_string(kind.words.id));
    } else {
      fmt::format_to(std::back_inserter(out), ",\n \"{}\": [", kind.words.plural);
    }
    const KindResult& result = run.eval.of(kind.id);
    const Extras extras = extras_of(a, kind.id);
    bool first = true;
    for (const auto& p : result.ranking) {
      out += first ? "\n  " : ",\n  ";
      first = false;
      switch (kind.shape) {
        case KindShape::village:
        case KindShape::person:
          village_record(run, kind.id, p.unit, extras, out);
          break;
        case KindShape::alliance:
          alliance_record(run, p.unit, extras, out);
          break;
      }
      flush.maybe();
    }
    out += first ? "]" : "\n ]";
  }
  if (people) out += "}";
  out += "}\n";
  flush.all();
}

}  // namespace xingji::detail
