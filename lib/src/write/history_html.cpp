// `history --format html`: the history as one self-contained page to read on screen or print
// on A4. The Markdown's content, with a stacked chart of the units per star level per year
// and, per unit, a small column chart of its final score over the years beside its rows.
// One unit: its years, with a larger chart of them.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "write/charts.hpp"
#include "write/history.hpp"
#include "write/html.hpp"
#include "xingji/run.hpp"

namespace xingji::detail {

namespace {

// Above this many units a chart per unit is drawn only for the first and the last half of it
// in rank order (as the report draws the top and the bottom): 600 units' charts would make
// the page several times the size of its table and no easier to read. The table lists all.
constexpr std::size_t kCharted = 200;

// A table of more rows starts on a new printed page, as the report's long rankings do.
constexpr std::size_t kShortTable = 15;

// What the history adds to the report's style sheet: a unit's rows (a tbody) never split
// across pages and are set apart by a heavier line; its chart sits in the middle of them;
// rows a little denser than the report's, since there is a row per unit and year.
constexpr const char* kHistoryStyle = R"(<style>
table.years td { vertical-align: middle; padding-top: 0.4mm; padding-bottom: 0.4mm; line-height: 1.3; }
table.years tbody { break-inside: avoid; }
table.years tbody + tbody tr:first-child > td { border-top: 1.5pt solid #333; }
td.name { font-weight: bold; }
td.trend { padding: 0.5mm 1mm; }
svg.spark { display: block; margin: 0 auto; }
p.note { font-size: 9pt; color: #333; margin: 1mm 0; }
td.none { font-size: 8pt; color: #555; text-align: center; }
</style>
)";

void element(std::string& out, std::string_view open, std::string_view text, std::string_view close) {
  out += open;
  append_html_escaped(out, text);
  out += close;
}

// How the page's figures are read: the precision, what a change and a run compare.
std::string intro(const Assessment& a, const History& h) {
  const Kind& k = a.kind(h.kind);
  std::string out = fmt::format("<p><strong>{}</strong>：", history_years(h));
  if (h.one_unit) {
    out += fmt::format("排名为在全部{}个{}中的名次。", a.roster.size(h.kind), k.words.title);
  } else {
    out += fmt::format("{}个{}。", h.units.size(), k.words.title);
  }
  out += fmt::format("每年的{}{}和排名与当年的评定结果相同（得分保留{}位小数）", k.words.final,
                     history_has_stars(a, h) ? "、星级" : "", a.precision);
  // A single year compares nothing.
  if (h.years.size() > 1) {
    if (history_has_stars(a, h)) out += "；晋星、降星只与上一年相比";
    out += "；年年攀升是得分连续高于上一年的最多年数";
  }
  out += "。";
  if (history_not_submitted(h)) out += "未报送的年度按规则计分，不与前后年比较。";
  out += "</p>\n";
  return out;
}

// How the charts of final scores are read.
std::string chart_note(const Assessment& a, const History& h, bool stars) {
  const Kind& k = a.kind(h.kind);
  return fmt::format("<p class=\"note\">{}：各年{}的柱形，从0起{}{}{}。</p>\n", h.one_unit ? "图" : "走势",
                     k.words.final, h.one_unit ? "" : fmt::format("，各{}同一比例", k.words.title),
                     stars ? "；颜色越深，星级越高" : "", history_not_submitted(h) ? "；未报送的年度空缺" : "");
}

// The fill of a year's column: darker for more stars, as the report's charts.
std::string fill_of(const History& h, bool stars, const HistoryYear& y) {
  return stars ? ramp(h.max_stars - std::clamp(y.stars, 0, h.max_stars), h.max_stars + 1) : ColumnBar{}.fill;
}

std::vector<ColumnBar> columns_of(const History& h, bool stars, const UnitHistory& u) {
  std::vector<ColumnBar> columns;
  for (const HistoryYear& y : u.years) {
    if (y.not_submitted) {
      columns.push_back(ColumnBar{fmt::to_string(y.year), 0, "未报送", "", true});
    } else {
      columns.push_back(ColumnBar{fmt::to_string(y.year), y.final.value(), y.final.str(), fill_of(h, stars, y)});
    }
  }
  return columns;
}

// 各星级村数: a stacked bar per year, then the table.
std::string levels_section(const Assessment& a, const History& h) {
  std::vector<std::string> parts;
  for (int s = h.max_stars; s >= 0; --s) parts.push_back(s == 0 ? "无星" : fmt::format("{}星", s));
  std::vector<Stack> stacks;
  for (std::size_t k = 0; k < h.years.size(); ++k) {
    Stack st{fmt::format("{}年", h.years[k]), {}};
    for (int s = h.max_stars; s >= 0; --s)
      st.values.push_back(static_cast<double>(h.levels[k][static_cast<std::size_t>(s)]));
    stacks.push_back(std::move(st));
  }
  const std::string heading = history_levels_heading(a, h);
  std::string out = "<section>\n";
  element(out, "<h2>", heading, "</h2>\n");
  out += "<figure>\n";
  out += stack_chart(fmt::format("{}：历年各星级数量", a.kind(h.kind).words.title), parts, stacks);
  out += "</figure>\n";
  render_html(history_levels_table(h), out);
  out += "</section>\n";
  return out;
}

// 历年得分与星级: a tbody per unit, a row per year; the unit's name, its run of rises and its
// chart span its rows.
std::string units_section(const Assessment& a, const History& h, bool new_page) {
  const Kind& k = a.kind(h.kind);
  const bool stars = history_has_stars(a, h), absent = history_not_submitted(h);
  const std::size_t n = h.units.size();
  const bool capped = n > kCharted;
  const auto charted = [&](std::size_t i) { return !capped || i < kCharted / 2 || i >= n - kCharted / 2; };
  // One scale and one slot width for every chart, so that the column of charts reads as one.
  double full = 0, slot_em = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (const HistoryYear& y : h.units[i].years) {
      if (y.not_submitted) {
        if (charted(i)) slot_em = std::max(slot_em, text_em("未报送"));
        continue;
      }
      full = std::max(full, y.final.value());
      if (charted(i)) slot_em = std::max({slot_em, text_em(y.final.str()), text_em(fmt::to_string(y.year))});
    }
  }
  std::string out = new_page ? "<section class=\"long\">\n" : "<section>\n";
  out += "<h2>历年得分与星级</h2>\n";
  out += chart_note(a, h, stars);
  if (capped) {
    out += fmt::format("<p class=\"note\">共{0}个{1}，表中全部列出；走势图只画最新年度排名前{2}和后{2}的{1}。</p>\n", n,
                       k.words.title, kCharted / 2);
  }
  out += "<table class=\"years\">\n<thead><tr>";
  element(out, "<th>", k.words.title, "</th>");
  out += "<th class=\"n\">年度</th>";
  element(out, "<th class=\"n\">", k.words.final, "</th>");
  if (stars) out += "<th>星级</th>";
  out += "<th class=\"n\">排名</th>";
  if (stars) out += "<th>星级变化</th>";
  if (absent) out += "<th>备注</th>";
  out += "<th>年年攀升</th><th>走势</th></tr></thead>\n";
  auto add = std::back_inserter(out);
  for (std::size_t i = 0; i < n; ++i) {
    const UnitHistory& u = h.units[i];
    const std::size_t rows = u.years.size();
    const std::string name = history_unit_name(a, h, u);
    for (std::size_t r = 0; r < rows; ++r) {
      const HistoryYear& y = u.years[r];
      out += r == 0 ? "<tbody>\n<tr>" : "<tr>";
      if (r == 0) {
        fmt::format_to(add, "<td class=\"name\" rowspan=\"{}\">", rows);
        element(out, "", name, "</td>");
      }
      fmt::format_to(add, "<td class=\"n\">{}</td><td class=\"n\">{}</td>", y.year, y.final.str());
      if (stars) fmt::format_to(add, "<td class=\"stars\">{}</td>", star_text(y.stars, h.max_stars));
      fmt::format_to(add, "<td class=\"n\">{}</td>", y.rank);
      if (stars) fmt::format_to(add, "<td>{}</td>", history_change(y.change));
      if (absent) out += y.not_submitted ? "<td>未报送</td>" : "<td></td>";
      if (r == 0) {
        fmt::format_to(add, "<td rowspan=\"{}\">", rows);
        out += u.longest_rise == 0 ? "无" : fmt::format("{}年<br>{}", u.longest_rise, history_rise_span(u));
        if (charted(i)) {
          fmt::format_to(add, "</td><td class=\"trend\" rowspan=\"{}\">\n", rows);
          out +=
              column_chart(fmt::format("{}历年{}", name, k.words.final), columns_of(h, stars, u), full, slot_em, true);
        } else {
          // Said where the chart would be: an empty cell would read as a unit without data.
          fmt::format_to(add, "</td><td class=\"trend none\" rowspan=\"{}\">只画排名前、后{}名", rows, kCharted / 2);
        }
        out += "</td>";
      }
      out += "</tr>\n";
    }
    out += "</tbody>\n";
  }
  out += "</table>\n</section>\n";
  return out;
}

// One unit: a chart of its years, the table of the Markdown and its run of rises.
std::string unit_section(const Assessment& a, const History& h) {
  const UnitHistory& u = h.units.front();
  const Kind& k = a.kind(h.kind);
  std::string out = "<section>\n<figure>\n";
  const bool stars = history_has_stars(a, h);
  out += column_chart(fmt::format("{}历年{}", history_unit_name(a, h, u), k.words.final), columns_of(h, stars, u));
  out += "</figure>\n";
  out += chart_note(a, h, stars);
  render_html(history_unit_table(a, h), out);
  element(out, "<p>", history_rise_line(u), "</p>\n");
  out += "</section>\n";
  return out;
}

}  // namespace

std::string history_html(const Assessment& a, const History& h) {
  const std::string title = history_title(a, h);
  std::string out = html_begin(title, fmt::format("{}{}", document_style(), kHistoryStyle));
  element(out, "<h1 class=\"index\">", title, "</h1>\n");
  out += intro(a, h);
  if (h.one_unit) {
    out += unit_section(a, h);
  } else {
    const bool levels = history_has_stars(a, h);
    if (levels) out += levels_section(a, h);
    std::size_t rows = 0;
    for (const UnitHistory& u : h.units) rows += u.years.size();
    out += units_section(a, h, levels && rows > kShortTable);
  }
  out += html_end();
  return out;
}

}  // namespace xingji::detail
