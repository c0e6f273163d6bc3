// The score CSV: one file for spreadsheets with every kind's units, told apart by `level`.
// Written straight into the output (no table of strings): at national scale this is half a
// million lines, the hot path of a national run.
#include <algorithm>
#include <cmath>
#include <optional>

#include "compute/words.hpp"
#include "write/batch.hpp"
#include "write/csv_line.hpp"
#include "write/scores.hpp"
#include "xingji/rounding.hpp"

namespace xingji::detail {

void scores_csv(const Run& run, std::ostream& os, bool excel_ids, std::optional<UnitKind> only) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  // The columns of spec 4 come last, when any kind uses them, so the core columns keep their places.
  Extras extras;
  auto listed = [&](const Kind& kind) { return !only || kind.id == *only; };
  for (const Kind& kind : a.kinds) {
    if (!listed(kind)) continue;
    const Extras e = extras_of(a, kind.id);
    extras.grade |= e.grade;
    extras.rule |= e.rule;
    extras.areas |= e.areas;
    extras.tier |= e.tier;
  }
  std::string out = "level,rank,id,name,township,alliance,own,members,alliance_total,final,stars,veto,missing";
  if (extras.areas) out += ",star_areas";
  if (extras.grade) out += ",grade";
  if (extras.rule) out += ",rule";
  if (extras.tier) out += ",tier,backward";
  // 未报送 (spec 5): a last column, present only when some unit sent nothing this year.
  bool any_not_submitted = false;
  for (const Kind& kind : a.kinds) {
    const KindResult& result = ev.of(kind.id);
    for (std::size_t u = 0; listed(kind) && result.scored && u < result.units.size() && !any_not_submitted; ++u) {
      any_not_submitted = result.units[u].not_submitted;
    }
  }
  if (any_not_submitted) out += ",not_submitted";
  // People (spec 6): their village and role, last, so every other column keeps its place.
  const bool people = std::any_of(a.kinds.begin(), a.kinds.end(), [&](const Kind& k) {
    return listed(k) && k.rated() && k.shape == KindShape::person;
  });
  if (people) out += ",village,role";
  out += "\n";
  // The unit's row is decoded only for the backward reasons, which name its vetoes: with
  // grades or rules alone, half a million rows are not read.
  auto extra = [&](std::string& o, const Scheme& s, const UnitScore& r, const Table& t, std::size_t u) {
    if (extras.areas) {
      o.push_back(',');
      append_csv_field(o, id_list(star_areas(s, r, false), ';'));
    }
    if (extras.grade) {
      o.push_back(',');
      append_csv_field(o, grade_label(s, r));
    }
    if (extras.rule) o += "," + rule_code(r.star_rule);
    if (extras.tier) {
      o += "," + tier_code(r.tier) + ",";
      append_csv_field(o, backward_text(*a.tiers, s, r, t.row(u), false));
    }
  };
  // The vetoes and missing leaves that end every line, then the spec 4 columns. The flags
  // save a visit to the unit's row for most units.
  auto end = [&](std::string& o, const Scheme& s, const MissingLeaves& missing, const UnitScore& r, const Table& t,
                 std::size_t u) {
    if (r.vetoed) o += id_list(vetoes_of(s, t.row(u)), ';');
    o.push_back(',');
    if (r.missing) missing.append(o, t, u, ';');
    if (extras.any()) extra(o, s, r, t, u);
    if (any_not_submitted) o += r.not_submitted ? ",1" : ",";
  };
  // The end of a line of a village or an alliance: no village and role.
  auto unit_end = [&](std::string& o, const Scheme& s, const MissingLeaves& missing, const UnitScore& r, const Table& t,
                      std::size_t u) {
    end(o, s, missing, r, t, u);
    o += people ? ",,\n" : "\n";
  };
  const auto& alliances = ev.of(UnitKind::alliance);
  for (const Kind& kind : a.kinds) {
    const KindResult& result = ev.of(kind.id);
    if (!result.scored || !listed(kind)) continue;
    const Scheme& s = *kind.scheme;
    const Table& t = rated_values(run.data, ev, kind.id);
    const MissingLeaves missing(s);
    // A line is its level and rank (the head), then the unit's own fields (the tail).
    auto head = [&kind](std::string& o, const Placed& p) {
      CsvLine line(o, kind.words.id.size() + CsvLine::kNumber + 2);
      line.raw(kind.words.id).ch(',').number(p.rank).ch(',');
    };
    // The fields the spec gives each shape of unit: a village its place and its alliance's
    // total, an alliance its members' score.
    switch (kind.shape) {
      case KindShape::village:
        write_ranked(result.ranking, out, os, head, [&](std::string& o, std::size_t u) {
          const Village& v = a.roster.villages[u];
          const UnitScore& r = result.units[u];
          {
            std::string_view id = v.id(), alliance = v.alliance();
            std::string excel_id, excel_alliance;
            if (excel_ids) {
              id = excel_id = excel_text(id);
              if (!alliance.empty()) alliance = excel_alliance = excel_text(alliance);
            }
            CsvLine line(o, CsvLine::room({id, v.name(), v.township(), alliance}));
            line.field(id).ch(',').field(v.name()).ch(',').field(v.township()).ch(',').field(alliance).ch(',');
            line.score(round_score(r.own, a.precision)).raw(",,");
            if (alliances.scored && v.alliance_index >= 0)
              line.score(alliances.units[static_cast<std::size_t>(v.alliance_index)].shown);
            line.ch(',').score(r.shown).ch(',').number(r.stars).ch(',');
          }
          unit_end(o, s, missing, r, t, u);
        });
        break;
      case KindShape::alliance:
        write_ranked(result.ranking, out, os, head, [&](std::string& o, std::size_t u) {
          const Alliance& al = a.roster.alliances[u];
          const UnitScore& r = result.units[u];
          {
            const std::string id = excel_ids ? excel_text(al.id) : al.id;
            CsvLine line(o, CsvLine::room({id, al.name}));
            line.field(id).ch(',').field(al.name).raw(",,,");
            line.score(round_score(r.own, a.precision)).ch(',');
            if (!std::isnan(r.members)) line.score(round_score(r.members, a.precision));
            line.raw(",,").score(r.shown).ch(',').number(r.stars).ch(',');
          }
          unit_end(o, s, missing, r, t, u);
        });
        break;
      case KindShape::person:
        // A person's township and alliance are its village's; `village` and `role` end the line.
        write_ranked(result.ranking, out, os, head, [&](std::string& o, std::size_t u) {
          const UnitRef ref{kind.id, static_cast<int>(u)};
          const Person& p = a.roster.person(ref);
          const Village* v = a.roster.village_of(ref);
          const UnitScore& r = result.units[u];
          std::string_view id = p.id, village = v ? v->id() : std::string_view();
          const std::string_view township = v ? v->township() : std::string_view();
          std::string_view alliance = v ? v->alliance() : std::string_view();
          std::string excel_id, excel_village, excel_alliance;
          if (excel_ids) {
            id = excel_id = excel_text(id);
            if (!village.empty()) village = excel_village = excel_text(village);
            if (!alliance.empty()) alliance = excel_alliance = excel_text(alliance);
          }
          {
            CsvLine line(o, CsvLine::room({id, p.name, township, alliance}));
            line.field(id).ch(',').field(p.name).ch(',').field(township).ch(',').field(alliance).ch(',');
            line.score(round_score(r.own, a.precision)).raw(",,,");
            line.score(r.shown).ch(',').number(r.stars).ch(',');
          }
          end(o, s, missing, r, t, u);
          o.push_back(',');
          append_csv_field(o, village);
          o.push_back(',');
          append_csv_field(o, p.role);
          o.push_back('\n');
        });
        break;
    }
  }
  Flusher{out, os}.all();
}

}  // namespace xingji::detail
