#include "xingji/views.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "compute/ranking.hpp"
#include "write/table.hpp"
#include "write/view_util.hpp"
#include "xingji/rounding.hpp"

namespace xingji {

namespace {

using detail::display_name;
using detail::Flusher;
using detail::id_list;

std::string rounded(double x, int precision) { return round_score(x, precision).str(); }

// Spec 4 columns after the stars, each only when the assessment uses it.
void extra_columns(TextTable& t, const detail::Extras& e, bool machine) {
  if (e.areas) t.column(machine ? "star_areas" : "所得星");
  if (e.grade) t.column(machine ? "grade" : "等次");
  if (e.rule) t.column(machine ? "rule" : "定级依据");
  if (e.tier) t.column(machine ? "tier" : "分层");
}

void extra_cells(TextTable& t, const detail::Extras& e, bool machine, const Assessment& a, const Scheme& s,
                 const UnitScore& r) {
  if (e.areas) t.cell(id_list(detail::star_areas(s, r, !machine), machine ? ';' : ','));
  if (e.grade) t.cell(detail::grade_label(s, r));
  if (e.rule) t.cell(machine ? detail::rule_code(r.star_rule) : detail::rule_title(r.star_rule));
  if (e.tier) t.cell(machine ? detail::tier_code(r.tier) : detail::tier_label(*a.tiers, r.tier));
}

TextTable village_table(const Run& run, bool glyphs) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  TextTable t;
  t.column("排名", true);
  t.column("编号");
  t.column("村");
  t.column("乡镇");
  // Without alliances the alliance columns would be empty: leave them out.
  const bool allied = !a.roster.alliances.empty();
  if (allied) t.column("联盟");
  t.column("本村得分", true);
  if (allied) t.column("联盟总分", true);
  t.column("最终得分", true);
  t.column("星级");
  const auto extras = detail::extras_of(a, UnitKind::village);
  extra_columns(t, extras, false);
  t.column("否决");
  t.column("缺项");
  const int max = a.village_scheme.max_stars();
  for (const auto& p : ev.village_ranking) {
    const auto u = static_cast<std::size_t>(p.unit);
    const Village& v = a.roster.villages[u];
    const UnitScore& r = ev.villages[u];
    const auto row = run.data.year(ev.year)->villages.row(u);
    t.row();
    t.cell(std::to_string(r.rank));
    t.cell(v.id());
    t.cell(display_name(v.name(), v.id()));
    t.cell(v.township());
    if (allied) {
      t.cell(v.alliance_index >= 0
                 ? display_name(a.roster.alliances[static_cast<std::size_t>(v.alliance_index)].name, v.alliance())
                 : "");
    }
    t.cell(rounded(r.own, a.precision));
    if (allied) {
      t.cell(ev.alliances_scored && v.alliance_index >= 0
                 ? ev.alliances[static_cast<std::size_t>(v.alliance_index)].shown.str()
                 : "");
    }
    t.cell(r.shown.str());
    t.cell(glyphs ? star_text(r.stars, max) : std::to_string(r.stars));
    extra_cells(t, extras, false, a, a.village_scheme, r);
    t.cell(id_list(detail::vetoes_of(a.village_scheme, row)));
    t.cell(id_list(detail::missing_of(a.village_scheme, row)));
  }
  return t;
}

TextTable alliance_table(const Run& run, bool glyphs) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  TextTable t;
  t.column("排名", true);
  t.column("编号");
  t.column("联盟");
  t.column("本联盟得分", true);
  t.column("成员村得分", true);
  t.column("总分", true);
  t.column("星级");
  const auto extras = detail::extras_of(a, UnitKind::alliance);
  extra_columns(t, extras, false);
  t.column("成员数", true);
  t.column("否决");
  t.column("缺项");
  const int max = a.alliance_scheme->max_stars();
  for (const auto& p : ev.alliance_ranking) {
    const auto u = static_cast<std::size_t>(p.unit);
    const Alliance& al = a.roster.alliances[u];
    const UnitScore& r = ev.alliances[u];
    const auto row = run.data.year(ev.year)->alliances.row(u);
    t.row();
    t.cell(std::to_string(r.rank));
    t.cell(al.id);
    t.cell(display_name(al.name, al.id));
    t.cell(rounded(r.own, a.precision));
    t.cell(std::isnan(r.members) ? "" : rounded(r.members, a.precision));
    t.cell(r.shown.str());
    t.cell(glyphs ? star_text(r.stars, max) : std::to_string(r.stars));
    extra_cells(t, extras, false, a, *a.alliance_scheme, r);
    t.cell(std::to_string(al.members.size()));
    t.cell(id_list(detail::vetoes_of(*a.alliance_scheme, row)));
    t.cell(id_list(detail::missing_of(*a.alliance_scheme, row)));
  }
  return t;
}

