// `history` in every format but HTML (write/history_html.cpp): for people a table of units
// with a group of columns per year and the star levels per year (the report's 星级分布 over
// the years), or one unit's years; for programs a row per unit and year (CSV) or spec 8's JSON.
#include "xingji/history.hpp"

#include <fmt/format.h>

#include <iterator>
#include <sstream>

#include "compute/words.hpp"
#include "write/columns.hpp"
#include "write/history.hpp"
#include "write/table.hpp"
#include "write/xlsx.hpp"
#include "xingji/run.hpp"

namespace xingji {

namespace detail {

namespace {

// The years of a run ending in `last`, as people write a span: 2024, 2023—2024.
std::string span_text(int years, int last) {
  return years == 1 ? fmt::to_string(last) : fmt::format("{}—{}", last - years + 1, last);
}

// The years a unit sent nothing, "2022、2023"; "" when none.
std::string not_submitted_years(const UnitHistory& u) {
  std::vector<std::string> years;
  for (const HistoryYear& y : u.years) {
    if (y.not_submitted) years.push_back(fmt::to_string(y.year));
  }
  return name_list(years);
}

// Every unit a row, a group of columns a year (score, stars, rank, and after the first
// year the change in stars), then its longest run of rises: how many years (a number, which
// a spreadsheet sorts) and which (never wrapped: a terminal would cut a year in two).
TextTable units_table(const Assessment& a, const History& h) {
  const bool stars = history_has_stars(a, h);
  const bool absent = history_not_submitted(h);
  TextTable t;
  t.spare_column(t.whole_column("编号"));
  t.column(a.kind(h.kind).words.title);
  for (std::size_t k = 0; k < h.years.size(); ++k) {
    const int y = h.years[k];
    t.fixed(t.column(fmt::format("{}得分", y), true), a.precision);
    if (stars) t.whole_column(fmt::format("{}星级", y));
    t.column(fmt::format("{}排名", y), true);
    if (stars && k > 0) t.whole_column(fmt::format("{}变化", y));
  }
  t.column("年年攀升", true);
  t.whole_column("攀升年度");
  if (absent) t.column("未报送");
  for (const UnitHistory& u : h.units) {
    t.row();
    t.cell(a.roster.id_of(UnitRef{h.kind, u.unit}));
    t.cell(history_unit_name(a, h, u));
    for (std::size_t k = 0; k < u.years.size(); ++k) {
      const HistoryYear& y = u.years[k];
      t.cell(y.final.str());
      if (stars) t.cell(star_text(y.stars, h.max_stars));
      t.cell(fmt::to_string(y.rank));
      if (stars && k > 0) t.cell(history_change(y.change));
    }
    t.cell(fmt::to_string(u.longest_rise));
    t.cell(history_rise_span(u));
    if (absent) t.cell(not_submitted_years(u));
  }
  return t;
}

// For programs: a row per unit and year, units in rank order of the latest year.
TextTable machine_table(const History& h, const Assessment& a) {
  const bool absent = history_not_submitted(h);
  TextTable t;
  for (const char* c : {"id", "name", "year", "final", "stars", "rank", "change", "longest_rise"}) t.column(c);
  if (absent) t.column("not_submitted");
  for (const UnitHistory& u : h.units) {
    const UnitRef ref{h.kind, u.unit};
    for (const HistoryYear& y : u.years) {
      t.row();
      t.cell(a.roster.id_of(ref));
      t.cell(a.roster.name_of(ref));
      t.cell(fmt::to_string(y.year));
      t.cell(y.final.str());
      t.cell(fmt::to_string(y.stars));
      t.cell(fmt::to_string(y.rank));
      t.cell(y.change ? fmt::to_string(*y.change) : "");
      t.cell(fmt::to_string(u.longest_rise));
      if (absent) t.cell(y.not_submitted ? "1" : "");
    }
  }
  return t;
}

std::string history_json(const Assessment& a, const History& h) {
  std::string out;
  auto add = std::back_inserter(out);
  fmt::format_to(add, "{{\"name\": {}, \"level\": \"{}\", \"years\": [{}],\n \"units\": [", json_string(a.name),
                 a.kind(h.kind).words.id, fmt::join(h.years, ", "));
  for (std::size_t i = 0; i < h.units.size(); ++i) {
    const UnitHistory& u = h.units[i];
    const UnitRef ref{h.kind, u.unit};
    fmt::format_to(add, "{}{{\"id\": {}, \"name\": {}, \"years\": [", i ? ",\n  " : "\n  ",
                   json_string(a.roster.id_of(ref)), json_string(a.roster.name_of(ref)));
    for (std::size_t k = 0; k < u.years.size(); ++k) {
      const HistoryYear& y = u.years[k];
      fmt::format_to(add, "{}{{\"year\": {}, \"final\": {}, \"stars\": {}, \"rank\": {}, \"change\": {}{}}}",
                     k ? ", " : "", y.year, y.final.str(), y.stars, y.rank,
                     y.change ? fmt::to_string(*y.change) : "null", y.not_submitted ? ", \"not_submitted\": true" : "");
    }
    fmt::format_to(add, "], \"longest_rise\": {}}}", u.longest_rise);
  }
  out += h.units.empty() ? "],\n" : "\n ],\n";
  out += " \"levels\": {";
  for (std::size_t k = 0; k < h.years.size(); ++k) {
    fmt::format_to(add, "{}\"{}\": {{", k ? ",\n  " : "\n  ", h.years[k]);
    for (int s = h.max_stars; s >= 0; --s) {
      fmt::format_to(add, "{}\"{}\": {}", s < h.max_stars ? ", " : "", s, h.levels[k][static_cast<std::size_t>(s)]);
    }
    out += "}";
  }
  out += h.years.empty() ? "}}\n" : "\n }}\n";
  return out;
}

}  // namespace

std::string history_change(std::optional<int> change) { return change ? star_change_text(*change) : "—"; }

std::string history_rise_span(const UnitHistory& u) {
  return u.longest_rise == 0 ? "" : span_text(u.longest_rise, u.rise_last);
}

bool history_not_submitted(const History& h) {
  for (const UnitHistory& u : h.units) {
    for (const HistoryYear& y : u.years) {
      if (y.not_submitted) return true;
    }
  }
  return false;
}

std::string history_years(const History& h) {
  return h.years.size() == 1 ? fmt::format("{}年", h.years.front())
                             : fmt::format("{}—{}年", h.years.front(), h.years.back());
}

std::string history_unit_name(const Assessment& a, const History& h, const UnitHistory& u) {
  const UnitRef ref{h.kind, u.unit};
  return display_name(a.roster.name_of(ref), a.roster.id_of(ref));
}

std::string history_title(const Assessment& a, const History& h) {
  const std::string who = h.one_unit ? history_unit_name(a, h, h.units.front()) : a.kind(h.kind).words.title;
  return fmt::format("{} {}历年星级（{}）", assessment_title(a), who, history_years(h));
}

bool history_has_stars(const Assessment& a, const History& h) { return a.scheme(h.kind).has_stars(); }

// 历年星级分布: units per star level, a column per year, as the report's 星级分布.
TextTable history_levels_table(const History& h) {
  TextTable t;
  t.column("星级");
  for (int y : h.years) t.column(fmt::to_string(y), true);
  for (int s = h.max_stars; s >= 0; --s) {
    t.row();
    t.cell(s == 0 ? "无星" : star_text(s, h.max_stars));
    for (const auto& levels : h.levels) t.cell(fmt::to_string(levels[static_cast<std::size_t>(s)]));
  }
  t.row();
  t.cell("合计");
  for (const auto& levels : h.levels) {
    std::size_t n = 0;
    for (std::size_t c : levels) n += c;
    t.cell(fmt::to_string(n));
  }
  return t;
}

// One unit: a row a year.
TextTable history_unit_table(const Assessment& a, const History& h) {
  const bool stars = history_has_stars(a, h);
  const UnitHistory& u = h.units.front();
  const bool absent = history_not_submitted(h);
  TextTable t;
  t.column("年度", true);
  t.fixed(t.column(a.kind(h.kind).words.final, true), a.precision);
  if (stars) t.whole_column("星级");
  t.column("排名", true);
  if (stars) t.whole_column("星级变化");
  if (absent) t.column("备注");
  for (const HistoryYear& y : u.years) {
    t.row();
    t.cell(fmt::to_string(y.year));
    t.cell(y.final.str());
    if (stars) t.cell(star_text(y.stars, h.max_stars));
    t.cell(fmt::to_string(y.rank));
    if (stars) t.cell(history_change(y.change));
    if (absent) t.cell(y.not_submitted ? "未报送" : "");
  }
  return t;
}

std::string history_rise_line(const UnitHistory& u) {
  if (u.longest_rise == 0) return "年年攀升：无";
  return fmt::format("年年攀升：最长连续{}年（{}年）", u.longest_rise, span_text(u.longest_rise, u.rise_last));
}

std::string history_levels_heading(const Assessment& a, const History& h) {
  return fmt::format("各星级{}数", a.kind(h.kind).words.title);
}

}  // namespace detail

std::string render_history(const Assessment& a, const History& h, Format format, std::size_t width) {
  std::ostringstream os;
  render_history(a, h, format, os, width);
  return std::move(os).str();
}

void render_history(const Assessment& a, const History& h, Format format, std::ostream& os, std::size_t width) {
  using namespace detail;
  std::string out;
  if (format == Format::html) {
    out = history_html(a, h);
  } else if (format == Format::json) {
    out = history_json(a, h);
  } else if (format == Format::csv) {
    render_csv(machine_table(h, a), out);
  } else {
    const bool md = format == Format::md;
    auto heading = [&](const std::string& text) {
      out += md ? fmt::format("\n## {}\n\n", text) : fmt::format("\n{}\n", text);
    };
    auto table = [&](const TextTable& t) { md ? render_markdown(t, out) : render_text(t, out, width); };
    out = md ? fmt::format("# {}\n", history_title(a, h)) : fmt::format("{}\n", history_title(a, h));
    if (h.one_unit) {
      out += "\n";
      table(history_unit_table(a, h));
      out += fmt::format("\n{}\n", history_rise_line(h.units.front()));
    } else {
      if (history_has_stars(a, h)) {
        heading(history_levels_heading(a, h));
        table(history_levels_table(h));
      }
      heading("历年得分与星级");
      table(units_table(a, h));
    }
  }
  os << out;
}

void write_history_xlsx(const Assessment& a, const History& h, AtomicFile& file) {
  using namespace detail;
  std::vector<Sheet> sheets;
  if (h.one_unit) {
    sheets.push_back({history_unit_name(a, h, h.units.front()),
                      {{"", history_unit_table(a, h), {history_rise_line(h.units.front())}}}});
  } else {
    if (history_has_stars(a, h)) sheets.push_back({history_levels_heading(a, h), {{"", history_levels_table(h), {}}}});
    sheets.push_back({"历年得分与星级", {{"", units_table(a, h), {}}}});
  }
  write_workbook(sheets, history_title(a, h), file);
}

}  // namespace xingji
