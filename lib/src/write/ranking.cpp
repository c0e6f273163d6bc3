// `rank`: the ranking of one kind of unit, overall or within the groups of a roster field.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <sstream>
#include <unordered_map>

#include "base/i18n.hpp"
#include "compute/ranking.hpp"
#include "compute/words.hpp"
#include "write/columns.hpp"
#include "write/xlsx.hpp"
#include "xingji/views.hpp"

namespace xingji {

namespace {

// The table's rows as JSON, its spec 4 columns named as in CSV.
std::string ranking_json(const Run& run, const RankOptions& o, const TextTable& t) {
  const auto& a = run.assessment;
  std::string out =
      fmt::format("{{\"name\": {}, \"year\": {}, \"level\": \"{}\", \"by\": {},\n \"ranking\": [", json_string(a.name),
                  run.eval.year, a.kind(o.level).words.id, o.by.empty() ? "null" : json_string(o.by));
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& c = t.rows[r];
    fmt::format_to(std::back_inserter(out), "{}{{\"rank\": {}, \"id\": {}, \"name\": {}", r ? ",\n  " : "\n  ", c[0],
                   json_string(c[1]), json_string(c[2]));
    std::size_t k = 3;
    if (!o.by.empty()) fmt::format_to(std::back_inserter(out), ", \"group\": {}", json_string(c[k++]));
    fmt::format_to(std::back_inserter(out), ", \"score\": {}, \"stars\": {}", c[k], c[k + 1]);
    for (std::size_t x = k + 2; x < c.size(); ++x) {
      const std::string& name = t.header[x];
      fmt::format_to(std::back_inserter(out), ", {}: ", json_string(name));
      if (name == "star_areas") {
        std::vector<std::string> areas;
        std::size_t from = 0;
        while (from < c[x].size()) {
          const auto semi = std::min(c[x].find(';', from), c[x].size());
          areas.push_back(c[x].substr(from, semi - from));
          from = semi + 1;
        }
        out += json_list(areas);
      } else {
        out += c[x].empty() ? "null" : json_string(c[x]);
      }
    }
    out += "}";
  }
  out += t.rows.empty() ? "]}\n" : "\n ]}\n";
  return out;
}

// Refuses a ranking the assessment cannot give: alliances not scored, --by a field the kind
// does not have.
void check_ranking(const Run& run, const RankOptions& o) {
  const auto& a = run.assessment;
  const Kind& kind = a.kind(o.level);
  if (!run.eval.of(o.level).scored) {
    throw Error(Location{a.manifest, 0, 0},
                _f("{} are not scored: the manifest names no {} scheme", tr(kind.words.plural), tr(kind.words.noun)));
  }
  if (!o.by.empty() && std::find(kind.fields.begin(), kind.fields.end(), o.by) == kind.fields.end()) {
    throw Error(Location{a.manifest, 0, 0},
                kind.fields.empty()
                    ? _f("--by groups units by a roster field; {} are ranked as one list", tr(kind.words.plural))
                    : _f("--by takes a roster field of {}: {}", tr(kind.words.plural), fmt::join(kind.fields, ", ")));
  }
}

// How a ranking is laid out: for a program (CSV, JSON: one table, the group's value, an id,
// in a column), for a person reading a page (a table per group under a heading naming it),
// or for a person in a spreadsheet (one table, the group by its name in a column).
enum class Layout { machine, per_group, one_table };

// The ranking's tables (one unless per group) and, in `groups`, the group of each.
std::vector<TextTable> ranking_tables(const Run& run, const RankOptions& o, Layout layout,
                                      std::vector<std::string>& groups) {
  const auto& a = run.assessment;
  const KindResult& result = run.eval.of(o.level);
  const auto& scores = result.units;
  const std::size_t n = scores.size();
  // Groups in the order their first member appears in the roster, as a department lists them.
  // A hash finds each unit's group: a national roster has tens of thousands of townships.
  std::vector<std::vector<int>> members;
  std::unordered_map<std::string_view, std::size_t> group_of;
  groups.clear();
  for (std::size_t u = 0; u < n; ++u) {
    const std::string_view key =
        o.by.empty() ? std::string_view() : *a.roster.field(UnitRef{o.level, static_cast<int>(u)}, o.by);
    auto [it, fresh] = group_of.emplace(key, groups.size());
    if (fresh) {
      groups.emplace_back(key);
      members.emplace_back();
    }
    members[it->second].push_back(static_cast<int>(u));
  }
  const Scheme& scheme = *a.kind(o.level).scheme;
  const bool machine = layout == Layout::machine;
  const bool per_group = layout == Layout::per_group && !o.by.empty();
  const auto extras = detail::extras_of(a, o.level);
  auto new_table = [&] {
    TextTable t;
    t.column(machine ? "rank" : "排名", true);
    const std::size_t id_column = t.whole_column(machine ? "id" : "编号");
    if (!machine) t.spare_column(id_column);
    t.column(machine ? "name" : "名称");
    if (!per_group && !o.by.empty()) t.column(machine ? o.by : detail::field_title(o.by));
    t.fixed(t.column(machine ? "score" : "得分", true), a.precision);
    t.whole_column(machine ? "stars" : "星级");
    detail::extra_columns(t, extras, machine);
    if (!machine) detail::mark_optional(t);
    return t;
  };
  auto id_of = [&](int u) { return a.roster.id_of(UnitRef{o.level, u}); };
  std::vector<TextTable> tables;
  tables.push_back(new_table());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (per_group && g > 0) tables.push_back(new_table());
    TextTable& t = tables.back();
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
      const UnitRef ref{o.level, placed[i].unit};
      const std::string_view id = id_of(placed[i].unit);
      const std::string_view name = a.roster.name_of(ref);
      t.row();
      t.cell(fmt::to_string(placed[i].rank));
      t.cell(id);
      t.cell(machine ? name : detail::display_name(name, id));
      if (!per_group && !o.by.empty()) t.cell(machine ? groups[g] : detail::group_title(a, o.by, groups[g]));
      t.cell(scores[u].shown.str());
      t.cell(machine ? fmt::to_string(scores[u].stars) : star_text(scores[u].stars, scheme.max_stars()));
      detail::extra_cells(t, extras, machine, a, scheme, scores[u]);
    }
  }
  return tables;
}

