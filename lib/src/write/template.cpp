// Data-entry templates (填报模板, spec 8): a row per unit in roster order, a column per item
// that takes plain data, headed name（id） as the data readers resolve it (spec 5).
#include "xingji/template.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <limits>
#include <memory>
#include <unordered_map>

#include "base/i18n.hpp"
#include "base/text.hpp"
#include "compute/words.hpp"
#include "write/columns.hpp"
#include "write/table.hpp"
#include "write/xlsx.hpp"
#include "xingji/number.hpp"

namespace xingji {

namespace {

using detail::display_name;

// An item of the template: its column's header, rule and what may be written in it.
struct Column {
  int item = -1;
  std::string header;  // name（id）
  std::string name;
  std::string unit;
  std::string rule;
  std::string allowed;               // in words
  std::vector<std::string> choices;  // a list to choose from (是/否, a leaf's levels)
  std::optional<double> lowest, highest;
};

// The items a template asks for: the year's plain values (leaves, adjustments, vetoes), or
// with a quarter the quarterly leaves; never ballots, which come as rows of their own, nor
// what ledgers or links give (spec 6).
std::vector<Column> item_columns(const Scheme& s, int quarter) {
  std::vector<Column> out;
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    const Item& it = s.items[i];
    if (!s.from_data(i)) continue;
    Column c;
    c.item = static_cast<int>(i);
    const auto at = static_cast<std::size_t>(it.index);
    switch (it.kind) {
      case ItemKind::quarter:
        continue;
      case ItemKind::leaf: {
        const Indicator& n = s.nodes[at];
        if (it.rated || (it.quarter_item >= 0) != (quarter != 0)) continue;
        c.name = display_name(n.name, n.id);
        c.unit = n.unit;
        c.rule = detail::leaf_rule_text(n, nullptr, std::numeric_limits<double>::quiet_NaN());
        if (it.quarter_item >= 0) c.rule += "（按季度填报）";
        if (it.labelled) {
          for (const auto& l : n.scoring.levels) c.choices.push_back(l.text);
        }
        break;
      }
      case ItemKind::adjustment: {
        if (quarter != 0) continue;
        const Adjustment& adj = s.adjustments[at];
        c.name = display_name(adj.name, adj.id);
        c.rule = fmt::format("{}：每项{}分{}", adj.bonus ? "加分" : "扣分", format_number(adj.per),
                             adj.cap ? fmt::format("，最多{}分", format_number(*adj.cap)) : "");
        break;
      }
      case ItemKind::veto: {
        if (quarter != 0) continue;
        const Veto& v = s.vetoes[at];
        c.name = display_name(v.name, v.id);
        c.rule = fmt::format("一票否决：是则最高{}星", v.max_stars);
        break;
      }
    }
    c.header = c.name == it.id ? it.id : fmt::format("{}（{}）", c.name, it.id);
    if (it.boolean) c.choices = {"是", "否"};
    c.lowest = it.lowest;
    c.highest = it.highest;
    if (!c.choices.empty()) {
      c.allowed = fmt::format("{}", fmt::join(c.choices, "、"));
    } else if (c.lowest && c.highest) {
      c.allowed = fmt::format("{}到{}之间的数", format_number(*c.lowest), format_number(*c.highest));
    } else if (c.lowest && *c.lowest == 0) {
      c.allowed = "0或正数";
    } else {
      c.allowed = "数";
    }
    if (c.unit == "%") c.allowed += "（可写95或95%）";
    out.push_back(std::move(c));
  }
  return out;
}

// The whole sheet: the header, and a row per unit with its id, name, roster fields and period.
struct Layout {
  std::vector<std::string> header;
  std::size_t fixed = 0;  // columns before the items
  std::vector<std::vector<std::string>> rows;
  std::vector<Column> items;
};

std::string period_text(const TemplateOptions& o) {
  return o.quarter != 0 ? fmt::format("{}Q{}", o.year, o.quarter) : std::to_string(o.year);
}

Layout sheet_of(const Assessment& a, const TemplateOptions& o, const TemplateFile& file) {
  const Kind& kind = a.kind(o.kind);
  Layout sh;
  sh.items = item_columns(*kind.scheme, o.quarter);
  sh.header = {"编号", "名称"};
  // The roster's own fields that any unit has, as the data readers skip them (spec 5).
  std::vector<std::string> fields;
  for (const auto& f : kind.fields) {
    for (const int u : file.units) {
      const auto v = a.roster.field(UnitRef{o.kind, u}, f);
      if (v && !v->empty()) {
        fields.push_back(f);
        break;
      }
    }
  }
  for (const auto& f : fields) sh.header.push_back(detail::field_title(f));
  sh.header.emplace_back(o.quarter != 0 ? "季度" : "年度");
  sh.fixed = sh.header.size();
  for (const auto& c : sh.items) sh.header.push_back(c.header);
  for (const int u : file.units) {
    const UnitRef ref{o.kind, u};
    std::vector<std::string> row{std::string(a.roster.id_of(ref)), std::string(a.roster.name_of(ref))};
    for (const auto& f : fields) {
      std::string v(a.roster.field(ref, f).value_or(""));
      // An alliance or a village by its name: the column is for people, and the readers skip it.
      if ((f == "alliance" || f == "village") && !v.empty()) {
        if (const auto al = a.roster.find(v)) v = std::string(a.roster.name_of(*al));
      }
      row.push_back(std::move(v));
    }
    row.push_back(period_text(o));
    sh.rows.push_back(std::move(row));
  }
  return sh;
}

// ---- xlsx ------------------------------------------------------------------------------

// A column wide enough for its widest text, Chinese counted two wide.
double width_of(const std::vector<std::string>& texts) {
  std::size_t w = 0;
  for (const auto& t : texts) w = std::max(w, display_width(t));
  return detail::column_width(w);
}

void check(lxw_error e, const AtomicFile& out) {
  if (e != LXW_NO_ERROR) detail::fail(out, e);
}

void write_data_sheet(lxw_workbook* wb, const Layout& sh, const std::string& name, const AtomicFile& out) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_text_wrap(head);
  format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");  // ids stay text, also when typed again
  const auto rows = static_cast<lxw_row_t>(sh.rows.size());
  for (std::size_t c = 0; c < sh.header.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    // The fixed columns as wide as their texts; an item's header wraps over its column.
    std::vector<std::string> texts{c < sh.fixed ? sh.header[c] : std::string()};
    for (const auto& r : sh.rows) {
      if (c < r.size()) texts.push_back(r[c]);
    }
    const double width = c < sh.fixed ? width_of(texts) : 14;
    check(worksheet_set_column(ws, col, col, width, c + 1 < sh.fixed ? text : nullptr), out);
    check(worksheet_write_string(ws, 0, col, sh.header[c].c_str(), head), out);
  }
  check(worksheet_set_row(ws, 0, 48, nullptr), out);
  for (std::size_t r = 0; r < sh.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < sh.rows[r].size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const std::string& v = sh.rows[r][c];
      if (v.empty()) continue;
      // The period is a number (2024) or text (2024Q1); ids, names and fields are text.
      if (c + 1 == sh.fixed && v.find('Q') == std::string::npos) {
        check(worksheet_write_number(ws, row, col, std::stod(v), nullptr), out);
      } else {
        check(worksheet_write_string(ws, row, col, v.c_str(), text), out);
      }
    }
  }
  for (std::size_t k = 0; k < sh.items.size(); ++k) {
    const Column& c = sh.items[k];
    const auto col = static_cast<lxw_col_t>(sh.fixed + k);
    std::string note = c.name;
    if (!c.unit.empty()) note += fmt::format("\n单位：{}", c.unit);
    note += fmt::format("\n规则：{}\n填写：{}", c.rule, c.allowed);
    lxw_comment_options opts{};
    opts.width = 260;
    opts.height = 110;
    check(worksheet_write_comment_opt(ws, 0, col, note.c_str(), &opts), out);
    // A percent leaf also takes 95%, which a number rule would refuse.
    if (rows == 0 || c.unit == "%") continue;
    lxw_data_validation v{};
    std::vector<char*> list;
    std::string error = fmt::format("请填写{}", c.allowed);
    v.error_title = const_cast<char*>("填写有误");
    v.error_message = error.data();
    std::size_t list_chars = 0;
    for (const auto& s : c.choices) list_chars += s.size() + 1;
    if (!c.choices.empty() && list_chars <= 255) {
      v.validate = LXW_VALIDATION_TYPE_LIST;
      for (const auto& s : c.choices) list.push_back(const_cast<char*>(s.c_str()));
      list.push_back(nullptr);
      v.value_list = list.data();
    } else if (c.choices.empty() && c.lowest && c.highest) {
      v.validate = LXW_VALIDATION_TYPE_DECIMAL;
      v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      v.minimum_number = *c.lowest;
      v.maximum_number = *c.highest;
    } else if (c.choices.empty() && c.lowest) {
      v.validate = LXW_VALIDATION_TYPE_DECIMAL;
      v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
      v.value_number = *c.lowest;
    } else {
      continue;  // any number
    }
    check(worksheet_data_validation_range(ws, 1, col, rows, col, &v), out);
  }
  // The cells to fill in, framed as on a paper form.
  lxw_format* input = workbook_add_format(wb);
  format_set_border(input, LXW_BORDER_THIN);
  format_set_border_color(input, 0xBFBFBF);
  for (lxw_row_t r = 1; r <= rows; ++r) {
    for (std::size_t k = 0; k < sh.items.size(); ++k) {
      check(worksheet_write_blank(ws, r, static_cast<lxw_col_t>(sh.fixed + k), input), out);
    }
  }
  worksheet_freeze_panes(ws, 1, 2);
  // Printed on A4 across, one page wide, the header on every page.
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);
  worksheet_fit_to_pages(ws, 1, 0);
  check(worksheet_repeat_rows(ws, 0, 0), out);
}