// One CSV for spreadsheets: villages then alliances, told apart by `level`. Written straight
// into the output (no table of strings): at national scale this is half a million rows.
void scores_csv(const Run& run, std::ostream& os) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  const auto* yd = run.data.year(ev.year);
  // The columns of spec 4 come last, when either kind uses them, so the core columns keep their places.
  auto extras = detail::extras_of(a, UnitKind::village);
  const auto alliance_extras = detail::extras_of(a, UnitKind::alliance);
  extras.grade |= alliance_extras.grade;
  extras.rule |= alliance_extras.rule;
  extras.areas |= alliance_extras.areas;
  std::string out = "level,rank,id,name,township,alliance,own,members,alliance_total,final,stars,veto,missing";
  if (extras.areas) out += ",star_areas";
  if (extras.grade) out += ",grade";
  if (extras.rule) out += ",rule";
  if (extras.tier) out += ",tier,backward";
  out += "\n";
  // The unit's row is decoded only for the backward reasons, which name its vetoes: with
  // grades or rules alone, half a million rows are not read.
  auto extra = [&](std::string& o, const Scheme& s, const UnitScore& r, const Table& t, std::size_t u) {
    if (extras.areas) {
      o.push_back(',');
      append_csv_field(o, id_list(detail::star_areas(s, r, false), ';'));
    }
    if (extras.grade) {
      o.push_back(',');
      append_csv_field(o, detail::grade_label(s, r));
    }
    if (extras.rule) o += "," + detail::rule_code(r.star_rule);
    if (extras.tier) {
      o += "," + detail::tier_code(r.tier) + ",";
      append_csv_field(o, detail::backward_text(*a.tiers, s, r, t.row(u)));
    }
  };
  const detail::MissingLeaves village_missing(a.village_scheme);
  const std::optional<detail::MissingLeaves> alliance_missing =
      a.alliance_scheme ? std::optional<detail::MissingLeaves>(*a.alliance_scheme) : std::nullopt;
  // A line is its level and rank (the head), then the unit's own fields (the tail).
  auto head = [](std::string_view level) {
    return [level](std::string& o, const Placed& p) {
      detail::CsvLine line(o, level.size() + detail::CsvLine::kNumber + 2);
      line.raw(level).ch(',').number(p.rank).ch(',');
    };
  };
  auto village = [&](std::string& o, std::size_t u) {
    const Village& v = a.roster.villages[u];
    const UnitScore& r = ev.villages[u];
    {
      detail::CsvLine line(o, detail::CsvLine::room({v.id(), v.name(), v.township(), v.alliance()}));
      line.field(v.id()).ch(',').field(v.name()).ch(',').field(v.township()).ch(',').field(v.alliance()).ch(',');
      line.score(round_score(r.own, a.precision)).raw(",,");
      if (ev.alliances_scored && v.alliance_index >= 0)
        line.score(ev.alliances[static_cast<std::size_t>(v.alliance_index)].shown);
      line.ch(',').score(r.shown).ch(',').number(r.stars).ch(',');
    }
    // The flags save a visit to the unit's row for most units.
    if (r.vetoed) o += id_list(detail::vetoes_of(a.village_scheme, yd->villages.row(u)), ';');
    o.push_back(',');
    if (r.missing) village_missing.append(o, yd->villages, u, ';');
    if (extras.any()) extra(o, a.village_scheme, r, yd->villages, u);
    o.push_back('\n');
  };
  auto alliance = [&](std::string& o, std::size_t u) {
    const Alliance& al = a.roster.alliances[u];
    const UnitScore& r = ev.alliances[u];
    {
      detail::CsvLine line(o, detail::CsvLine::room({al.id, al.name}));
      line.field(al.id).ch(',').field(al.name).raw(",,,");
      line.score(round_score(r.own, a.precision)).ch(',');
      if (!std::isnan(r.members)) line.score(round_score(r.members, a.precision));
      line.raw(",,").score(r.shown).ch(',').number(r.stars).ch(',');
    }
    if (r.vetoed) o += id_list(detail::vetoes_of(*a.alliance_scheme, yd->alliances.row(u)), ';');
    o.push_back(',');
    if (r.missing) alliance_missing->append(o, yd->alliances, u, ';');
    if (extras.any()) extra(o, *a.alliance_scheme, r, yd->alliances, u);
    o.push_back('\n');
  };
  detail::write_ranked(ev.village_ranking, out, os, head("village"), village);
  detail::write_ranked(ev.alliance_ranking, out, os, head("alliance"), alliance);
  Flusher{out, os}.all();
}

