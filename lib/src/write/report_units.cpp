// The report's results: stars per level, and each kind's ranking (summed up by place first
// when it is long).
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <unordered_map>

#include "compute/words.hpp"
#include "write/columns.hpp"
#include "write/report.hpp"
#include "xingji/rounding.hpp"

namespace xingji::detail {

namespace {

// "+1.25", "-0.50", "0.00": a change as people write it.
std::string signed_text(const Rounded& now, const Rounded& before) {
  const Rounded d{now.units - before.units, now.precision};
  return d.units > 0 ? fmt::format("+{}", d.str()) : d.str();
}

// The first and last `kListed` of a ranking, a tie at either edge kept whole.
Ranking ends_of(const Ranking& ranking, bool top) {
  if (ranking.size() <= kListed) return top ? ranking : Ranking{};
  std::size_t from = 0, to = ranking.size();
  if (top) {
    to = kListed;
    while (to < ranking.size() && ranking[to].rank == ranking[to - 1].rank) ++to;
  } else {
    from = ranking.size() - kListed;
    while (from > 0 && ranking[from - 1].rank == ranking[from].rank) --from;
  }
  return {ranking.begin() + static_cast<std::ptrdiff_t>(from), ranking.begin() + static_cast<std::ptrdiff_t>(to)};
}

// A kind's report columns beyond rank, name, scores and stars: after the name, after the own
// score, after the stars (the spec 4 columns grade and tier), and last (after the change since
// last year).
struct RankColumns {
  std::vector<Column> after_name, after_own, last;
  Extras after_stars;
};

RankColumns rank_columns(const Assessment& a, const Kind& kind) {
  RankColumns c;
  switch (kind.shape) {
    case KindShape::village: {
      c.after_name = {Column::township};
      if (!a.roster.alliances.empty()) c.after_name.push_back(Column::alliance);
      const auto extras = extras_of(a, kind.id);
      c.after_stars.grade = extras.grade;
      c.after_stars.tier = extras.tier;
      break;
    }
    case KindShape::alliance:
      c.after_own = {Column::members};
      c.last = {Column::member_names};
      break;
    case KindShape::person: {
      c.after_name = {Column::village, Column::role};
      const auto extras = extras_of(a, kind.id);
      c.after_stars.grade = extras.grade;
      c.after_stars.tier = extras.tier;
      break;
    }
  }
  return c;
}

void ranking_table(const Run& run, const Kind& kind, const Ranking& rows, const std::string& heading, ReportOut& out) {
  const auto& a = run.assessment;
  const auto& units = run.eval.of(kind.id).units;
  const Evaluation* prev = run.previous ? &*run.previous : nullptr;
  const RankColumns columns = rank_columns(a, kind);
  out.section(heading);
  TextTable t;
  t.column("排名", true);
  t.column(kind.words.title);
  for (Column c : columns.after_name) t.column(column_title(c));
  t.fixed(t.column(fmt::format("{}得分", kind.words.self), true), a.precision);
  for (Column c : columns.after_own) t.fixed(t.column(column_title(c), true), a.precision);
  t.fixed(t.column(kind.words.final, true), a.precision);
  t.column("星级");
  extra_columns(t, columns.after_stars, false);
  if (prev) {
    t.fixed(t.column("较上年", true), a.precision, true);
    t.column("星级变化");
  }
  for (Column c : columns.last) t.column(column_title(c));
  const int max = kind.scheme->max_stars();
  for (const auto& p : rows) {
    const UnitRef ref{kind.id, p.unit};
    const auto u = static_cast<std::size_t>(p.unit);
    const auto& r = units[u];
    t.row();
    t.cell(fmt::to_string(r.rank));
    t.cell(display_name(a.roster.name_of(ref), a.roster.id_of(ref)));
    for (Column c : columns.after_name) t.cell(column_cell(run, c, ref, "—"));
    t.cell(rounded(r.own, a.precision));
    for (Column c : columns.after_own) t.cell(column_cell(run, c, ref, "—"));
    t.cell(r.shown.str());
    t.cell(star_text(r.stars, max));
    extra_cells(t, columns.after_stars, false, a, *kind.scheme, r);
    if (prev) {
      const UnitScore& before = prev->of(kind.id).units[u];
      // A year the unit sent nothing (未报送) is not compared, as history does not.
      const bool compared = !r.not_submitted && !before.not_submitted;
      t.cell(compared ? signed_text(r.shown, before.shown) : "—");
      t.cell(compared ? star_change_text(r.stars - before.stars) : "—");
    }
    for (Column c : columns.last) t.cell(column_cell(run, c, ref, "—"));
  }
  out.table(t);
  out.md += "\n";
}

// Units summed up by a place field, as a section of its own.
void group_summary(const Run& run, UnitKind kind, const std::string& field, bool backward, ReportOut& out) {
  std::string note;
  const TextTable t = place_table(run, kind, field, backward, kGroupRows, note);
  out.section(fmt::format("按{}汇总", field_title(field)));
  out.text(note);
  out.table(t);
  out.md += "\n";
}

}  // namespace

TextTable place_table(const Run& run, UnitKind kind, const std::string& field, bool backward, std::size_t most,
                      std::string& note) {
  const auto& a = run.assessment;
  const int max = a.scheme(kind).max_stars();
  const auto& units = run.eval.of(kind).units;
  struct Group {
    std::string name;
    std::size_t count = 0;
    double sum = 0;
    std::vector<std::size_t> stars;
    std::size_t backward = 0;
  };
  std::vector<Group> groups;
  std::unordered_map<std::string_view, std::size_t> at;
  for (std::size_t u = 0; u < units.size(); ++u) {
    const std::string_view key = *a.roster.field(UnitRef{kind, static_cast<int>(u)}, field);
    auto [it, fresh] = at.emplace(key, groups.size());
    if (fresh)
      groups.push_back(Group{key.empty() ? "（未填）" : std::string(key), 0, 0,
                             std::vector<std::size_t>(static_cast<std::size_t>(max) + 1), 0});
    Group& g = groups[it->second];
    const auto& r = units[u];
    ++g.count;
    g.sum += r.shown.value();
    ++g.stars[static_cast<std::size_t>(std::clamp(r.stars, 0, max))];
    if (r.tier == Tier::backward) ++g.backward;
  }
  std::vector<std::size_t> order(groups.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  note.clear();
  if (most > 0 && groups.size() > most) {
    // Too many to list: the best and the worst by mean score.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return groups[x].sum / static_cast<double>(groups[x].count) >
             groups[y].sum / static_cast<double>(groups[y].count);
    });
    std::vector<std::size_t> shown(order.begin(), order.begin() + kListed);
    shown.insert(shown.end(), order.end() - kListed, order.end());
    note = fmt::format("共{}个，列出平均得分最高和最低的各{}个。\n\n", groups.size(), kListed);
    order = shown;
  }
  const bool with_backward = backward && a.tiers.has_value();
  TextTable t;
  t.column(field_title(field));
  t.column(fmt::format("{}数", a.kind(kind).words.title), true);
  t.fixed(t.column("平均得分", true), a.precision);
  for (int st = max; st >= 0; --st) t.column(st == 0 ? "无星" : fmt::format("{}星", st), true);
  if (with_backward) t.column(fmt::format("{}数", a.tiers->labels[2]), true);
  for (std::size_t i : order) {
    const Group& g = groups[i];
    t.row();
    t.cell(g.name);
    t.cell(fmt::to_string(g.count));
    t.cell(round_score(g.sum / static_cast<double>(g.count), a.precision).str());
    for (int st = max; st >= 0; --st) t.cell(fmt::to_string(g.stars[static_cast<std::size_t>(st)]));
    if (with_backward) t.cell(fmt::to_string(g.backward));
  }
  return t;
}

