// The yearly report as one HTML document (`report --format html`): the sections of the
// Markdown report, as tables and paragraphs, with charts drawn as inline SVG where they help.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <iterator>
#include <map>

#include "compute/words.hpp"
#include "write/charts.hpp"
#include "write/columns.hpp"
#include "write/html.hpp"
#include "write/report.hpp"

namespace xingji::detail {

namespace {

// Units in a chart of the top and of the bottom.
constexpr std::size_t kEnds = 10;

// Inline Markdown of one line: `code` and **bold**, the rest escaped.
void inline_md(std::string& out, std::string_view line) {
  bool code = false, bold = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '`') {
      out += code ? "</code>" : "<code>";
      code = !code;
    } else if (!code && line.substr(i, 2) == "**") {
      out += bold ? "</strong>" : "<strong>";
      bold = !bold;
      ++i;
    } else {
      append_html_escaped(out, line.substr(i, 1));
    }
  }
  if (code) out += "</code>";
  if (bold) out += "</strong>";
}

double number(const std::string& cell) {
  double v = 0;
  std::from_chars(cell.data(), cell.data() + cell.size(), v);
  return v;
}

void figure(std::string& out, const std::string& svg) {
  out += "<figure>\n";
  out += svg;
  out += "</figure>\n";
}

// 星级分布: a chart per kind of units per star level, most stars first and darkest.
std::string star_charts(const Run& run) {
  std::string out;
  for (const UnitKind kind : report_kinds(run)) {
    const Kind& k = run.assessment.kind(kind);
    const int max = k.scheme->max_stars();
    std::vector<std::size_t> counts(static_cast<std::size_t>(max) + 1);
    for (const auto& r : run.eval.of(kind).units) ++counts[static_cast<std::size_t>(std::clamp(r.stars, 0, max))];
    std::vector<Bar> bars;
    for (int s = max; s >= 0; --s) {
      const std::size_t n = counts[static_cast<std::size_t>(s)];
      bars.push_back(Bar{s == 0 ? "无星" : star_text(s, max), static_cast<double>(n), fmt::format("{}个", n),
                         ramp(max - s, max + 1)});
    }
    figure(out, bar_chart(fmt::format("{}：各星级数量", k.words.title), bars));
  }
  return out;
}

// 按乡镇汇总 and 按县汇总: mean final score and units per star level per place (a roster
// field), best mean first; at most the kListed best and the kListed worst.
std::string place_charts(const Run& run, UnitKind kind, const std::string& field) {
  const Kind& k = run.assessment.kind(kind);
  const int max = k.scheme->max_stars();
  const std::string place = field_title(field);
  std::string note;
  TextTable t = place_table(run, kind, field, false, 0, note);
  std::stable_sort(t.rows.begin(), t.rows.end(),
                   [](const auto& x, const auto& y) { return number(x[2]) > number(y[2]); });
  // Too many to draw: the best and the worst, and between them a line saying how many are left out.
  const std::size_t all = t.rows.size(), left_out = all > 2 * kListed ? all - 2 * kListed : 0;
  const std::string which = left_out > 0 ? fmt::format("（平均得分最高和最低的各{}个）", kListed) : "";
  std::vector<Bar> means;
  std::vector<Stack> stacks;
  std::vector<std::string> parts;
  for (int s = max; s >= 0; --s) parts.push_back(s == 0 ? "无星" : fmt::format("{}星", s));
  for (std::size_t i = 0; i < all; ++i) {
    if (left_out > 0 && i == kListed) {
      const std::string gap = fmt::format("……（另{}个）", left_out);
      means.push_back(Bar{gap, 0, ""});
      stacks.push_back(Stack{gap, {}});
      i += left_out - 1;
      continue;
    }
    const auto& row = t.rows[i];
    means.push_back(Bar{row[0], number(row[2]), row[2]});
    Stack st{row[0], {}};
    for (std::size_t c = 3; c < 3 + parts.size() && c < row.size(); ++c) st.values.push_back(number(row[c]));
    stacks.push_back(std::move(st));
  }
  std::string out;
  figure(out, bar_chart(fmt::format("各{}{}平均得分{}", place, k.words.title, which), means));
  figure(out, stack_chart(fmt::format("各{}{}星级构成{}", place, k.words.title, which), parts, stacks));
  return out;
}