// The title of a ranking for a person.
std::string ranking_title(const Run& run, const RankOptions& o) {
  return fmt::format("{} {}排名{}", detail::year_title(run.assessment, run.eval.year),
                     run.assessment.kind(o.level).words.title,
                     o.by.empty() ? "" : fmt::format("（按{}）", detail::field_title(o.by)));
}

}  // namespace

std::string render_ranking(const Run& run, const RankOptions& o, Format format, std::size_t width) {
  std::ostringstream os;
  render_ranking(run, o, format, os, width);
  return std::move(os).str();
}

void render_ranking(const Run& run, const RankOptions& o, Format format, std::ostream& os, std::size_t width) {
  check_ranking(run, o);
  const bool machine = format == Format::csv || format == Format::json;
  std::vector<std::string> groups;
  const std::vector<TextTable> tables = ranking_tables(run, o, machine ? Layout::machine : Layout::per_group, groups);
  const bool per_group = !machine && !o.by.empty();
  std::string out;
  if (format == Format::json) {
    out = ranking_json(run, o, tables.front());
  } else if (format == Format::csv) {
    render_csv(tables.front(), out);
  } else {
    const std::string title = ranking_title(run, o);
    const bool md = format == Format::md;
    out = md ? fmt::format("# {}\n", title) : fmt::format("{}\n", title);
    for (std::size_t g = 0; g < tables.size(); ++g) {
      if (per_group) {
        const std::string heading = detail::group_title(run.assessment, o.by, groups[g]);
        out += md ? fmt::format("\n## {}\n\n", heading) : fmt::format("\n{}\n", heading);
      } else if (md) {
        out += "\n";
      }
      md ? render_markdown(tables[g], out) : render_text(tables[g], out, width);
    }
  }
  os << out;
}

void write_ranking_xlsx(const Run& run, const RankOptions& o, AtomicFile& file) {
  check_ranking(run, o);
  std::vector<std::string> groups;
  std::vector<TextTable> tables = ranking_tables(run, o, Layout::one_table, groups);
  const std::string by = o.by.empty() ? "" : fmt::format("（按{}）", detail::field_title(o.by));
  const std::vector<detail::Sheet> sheets{
      {fmt::format("{}排名{}", run.assessment.kind(o.level).words.title, by), {{"", std::move(tables.front()), {}}}}};
  detail::write_workbook(sheets, ranking_title(run, o), file);
}

}  // namespace xingji