std::optional<UnitKind> township_kind(const Run& run) {
  for (const Kind& k : run.assessment.kinds) {
    if (k.shape == KindShape::village && run.eval.of(k.id).scored &&
        std::find(k.fields.begin(), k.fields.end(), "township") != k.fields.end())
      return k.id;
  }
  return std::nullopt;
}

void distribution_section(const Run& run, ReportOut& out) {
  const auto& a = run.assessment;
  std::vector<const Kind*> kinds;
  int max = 0;
  for (const Kind& kind : a.kinds) {
    if (kind.rated()) max = std::max(max, kind.scheme->max_stars());
    if (run.eval.of(kind.id).scored) kinds.push_back(&kind);
  }
  TextTable t;
  t.column("星级");
  std::vector<std::map<int, std::size_t>> counts;
  for (const Kind* kind : kinds) {
    t.column(kind->words.title, true);
    auto& by_stars = counts.emplace_back();
    for (const auto& r : run.eval.of(kind->id).units) by_stars[r.stars]++;
  }
  for (int s = max; s >= 0; --s) {
    t.row();
    t.cell(s == 0 ? "无星" : star_text(s, max));
    for (const auto& by_stars : counts) t.cell(fmt::to_string(by_stars.count(s) ? by_stars.at(s) : 0));
  }
  t.row();
  t.cell("合计");
  for (const Kind* kind : kinds) t.cell(fmt::to_string(run.eval.of(kind->id).units.size()));
  out.section("星级分布");
  out.table(t);
  out.md += "\n";
}

void township_section(const Run& run, ReportOut& out) {
  if (const auto kind = township_kind(run)) group_summary(run, *kind, "township", true, out);
}

void ranking_sections(const Run& run, UnitKind kind, ReportOut& out) {
  const auto& a = run.assessment;
  const Kind& k = a.kind(kind);
  const Ranking& ranking = run.eval.of(kind).ranking;
  const std::string title = fmt::format("{}排名", k.words.title);
  if (ranking.size() <= kFullTable) {
    ranking_table(run, k, ranking, title, out);
    return;
  }
  // A long ranking is summed up by county first, where its units have one (by township, the
  // report does before every ranking).
  const auto has = [&](const char* f) { return std::find(k.fields.begin(), k.fields.end(), f) != k.fields.end(); };
  bool counties = false;
  for (std::size_t u = 0; has("county") && u < ranking.size() && !counties; ++u) {
    counties = !a.roster.field(UnitRef{kind, static_cast<int>(u)}, "county")->empty();
  }
  if (counties) group_summary(run, kind, "county", false, out);
  ranking_table(run, k, ends_of(ranking, true), fmt::format("{}前{}名", title, kListed), out);
  ranking_table(run, k, ends_of(ranking, false), fmt::format("{}后{}名", title, kListed), out);
}

}  // namespace xingji::detail