// The top and the bottom of a kind by final score (all of them when few), and the changes in
// stars since last year.
std::string ranking_charts(const Run& run, UnitKind kind) {
  const auto& a = run.assessment;
  const Kind& k = a.kind(kind);
  const int max = k.scheme->max_stars();
  const KindResult& result = run.eval.of(kind);
  const Ranking& ranking = result.ranking;
  const auto bars_of = [&](std::size_t from, std::size_t to) {
    std::vector<Bar> bars;
    for (std::size_t i = from; i < to; ++i) {
      const auto& p = ranking[i];
      const UnitRef ref{kind, p.unit};
      const UnitScore& r = result.units[static_cast<std::size_t>(p.unit)];
      bars.push_back(Bar{fmt::format("{} {}", p.rank, display_name(a.roster.name_of(ref), a.roster.id_of(ref))),
                         r.shown.value(), fmt::format("{} {}", r.shown.str(), star_text(r.stars, max)),
                         ramp(max - std::clamp(r.stars, 0, max), max + 1)});
    }
    return bars;
  };
  std::string out;
  if (ranking.size() <= 2 * kEnds) {
    figure(out, bar_chart(fmt::format("{}{}", k.words.title, k.words.final), bars_of(0, ranking.size())));
  } else {
    // One scale for both, the top's: the bottom's bars are as short as they are.
    const std::vector<Bar> top = bars_of(0, kEnds);
    figure(out, bar_chart(fmt::format("{}{}前{}名", k.words.title, k.words.final, kEnds), top));
    figure(out, bar_chart(fmt::format("{}{}后{}名", k.words.title, k.words.final, kEnds),
                          bars_of(ranking.size() - kEnds, ranking.size()), top.front().value));
  }
  if (run.previous && run.previous->of(kind).units.size() == result.units.size()) {
    std::map<int, std::size_t, std::greater<>> changes;
    const auto& before = run.previous->of(kind).units;
    for (std::size_t u = 0; u < result.units.size(); ++u) ++changes[result.units[u].stars - before[u].stars];
    changes.try_emplace(0, 0);
    std::vector<Bar> bars;
    for (const auto& change : changes) {
      bars.push_back(Bar{star_change_text(change.first), static_cast<double>(change.second),
                         fmt::format("{}个", change.second),
                         change.first > 0    ? ramp(0, 3)
                         : change.first == 0 ? ramp(1, 3)
                                             : ramp(2, 3)});
    }
    figure(out, bar_chart(fmt::format("{}星级较{}年变化", k.words.title, run.eval.year - 1), bars));
  }
  return out;
}

// Units a rule held back from the stars their score reaches, per rule, for each kind with any.
std::string held_charts(const Run& run) {
  std::string out;
  for (const UnitKind kind : report_kinds(run)) {
    std::map<Decided, std::size_t> held;
    for (const auto& r : run.eval.of(kind).units) {
      if (r.star_rule != Decided::score) ++held[r.star_rule];
    }
    if (held.empty()) continue;
    std::vector<Bar> bars;
    for (const auto& h : held)
      bars.push_back(Bar{rule_title(h.first), static_cast<double>(h.second), fmt::format("{}个", h.second)});
    figure(out, bar_chart(fmt::format("{}：因规则评定较低的单位数", run.assessment.kind(kind).words.title), bars));
  }
  return out;
}

}  // namespace

void append_markdown_html(std::string& out, std::string_view md) {
  bool list = false;
  std::size_t from = 0;
  while (from < md.size()) {
    const std::size_t end = std::min(md.find('\n', from), md.size());
    const std::string_view line = md.substr(from, end - from);
    from = end + 1;
    if (line.empty()) continue;
    const bool item = line.starts_with("- ");
    if (item && !list) out += "<ul>\n";
    if (!item && list) out += "</ul>\n";
    list = item;
    out += item ? "<li>" : "<p>";
    inline_md(out, item ? line.substr(2) : line);
    out += item ? "</li>\n" : "</p>\n";
  }
  if (list) out += "</ul>\n";
}

std::string report_html(const Run& run) {
  const ReportOut report = build_report(run, true);
  const std::string title = std::string(assessment_title(run.assessment));
  std::string out = html_begin(title, document_style());
  out += "<h1 class=\"index\">";
  append_html_escaped(out, title);
  out += "</h1>\n";
  out += report.html_head;
  // Charts go into the section they illustrate; the held-back ones, without a section of
  // rules, into 一票否决.
  std::map<std::string, std::string> charts;
  charts["星级分布"] = star_charts(run);
  if (const auto township = township_kind(run)) charts["按乡镇汇总"] = place_charts(run, *township, "township");
  std::string held = held_charts(run);
  const auto has = [&](const char* name) {
    return std::any_of(report.sections.begin(), report.sections.end(), [&](const Sheet& s) { return s.name == name; });
  };
  std::vector<std::pair<std::string, std::string>> rankings;
  for (const UnitKind kind : report_kinds(run)) {
    rankings.emplace_back(fmt::format("{}排名", run.assessment.kind(kind).words.title), ranking_charts(run, kind));
  }
  if (has("按规则调整的星级"))
    charts["按规则调整的星级"] = std::move(held);
  else if (has("一票否决"))
    charts["一票否决"] = std::move(held);
  for (std::size_t i = 0; i < report.sections.size(); ++i) {
    const std::string& name = report.sections[i].name;
    const bool long_one = name.find("排名") != std::string::npos && !report.sections[i].tables.empty() &&
                          report.sections[i].tables.back().table.rows.size() > 15;
    out += long_one ? "<section class=\"long\">\n<h2>" : "<section>\n<h2>";
    append_html_escaped(out, name);
    out += "</h2>\n";
    if (const auto it = charts.find(name); it != charts.end()) out += it->second;
    // A long ranking's 按县汇总: its kind is the one whose units the table counts (村数).
    const auto& tables = report.sections[i].tables;
    if (name == "按县汇总" && !tables.empty() && tables.back().table.header.size() > 1) {
      for (const UnitKind kind : report_kinds(run)) {
        const Kind& k = run.assessment.kind(kind);
        if (tables.back().table.header[1] == fmt::format("{}数", k.words.title))
          out += place_charts(run, kind, "county");
      }
    }
    for (auto& r : rankings) {
      if (name.starts_with(r.first)) {
        out += r.second;
        r.second.clear();
      }
    }
    if (i < report.html_sections.size()) out += report.html_sections[i];
    out += "</section>\n";
  }
  if (!run.previous) fmt::format_to(std::back_inserter(out), "<p>（{}年无数据，不作比较。）</p>\n", run.eval.year - 1);
  out += html_end();
  return out;
}

}  // namespace xingji::detail
