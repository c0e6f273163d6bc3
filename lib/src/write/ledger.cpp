// `ledger` (积分公示, spec 6): the standings to a date in every format, ranked as one list or
// within the groups of a roster field as `rank --by` ranks.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "base/i18n.hpp"
#include "compute/words.hpp"
#include "write/columns.hpp"
#include "write/ledger_parts.hpp"
#include "write/table.hpp"
#include "write/xlsx.hpp"
#include "xingji/ledger.hpp"

namespace xingji {

namespace {

using detail::display_name;

// Refuses a field the kind's units cannot be grouped by.
void check_by(const Assessment& a, UnitKind kind, const std::string& by) {
  const Kind& k = a.kind(kind);
  if (by.empty() || std::find(k.fields.begin(), k.fields.end(), by) != k.fields.end()) return;
  throw Error(Location{a.manifest, 0, 0},
              k.fields.empty()
                  ? _f("--by groups units by a roster field; {} are ranked as one list", tr(k.words.plural))
                  : _f("--by takes a roster field of {}: {}", tr(k.words.plural), fmt::join(k.fields, ", ")));
}

// The standings in groups of a roster field (one group without one): groups in the order
// their first member appears in the roster, as a department lists them; in each, the units
// in rank order with their rank within it.
struct Groups {
  std::vector<std::string> values;
  struct Member {
    std::size_t line;  // into LedgerStandings::units
    int rank;
  };
  std::vector<std::vector<Member>> members;
};

Groups group(const Assessment& a, const LedgerStandings& st, const std::string& by) {
  Groups g;
  std::vector<std::size_t> group_of(st.units.size(), 0);
  if (by.empty()) {
    g.values.emplace_back();
  } else {
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t u = 0; u < st.units.size(); ++u) {
      const std::string_view key = a.roster.field(UnitRef{st.kind, static_cast<int>(u)}, by).value_or("");
      const auto [it, fresh] = index.emplace(key, g.values.size());
      if (fresh) g.values.emplace_back(key);
      group_of[u] = it->second;
    }
  }
  g.members.resize(g.values.size());
  for (std::size_t i = 0; i < st.units.size(); ++i) {
    auto& in = g.members[group_of[static_cast<std::size_t>(st.units[i].unit)]];
    // The standings are in rank order: a unit tied with the one before it in its group shares its rank.
    const bool tie = !in.empty() && st.units[in.back().line].shown == st.units[i].shown;
    in.push_back({i, tie ? in.back().rank : static_cast<int>(in.size()) + 1});
  }
  return g;
}

// How the standings are laid out, as for `rank`: for a program (one table, ids and the
// group's value), for a person reading a page (a table per group under a heading) or in a
// spreadsheet (one table, the group by its name in a column).
enum class Layout { machine, per_group, one_table };

std::vector<TextTable> standings_tables(const Assessment& a, const LedgerStandings& st, const std::string& by,
                                        const Groups& g, Layout layout) {
  const Scheme& s = a.scheme(st.kind);
  const bool machine = layout == Layout::machine;
  const bool per_group = layout == Layout::per_group && !by.empty();
  const bool person = a.kind(st.kind).shape == KindShape::person;
  // A person's village, unless the groups are the villages.
  const bool village = person && by != "village";
  auto new_table = [&] {
    TextTable t;
    t.column(machine ? "rank" : "名次", true);
    const std::size_t id = t.whole_column(machine ? "id" : "编号");
    if (!machine) t.spare_column(id);
    t.column(machine ? "name" : person ? "姓名" : "名称");
    if (village) t.column(machine ? "village" : "所在村");
    if (!per_group && !by.empty()) t.column(machine ? by : detail::field_title(by));
    for (const int item : st.items) {
      t.fixed(t.column(machine ? s.items[static_cast<std::size_t>(item)].id : detail::item_name(s, item), true),
              a.precision);
    }
    t.fixed(t.column(machine ? "total" : "合计", true), a.precision);
    return t;
  };
  std::vector<TextTable> tables;
  tables.push_back(new_table());
  for (std::size_t k = 0; k < g.values.size(); ++k) {
    if (per_group && k > 0) tables.push_back(new_table());
    TextTable& t = tables.back();
    for (const auto& m : g.members[k]) {
      const LedgerStanding& line = st.units[m.line];
      const UnitRef ref{st.kind, line.unit};
      const std::string_view id = a.roster.id_of(ref);
      const std::string_view name = a.roster.name_of(ref);
      t.row();
      t.cell(fmt::to_string(m.rank));
      t.cell(id);
      t.cell(machine ? std::string(name) : display_name(name, id));
      if (village) {
        const Village* v = a.roster.village_of(ref);
        t.cell(v == nullptr ? "" : machine ? std::string(v->id()) : display_name(v->name(), v->id()));
      }
      if (!per_group && !by.empty()) t.cell(machine ? g.values[k] : detail::group_title(a, by, g.values[k]));
      for (const double p : line.points) t.cell(detail::points_text(a, p));
      t.cell(line.shown.str());
    }
  }
  return tables;
}

std::string standings_json(const Assessment& a, const LedgerStandings& st, const std::string& by, const Groups& g) {
  const Scheme& s = a.scheme(st.kind);
  std::string out = fmt::format("{{\"until\": \"{}\", ", st.until.str());
  auto add = std::back_inserter(out);
  if (!by.empty()) fmt::format_to(add, "\"by\": {}, ", json_string(by));
  out += "\"units\": [";
  bool first = true;
  for (std::size_t k = 0; k < g.values.size(); ++k) {
    for (const auto& m : g.members[k]) {
      const LedgerStanding& line = st.units[m.line];
      const UnitRef ref{st.kind, line.unit};
      fmt::format_to(add, "{}{{\"id\": {}, \"name\": {}", first ? "\n  " : ",\n  ", json_string(a.roster.id_of(ref)),
                     json_string(a.roster.name_of(ref)));
      first = false;
      if (!by.empty()) fmt::format_to(add, ", \"group\": {}", json_string(g.values[k]));
      out += ", \"points\": {";
      for (std::size_t l = 0; l < st.items.size(); ++l) {
        fmt::format_to(add, "{}{}: {}", l ? ", " : "", json_string(s.items[static_cast<std::size_t>(st.items[l])].id),
                       detail::points_text(a, line.points[l]));
      }
      fmt::format_to(add, "}}, \"total\": {}, \"rank\": {}}}", line.shown.str(), m.rank);
    }
  }
  out += first ? "]}\n" : "\n]}\n";
  return out;
}

std::string standings_title(const Assessment& a, const LedgerStandings& st, const std::string& by) {
  return fmt::format("{} {}积分公示（{}）{}", detail::assessment_title(a), a.kind(st.kind).words.title,
                     detail::until_text(st.until), by.empty() ? "" : fmt::format("（按{}）", detail::field_title(by)));
}

}  // namespace