std::string json_ids(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + json_string(ids[i]);
  return out + "]";
}

// The fields of spec 4 a unit has, each only when the assessment uses it.
std::string json_extras(const detail::Extras& e, const Scheme& s, const UnitScore& r) {
  std::string out;
  if (e.areas) out += ", \"star_areas\": " + json_ids(detail::star_areas(s, r, false));
  if (e.grade) out += ", \"grade\": " + (r.grade < 0 ? std::string("null") : json_string(detail::grade_label(s, r)));
  if (e.rule) out += ", \"rule\": \"" + detail::rule_code(r.star_rule) + "\"";
  if (e.tier) {
    out += ", \"tier\": \"" + detail::tier_code(r.tier) + "\", \"backward\": ";
    std::vector<std::string> reasons;
    if (r.backward & backward_stars) reasons.emplace_back("stars");
    if (r.backward & backward_score) reasons.emplace_back("below");
    if (r.backward & backward_veto) reasons.emplace_back("veto");
    out += json_ids(reasons);
  }
  return out;
}

void scores_json(const Run& run, std::ostream& os) {
  const auto& a = run.assessment;
  const auto village_extras = detail::extras_of(a, UnitKind::village);
  const auto alliance_extras = detail::extras_of(a, UnitKind::alliance);
  const auto& ev = run.eval;
  const auto* yd = run.data.year(ev.year);
  std::string out;
  Flusher flush{out, os};
  out += "{\"name\": " + json_string(a.name) + ", \"year\": " + std::to_string(ev.year) + ",\n \"villages\": [";
  bool first = true;
  for (const auto& p : ev.village_ranking) {
    const auto u = static_cast<std::size_t>(p.unit);
    const Village& v = a.roster.villages[u];
    const UnitScore& r = ev.villages[u];
    const Breakdown b = breakdown(a, run.data, ev, UnitKind::village, p.unit);
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += "{\"id\": " + json_string(v.id()) + ", \"name\": " + json_string(v.name()) +
           ", \"alliance\": " + (v.alliance().empty() ? "null" : json_string(v.alliance())) +
           ", \"own\": " + rounded(r.own, a.precision) + ", \"alliance_total\": " +
           (ev.alliances_scored && v.alliance_index >= 0
                ? ev.alliances[static_cast<std::size_t>(v.alliance_index)].shown.str()
                : "null") +
           ", \"final\": " + r.shown.str() + ", \"stars\": " + std::to_string(r.stars) +
           ", \"rank\": " + std::to_string(r.rank) +
           ", \"veto\": " + json_ids(detail::vetoes_of(a.village_scheme, yd->villages.row(u))) +
           ", \"missing\": " + json_ids(detail::missing_of(a.village_scheme, yd->villages.row(u))) +
           json_extras(village_extras, a.village_scheme, r) + ", \"indicators\": {";
    for (std::size_t n = 0; n < a.village_scheme.nodes.size(); ++n) {
      out +=
          (n ? ", " : "") + json_string(a.village_scheme.nodes[n].id) + ": " + rounded(b.nodes[n].points, a.precision);
    }
    out += "}}";
    flush.maybe();
  }
  out += first ? "],\n \"alliances\": [" : "\n ],\n \"alliances\": [";
  first = true;
  for (const auto& p : ev.alliance_ranking) {
    const auto u = static_cast<std::size_t>(p.unit);
    const Alliance& al = a.roster.alliances[u];
    const UnitScore& r = ev.alliances[u];
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += "{\"id\": " + json_string(al.id) + ", \"name\": " + json_string(al.name) +
           ", \"own\": " + rounded(r.own, a.precision) +
           ", \"members\": " + (std::isnan(r.members) ? "null" : rounded(r.members, a.precision)) +
           ", \"total\": " + r.shown.str() + ", \"stars\": " + std::to_string(r.stars) +
           ", \"rank\": " + std::to_string(r.rank) + ", \"member_count\": " + std::to_string(al.members.size()) +
           json_extras(alliance_extras, *a.alliance_scheme, r) + "}";
  }
  out += first ? "]}\n" : "\n ]}\n";
  flush.all();
}

}  // namespace