// The columns of 填表说明: 指标, 编号, 单位, 计分规则, 填写要求.
constexpr std::size_t kRuleWidths[] = {24, 14, 8, 56, 30};

void write_rules_sheet(lxw_workbook* wb, const Assessment& a, const TemplateOptions& o, const Layout& sh,
                       const AtomicFile& out) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "填表说明");
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  const std::string heading = fmt::format("{} {} 数据填报说明", detail::display_name(a.name, "考评"), period_text(o));
  check(worksheet_write_string(ws, 0, 0, heading.c_str(), title), out);
  const std::vector<std::string> notes = {
      "1. 每个单位一行，编号、名称和年度（季度）已填好，请不要修改，也不要增删行。",
      "2. 每个指标一列，按下表的要求填写；没有的留空，不要填“无”或“/”。",
      "3. 数字只填数字，不带单位和千分位逗号；是否题填“是”或“否”。",
      "4. 表头的批注写明了单位和计分规则。填好后保存为 .xlsx 交回。",
  };
  for (std::size_t i = 0; i < notes.size(); ++i) {
    check(worksheet_write_string(ws, static_cast<lxw_row_t>(i + 1), 0, notes[i].c_str(), nullptr), out);
  }
  const auto top = static_cast<lxw_row_t>(notes.size() + 2);
  const std::vector<std::string> header = {"指标", "编号", "单位", "计分规则", "填写要求"};
  for (std::size_t c = 0; c < header.size(); ++c) {
    check(worksheet_write_string(ws, top, static_cast<lxw_col_t>(c), header[c].c_str(), head), out);
  }
  const Scheme& s = a.scheme(o.kind);
  for (std::size_t k = 0; k < sh.items.size(); ++k) {
    const Column& c = sh.items[k];
    const auto row = static_cast<lxw_row_t>(top + 1 + k);
    const std::vector<std::string> cells = {c.name, s.items[static_cast<std::size_t>(c.item)].id, c.unit, c.rule,
                                            c.allowed};
    std::size_t lines = 1;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      check(worksheet_write_string(ws, row, static_cast<lxw_col_t>(i), cells[i].c_str(), wrap), out);
      // A spreadsheet does not grow a row for wrapped text it did not lay out itself.
      lines = std::max(lines, (display_width(cells[i]) + kRuleWidths[i] - 3) / (kRuleWidths[i] - 2));
    }
    check(worksheet_set_row(ws, row, 15.0 * static_cast<double>(lines), nullptr), out);
  }
  for (lxw_col_t c = 0; c < 5; ++c) {
    check(worksheet_set_column(ws, c, c, static_cast<double>(kRuleWidths[c]), nullptr), out);
  }
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);
  worksheet_fit_to_pages(ws, 1, 0);
}

}  // namespace