std::string render_ledger(const Assessment& a, const LedgerStandings& st, const std::string& by, Format format,
                          std::size_t width) {
  std::ostringstream os;
  render_ledger(a, st, by, format, os, width);
  return std::move(os).str();
}

void render_ledger(const Assessment& a, const LedgerStandings& st, const std::string& by, Format format,
                   std::ostream& os, std::size_t width) {
  check_by(a, st.kind, by);
  const Groups g = group(a, st, by);
  std::string out;
  if (format == Format::json) {
    out = standings_json(a, st, by, g);
  } else if (format == Format::csv) {
    render_csv(standings_tables(a, st, by, g, Layout::machine).front(), out);
  } else {
    const bool md = format == Format::md;
    const std::string title = standings_title(a, st, by);
    out = md ? fmt::format("# {}\n", title) : fmt::format("{}\n", title);
    const std::vector<TextTable> tables = standings_tables(a, st, by, g, Layout::per_group);
    for (std::size_t k = 0; k < tables.size(); ++k) {
      if (!by.empty()) {
        const std::string heading = detail::group_title(a, by, g.values[k]);
        out += md ? fmt::format("\n## {}\n\n", heading) : fmt::format("\n{}\n", heading);
      } else if (md) {
        out += "\n";
      }
      md ? render_markdown(tables[k], out) : render_text(tables[k], out, width);
    }
  }
  os << out;
}

void write_ledger_xlsx(const Assessment& a, const LedgerStandings& st, const std::string& by, AtomicFile& file) {
  check_by(a, st.kind, by);
  const Groups g = group(a, st, by);
  std::vector<TextTable> tables = standings_tables(a, st, by, g, Layout::one_table);
  const std::string sheet = fmt::format("{}积分公示{}", a.kind(st.kind).words.title,
                                        by.empty() ? "" : fmt::format("（按{}）", detail::field_title(by)));
  const std::vector<detail::Sheet> sheets{{sheet, {{"", std::move(tables.front()), {}}}}};
  detail::write_workbook(sheets, standings_title(a, st, by), file);
}

}  // namespace xingji
