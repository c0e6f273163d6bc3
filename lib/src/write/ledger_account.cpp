// `ledger UNIT` (积分明细, spec 6): one unit's events to a date with what each cap took away,
// its ledger items' points, its total and rank, in every format.
#include <fmt/format.h>

#include <cmath>
#include <iterator>
#include <sstream>

#include "compute/words.hpp"
#include "write/columns.hpp"
#include "write/ledger_parts.hpp"
#include "write/table.hpp"
#include "write/xlsx.hpp"
#include "xingji/ledger.hpp"
#include "xingji/number.hpp"

namespace xingji {

namespace {

using detail::display_name;
using detail::points_text;

std::string unit_name(const Assessment& a, UnitRef ref) {
  return display_name(a.roster.name_of(ref), a.roster.id_of(ref));
}

std::string title(const Assessment& a, const LedgerAccount& acc) {
  return fmt::format("{} {}积分明细（{}）", detail::assessment_title(a), unit_name(a, acc.unit),
                     detail::until_text(acc.until));
}

// 编号 c0101，所在村 义丰村；合计24.00分，第3名（共36名）.
std::string summary_line(const Assessment& a, const LedgerAccount& acc) {
  std::string who = fmt::format("{} {}", a.kind(acc.unit.kind).words.title, a.roster.id_of(acc.unit));
  if (a.kind(acc.unit.kind).shape == KindShape::person) {
    const Village* v = a.roster.village_of(acc.unit);
    who += v == nullptr ? "，无所在村" : fmt::format("，所在村 {}", display_name(v->name(), v->id()));
  }
  return fmt::format("{}；合计{}分，第{}名（共{}名）", who, acc.shown.str(), acc.rank, acc.units);
}

// What the caps took from one event, in words: 月上限4分，核减2分；年度上限20分，核减2分.
std::string cuts_text(const Scheme& s, const LedgerEntry& e) {
  const LedgerRule& rule = *ledger_rule(s, e.event.item);
  const Item& it = s.items[static_cast<std::size_t>(e.event.item)];
  const double cap = it.kind == ItemKind::adjustment ? s.adjustments[static_cast<std::size_t>(it.index)].cap.value_or(0)
                                                     : s.nodes[static_cast<std::size_t>(it.index)].weight;
  std::vector<std::string> parts;
  auto add = [&](std::string_view what, double limit, double cut) {
    if (std::abs(cut) > 1e-9) parts.push_back(detail::ledger_cut_text(what, limit, std::abs(cut)));
  };
  add("月", rule.month.value_or(0), e.month_cut);
  add("季度", rule.quarter.value_or(0), e.quarter_cut);
  add("年度", rule.year.value_or(0), e.year_cut);
  add("项目", cap, e.item_cut);
  return fmt::format("{}", fmt::join(parts, "；"));
}

// For people: a row per event; for programs (`machine`) the cuts as numbers, one a column.
TextTable events_table(const Assessment& a, const LedgerAccount& acc, bool machine) {
  const Scheme& s = a.scheme(acc.unit.kind);
  TextTable t;
  if (machine) {
    for (const char* c :
         {"date", "item", "count", "points", "month_cut", "quarter_cut", "year_cut", "item_cut", "kept", "note"}) {
      t.column(c);
    }
  } else {
    t.whole_column("日期");
    t.column("项目");
    t.column("次数", true);
    t.fixed(t.column("计分", true), a.precision);
    t.column("核减");
    t.fixed(t.column("积分", true), a.precision);
    t.column("备注");
  }
  for (const LedgerEntry& e : acc.entries) {
    t.row();
    t.cell(e.event.date.str());
    t.cell(machine ? s.items[static_cast<std::size_t>(e.event.item)].id : detail::item_name(s, e.event.item));
    t.cell(format_number(e.event.count));
    t.cell(points_text(a, e.points));
    if (machine) {
      for (const double cut : {e.month_cut, e.quarter_cut, e.year_cut, e.item_cut}) t.cell(points_text(a, cut));
    } else {
      t.cell(cuts_text(s, e));
    }
    t.cell(points_text(a, e.kept));
    t.cell(e.event.note);
  }
  return t;
}

// The points of an item's events before any cap, with the item's sign.
double before_caps(const LedgerAccount& acc, const LedgerItemAccount& it) {
  double sum = 0;
  for (const LedgerEntry& e : acc.entries) {
    if (e.event.item == it.item) sum += e.points;
  }
  return sum;
}

// For people: a row per ledger item with its rule, and the total.
TextTable items_table(const Assessment& a, const LedgerAccount& acc) {
  const Scheme& s = a.scheme(acc.unit.kind);
  TextTable t;
  t.column("项目");
  t.column("规则");
  t.fixed(t.column("计分", true), a.precision);
  t.fixed(t.column("核减", true), a.precision);
  t.fixed(t.column("积分", true), a.precision);
  for (const LedgerItemAccount& it : acc.items) {
    const double raw = before_caps(acc, it);
    t.row();
    t.cell(detail::item_name(s, it.item));
    t.cell(detail::ledger_item_rule(s, it.item));
    t.cell(points_text(a, raw));
    t.cell(points_text(a, std::abs(raw) - std::abs(it.points)));
    t.cell(points_text(a, it.points));
  }
  t.row();
  t.cell("合计");
  t.cell("");
  t.cell("");
  t.cell("");
  t.cell(acc.shown.str());
  return t;
}

std::string account_json(const Assessment& a, const LedgerAccount& acc) {
  const Scheme& s = a.scheme(acc.unit.kind);
  std::string out;
  auto add = std::back_inserter(out);
  fmt::format_to(add, "{{\"until\": \"{}\", \"id\": {}, \"name\": {}, \"total\": {}, \"rank\": {},\n \"items\": [",
                 acc.until.str(), json_string(a.roster.id_of(acc.unit)), json_string(a.roster.name_of(acc.unit)),
                 acc.shown.str(), acc.rank);
  for (std::size_t l = 0; l < acc.items.size(); ++l) {
    const LedgerItemAccount& it = acc.items[l];
    const auto& item = s.items[static_cast<std::size_t>(it.item)];
    fmt::format_to(add, "{}{{\"id\": {}, \"name\": {}, \"before_caps\": {}, \"points\": {}}}", l ? ",\n  " : "\n  ",
                   json_string(item.id), json_string(detail::item_name(s, it.item)),
                   points_text(a, before_caps(acc, it)), points_text(a, it.points));
  }
  out += acc.items.empty() ? "],\n \"events\": [" : "\n ],\n \"events\": [";
  for (std::size_t k = 0; k < acc.entries.size(); ++k) {
    const LedgerEntry& e = acc.entries[k];
    fmt::format_to(add,
                   "{}{{\"date\": \"{}\", \"item\": {}, \"count\": {}, \"points\": {}, \"month_cut\": {}, "
                   "\"quarter_cut\": {}, \"year_cut\": {}, \"item_cut\": {}, \"kept\": {}, \"note\": {}}}",
                   k ? ",\n  " : "\n  ", e.event.date.str(),
                   json_string(s.items[static_cast<std::size_t>(e.event.item)].id), format_number(e.event.count),
                   points_text(a, e.points), points_text(a, e.month_cut), points_text(a, e.quarter_cut),
                   points_text(a, e.year_cut), points_text(a, e.item_cut), points_text(a, e.kept),
                   e.event.note.empty() ? "null" : json_string(e.event.note));
  }
  out += acc.entries.empty() ? "]}\n" : "\n ]}\n";
  return out;
}

}  // namespace

std::string render_ledger_account(const Assessment& a, const LedgerAccount& acc, Format format, std::size_t width) {
  std::ostringstream os;
  render_ledger_account(a, acc, format, os, width);
  return std::move(os).str();
}

void render_ledger_account(const Assessment& a, const LedgerAccount& acc, Format format, std::ostream& os,
                           std::size_t width) {
  std::string out;
  if (format == Format::json) {
    out = account_json(a, acc);
  } else if (format == Format::csv) {
    render_csv(events_table(a, acc, true), out);
  } else {
    const bool md = format == Format::md;
    auto heading = [&](const std::string& text) {
      out += md ? fmt::format("\n## {}\n\n", text) : fmt::format("\n{}\n", text);
    };
    auto table = [&](const TextTable& t) { md ? render_markdown(t, out) : render_text(t, out, width); };
    out = md ? fmt::format("# {}\n\n{}\n", title(a, acc), summary_line(a, acc))
             : fmt::format("{}\n{}\n", title(a, acc), summary_line(a, acc));
    heading("积分事项");
    if (acc.entries.empty()) {
      out += fmt::format("{}年截至该日无记录\n", acc.until.year);
    } else {
      table(events_table(a, acc, false));
    }
    heading("积分汇总");
    table(items_table(a, acc));
  }
  os << out;
}

void write_ledger_account_xlsx(const Assessment& a, const LedgerAccount& acc, AtomicFile& file) {
  std::vector<detail::Sheet> sheets;
  sheets.push_back({"积分事项", {{"", events_table(a, acc, false), {}}}});
  sheets.push_back({"积分汇总", {{"", items_table(a, acc), {summary_line(a, acc)}}}});
  detail::write_workbook(sheets, title(a, acc), file);
}

}  // namespace xingji