std::vector<TemplateFile> template_files(const Assessment& a, const TemplateOptions& o) {
  const Kind& kind = a.kind(o.kind);
  if (!kind.rated()) {
    throw Error(Location{a.manifest, 0, 0},
                _f("{} are not rated (the manifest names no {} scheme), so there is no data to fill in",
                   tr(kind.words.plural), tr(kind.words.noun)));
  }
  if (o.quarter != 0 && item_columns(*kind.scheme, o.quarter).empty()) {
    throw Error(Location{kind.scheme->file, 0, 0},
                _f("no item of the {} scheme is filled in by quarter (`per: quarter`), so a sheet for {}Q{} would "
                   "have no column to fill: leave out --period for the year's sheet",
                   tr(kind.words.noun), o.year, o.quarter));
  }
  const std::size_t n = a.roster.size(o.kind);
  if (o.by.empty()) {
    TemplateFile all;
    for (std::size_t u = 0; u < n; ++u) all.units.push_back(static_cast<int>(u));
    return {all};
  }
  if (kind.fields.empty()) {
    throw Error(
        Location{"--by", 0, 0},
        _f("{} have no roster field to group by: leave out --by for one file of them all", tr(kind.words.plural)));
  }
  if (std::find(kind.fields.begin(), kind.fields.end(), o.by) == kind.fields.end()) {
    throw Error(Location{"--by", 0, 0}, _f("{} have no field '{}' (they have: {})", tr(kind.words.plural), o.by,
                                           fmt::join(kind.fields, _(", "))));
  }
  std::vector<TemplateFile> files;
  std::unordered_map<std::string, std::size_t> at;
  for (std::size_t u = 0; u < n; ++u) {
    std::string v(a.roster.field(UnitRef{o.kind, static_cast<int>(u)}, o.by).value_or(""));
    if (o.by == "alliance" && !v.empty()) {
      if (const auto al = a.roster.find(v)) v = std::string(a.roster.name_of(*al));
    }
    auto [it, fresh] = at.emplace(v, files.size());
    if (fresh) files.push_back(TemplateFile{v, {}});
    files[it->second].units.push_back(static_cast<int>(u));
  }
  return files;
}

void write_template_csv(const Assessment& a, const TemplateOptions& o, const TemplateFile& file, std::ostream& out) {
  const Layout sh = sheet_of(a, o, file);
  TextTable t;
  for (const auto& h : sh.header) t.column(h);
  for (const auto& r : sh.rows) {
    t.row();
    for (const auto& c : r) t.cell(c);
    for (std::size_t k = 0; k < sh.items.size(); ++k) t.cell("");
  }
  std::string text = "\xEF\xBB\xBF";  // Excel in China reads a CSV without it as GBK
  render_csv(t, text);
  out << text;
}

void write_template_xlsx(const Assessment& a, const TemplateOptions& o, const TemplateFile& file, AtomicFile& out) {
  const Layout sh = sheet_of(a, o, file);
  detail::Workbook wb =
      detail::new_workbook(fmt::format("{} {} 数据填报", detail::display_name(a.name, "考评"), period_text(o)), out);
  write_data_sheet(wb.get(), sh, period_text(o) + (o.quarter != 0 ? "" : "年"), out);
  write_rules_sheet(wb.get(), a, o, sh, out);
  detail::close_workbook(std::move(wb), out);
}

}  // namespace xingji