void render_scores(const Run& run, Format format, std::ostream& os) {
  if (format == Format::json) return scores_json(run, os);
  if (format == Format::csv) return scores_csv(run, os);
  const auto& a = run.assessment;
  std::string out;
  const bool md = format == Format::md;
  const std::string title =
      (a.name.empty() ? std::string("星级评定") : a.name) + " " + std::to_string(run.eval.year) + "年";
  out += md ? "# " + title + "\n\n## 村\n\n" : title + "\n\n村\n";
  const auto villages = village_table(run, true);
  md ? render_markdown(villages, out) : render_text(villages, out);
  if (run.eval.alliances_scored) {
    out += md ? "\n## 联盟\n\n" : "\n联盟\n";
    const auto alliances = alliance_table(run, true);
    md ? render_markdown(alliances, out) : render_text(alliances, out);
  }
  os << out;
}

std::string render_scores(const Run& run, Format format) {
  std::ostringstream os;
  render_scores(run, format, os);
  return std::move(os).str();
}

std::string render_ranking(const Run& run, const RankOptions& o, Format format) {
  std::ostringstream os;
  render_ranking(run, o, format, os);
  return std::move(os).str();
}

void render_ranking(const Run& run, const RankOptions& o, Format format, std::ostream& os) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  const bool villages = o.level == UnitKind::village;
  if (!villages && !ev.alliances_scored) {
    throw Error(Location{a.manifest, 0, 0}, "alliances are not scored: the manifest names no alliance scheme");
  }
  if (!villages && !o.by.empty()) {
    throw Error(Location{a.manifest, 0, 0}, "--by groups villages by a roster field; alliances are ranked as one list");
  }
  const auto& scores = ev.of(o.level);
  const std::size_t n = scores.size();
  // Groups in the order their first member appears in the roster, as a department lists them.
  // A hash finds each unit's group: a national roster has tens of thousands of townships.
  std::vector<std::string> groups;
  std::vector<std::vector<int>> members;
  std::unordered_map<std::string_view, std::size_t> group_of;
  for (std::size_t u = 0; u < n; ++u) {
    const std::string_view key =
        o.by.empty() ? std::string_view() : std::string_view(*a.roster.villages[u].field(o.by));
    auto [it, fresh] = group_of.emplace(key, groups.size());
    if (fresh) {
      groups.emplace_back(key);
      members.emplace_back();
    }
    members[it->second].push_back(static_cast<int>(u));
  }
  const Scheme& scheme = *a.scheme_for(o.level);
  TextTable t;
  const bool machine = format == Format::csv || format == Format::json;
  t.column(machine ? "rank" : "排名", true);
  t.column(machine ? "id" : "编号");
  t.column(machine ? "name" : "名称");
  if (!o.by.empty()) t.column(machine ? o.by : detail::field_title(o.by));
  t.column(machine ? "score" : "得分", true);
  t.column(machine ? "stars" : "星级");
  const auto extras = detail::extras_of(a, o.level);
  extra_columns(t, extras, machine);
  auto id_of = [&](int u) { return a.roster.id_of(UnitRef{o.level, u}); };
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::vector<int>& in = members[g];
    auto placed = detail::rank_by(
        in.size(), [&](std::size_t k) { return in[k]; },
        [&](int u) { return scores[static_cast<std::size_t>(u)].shown.nanos(); }, id_of);
    std::size_t from = 0, to = placed.size();
    if (o.top > 0) {
      while (to > 0 && placed[to - 1].rank > o.top) --to;
    }
    if (o.bottom > 0 && static_cast<std::size_t>(o.bottom) < placed.size()) {
      // The lowest `bottom` units, widened to keep a tie at the edge whole.
      from = placed.size() - static_cast<std::size_t>(o.bottom);
      while (from > 0 && placed[from - 1].rank == placed[from].rank) --from;
    }
    for (std::size_t i = from; i < to; ++i) {
      const auto u = static_cast<std::size_t>(placed[i].unit);
      const std::string_view id = id_of(static_cast<int>(u));
      const std::string_view name = a.roster.name_of(UnitRef{o.level, static_cast<int>(u)});
      t.row();
      t.cell(std::to_string(placed[i].rank));
      t.cell(id);
      t.cell(machine ? name : display_name(name, id));
      if (!o.by.empty()) t.cell(groups[g]);
      t.cell(scores[u].shown.str());
      t.cell(machine ? std::to_string(scores[u].stars) : star_text(scores[u].stars, scheme.max_stars()));
      extra_cells(t, extras, machine, a, scheme, scores[u]);
    }
  }
  std::string out;
  if (format == Format::json) {
    out = "{\"name\": " + json_string(a.name) + ", \"year\": " + std::to_string(ev.year) + ", \"level\": \"" +
          (villages ? "village" : "alliance") + "\", \"by\": " + (o.by.empty() ? "null" : json_string(o.by)) +
          ",\n \"ranking\": [";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto& c = t.rows[r];
      out += (r ? ",\n  " : "\n  ") + std::string("{\"rank\": ") + c[0] + ", \"id\": " + json_string(c[1]) +
             ", \"name\": " + json_string(c[2]);
      std::size_t k = 3;
      if (!o.by.empty()) out += ", \"group\": " + json_string(c[k++]);
      out += ", \"score\": " + c[k] + ", \"stars\": " + c[k + 1];
      // Spec 4 columns, named as in CSV.
      for (std::size_t x = k + 2; x < c.size(); ++x) {
        const std::string& name = t.header[x];
        out += ", " + json_string(name) + ": ";
        if (name == "star_areas") {
          std::vector<std::string> areas;
          std::size_t from = 0;
          while (from < c[x].size()) {
            const auto semi = std::min(c[x].find(';', from), c[x].size());
            areas.push_back(c[x].substr(from, semi - from));
            from = semi + 1;
          }
          out += json_ids(areas);
        } else {
          out += c[x].empty() ? "null" : json_string(c[x]);
        }
      }
      out += "}";
    }
    out += t.rows.empty() ? "]}\n" : "\n ]}\n";
    os << out;
    return;
  }
  if (format == Format::csv) {
    render_csv(t, out);
    os << out;
    return;
  }
  const std::string title = (a.name.empty() ? std::string("星级评定") : a.name) + " " + std::to_string(ev.year) +
                            "年 " + (villages ? "村排名" : "联盟排名") +
                            (o.by.empty() ? "" : "（按" + detail::field_title(o.by) + "）");
  if (format == Format::md) {
    out = "# " + title + "\n\n";
    render_markdown(t, out);
  } else {
    out = title + "\n";
    render_text(t, out);
  }
  os << out;
}

}  // namespace xingji
