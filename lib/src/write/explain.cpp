// `explain` written out: the explanation as text for a terminal or as Markdown, a section at
// a time (the JSON is explain_json.cpp).
#include <fmt/format.h>

#include <algorithm>

#include <iterator>
#include <optional>
#include <sstream>
#include <string_view>
#include <utility>

#include "compute/stars.hpp"
#include "compute/words.hpp"
#include "write/columns.hpp"
#include "write/explain.hpp"
#include "write/table.hpp"
#include "xingji/number.hpp"

namespace xingji {

using detail::display_name;
using detail::percent;
using detail::rounded;
using detail::stars_name;

namespace {

// The explanation's text as it grows: Markdown, or plain text for a terminal.
struct Text {
  std::string out;
  bool md = false;
  std::size_t width = 0;  // of the terminal, for its tables (0: no limit)

  void heading(std::string_view title) {
    if (md)
      fmt::format_to(std::back_inserter(out), "\n## {}\n\n", title);
    else
      fmt::format_to(std::back_inserter(out), "\n{}\n", title);
  }
  // One line of a list, a whole sentence in one format string.
  template <typename... T>
  void line(fmt::format_string<T...> format, T&&... args) {
    out += md ? "- " : "  ";
    fmt::format_to(std::back_inserter(out), format, std::forward<T>(args)...);
    out += '\n';
  }
  void table(const TextTable& t) { md ? render_markdown(t, out) : render_text(t, out, width); }
};

// "（上限5）" after a capped sum, nothing without a cap.
std::string cap_text(const std::optional<double>& cap) {
  return cap ? fmt::format("（上限{}）", format_number(*cap)) : "";
}

// The top-level areas, the bonus and minus the deduction as shown: rounded so that they add up
// to the own score shown (spec 8), in that order.
std::vector<Rounded> shown_parts(const Scheme& s, const Explanation& e, const UnitScore& r, int p) {
  std::vector<double> parts;
  for (int root : s.roots) parts.push_back(e.breakdown.nodes[static_cast<std::size_t>(root)].points);
  parts.push_back(r.bonus);
  parts.push_back(-r.deduction);
  return detail::parts_adding_up(parts, round_score(r.own, p));
}

// 指标: every node of the scheme's tree, its value, how it became points, and the points.
void indicator_section(const Scheme& s, const Explanation& e, const std::vector<Rounded>& parts, int p, Text& text) {
  text.heading("指标");
  TextTable t;
  t.column("指标");
  t.whole_column("原始值");
  t.column("计分规则");
  t.column("达成率", true);
  t.column("得分", true);
  t.column("满分", true);
  for (const auto& x : e.nodes) {
    const Indicator& n = s.nodes[static_cast<std::size_t>(x.node)];
    t.row();
    // Markdown drops leading spaces in a cell: indent with ideographic spaces there.
    std::string indent;
    for (int d = 0; d < x.depth; ++d) indent += text.md ? "　" : "  ";
    t.cell(fmt::format("{}{} {}", indent, n.id, display_name(n.name, n.id)));
    t.cell(n.is_leaf() ? (x.missing ? "（缺）" : x.raw) : "");
    std::string rule = x.rule;
    for (const auto& d : x.detail) fmt::format_to(std::back_inserter(rule), "；{}", d);
    t.cell(rule);
    t.cell(percent(x.achievement, p));
    // A top-level area as it adds up with the others to the own score.
    const auto root = std::find(s.roots.begin(), s.roots.end(), x.node);
    t.cell(root != s.roots.end() ? parts[static_cast<std::size_t>(root - s.roots.begin())].str()
                                 : rounded(x.points, p));
    t.cell(rounded(x.max_points, p));
  }
  text.table(t);
}

// 得分: from the base score through adjustments and 双考评 to the final score, and the vetoes.
void score_section(const Run& run, const Explanation& e, const std::vector<Rounded>& parts, Text& text) {
  const Assessment& a = run.assessment;
  const Scheme& s = a.scheme(e.kind);
  const UnitScore& r = run.eval.of(e.kind).units[static_cast<std::size_t>(e.unit)];
  const Breakdown& b = e.breakdown;
  const int p = a.precision;
  text.heading("得分");
  // The base as the sum of the areas shown, so that base + bonus - deduction is the own score.
  std::int64_t base = 0;
  for (std::size_t k = 0; k + 2 < parts.size(); ++k) base += parts[k].units;
  text.line("基础分 {}", Rounded{base, p}.str());
  for (std::size_t j = 0; j < s.adjustments.size(); ++j) {
    const Adjustment& adj = s.adjustments[j];
    text.line("{} {} {}：{}×{}{} = {}", adj.bonus ? "加分" : "扣分", adj.id, display_name(adj.name, adj.id),
              format_number(b.adjustments[j].count), format_number(adj.per), cap_text(adj.cap),
              rounded(b.adjustments[j].points, p));
  }
  if (!s.adjustments.empty()) {
    text.line("加分合计 {}{}，扣分合计 {}{}", parts[parts.size() - 2].str(), cap_text(s.bonus_cap),
              Rounded{-parts.back().units, p}.str(), cap_text(s.deduction_cap));
  }
  text.line("{}得分 {}", a.kind(e.kind).words.self, rounded(r.own, p));
  for (const auto& d : e.dual) text.line("{}", d);
  text.line("最终得分 {}，排名第{}（共{}）", r.shown.str(), r.rank, run.eval.of(e.kind).units.size());
  const auto row = run.data.year(run.eval.year)->of(e.kind).row(static_cast<std::size_t>(e.unit));
  for (const auto& v : s.vetoes) {
    text.line("一票否决 {} {}：{}", v.id, display_name(v.name, v.id),
              veto_triggered(v, row) ? fmt::format("触发，最高{}", stars_name(v.max_stars)) : "未触发");
  }
}

// 下一星: what the next star takes, and the items that could still give points.
void next_star_section(const Run& run, const Explanation& e, Text& text) {
  const Assessment& a = run.assessment;
  const Scheme& s = a.scheme(e.kind);
  const UnitScore& r = run.eval.of(e.kind).units[static_cast<std::size_t>(e.unit)];
  const int p = a.precision;
  text.heading("下一星");
  if (!s.has_stars()) {
    text.line("本细则不评星级");
    return;
  }
  if (!e.next) {
    text.line("已是最高星级（{}）", stars_name(r.stars));
    return;
  }
  const NextStar& n = *e.next;
  if (s.star_pass && r.score_stars > r.stars) {
    text.line("已有{}个方面达到{}%，星级受限", r.score_stars, format_number(*s.star_pass));
  } else if (s.star_pass) {
    text.line("再有一个方面达到{}%即得{}", format_number(*s.star_pass), stars_name(n.stars));
  } else if (n.missing_final <= 0) {
    text.line("得分已达到{}线", stars_name(n.stars));
  } else if (n.missing_own) {
    text.line("{}还差{}分（折合{}得分{}分）", stars_name(n.stars), rounded(n.missing_final, p),
              a.kind(e.kind).words.self, rounded(*n.missing_own, p));
  } else {
    text.line("{}还差{}分", stars_name(n.stars), rounded(n.missing_final, p));
  }
  for (const auto& c : n.conditions) text.line("{}", c);
  if (n.gains.empty()) return;
  if (text.md) text.out += "\n";
  TextTable g;
  g.column("可提分项");
  g.column("尚可得分", true);
  g.column("做法");
  for (const auto& x : n.gains) {
    g.row();
    g.cell(fmt::format("{} {}", x.id, x.name));
    g.cell(rounded(x.points, p));
    g.cell(x.how);
  }
  text.table(g);
}

}  // namespace

void render_explanation(const Run& run, const Explanation& e, Format format, std::ostream& os, std::size_t width) {
  if (format == Format::json) {
    os << detail::explanation_json(run, e);
    return;
  }
  const Assessment& a = run.assessment;
  const Scheme& s = a.scheme(e.kind);
  const std::string_view id = a.roster.id_of(UnitRef{e.kind, e.unit});
  Text text;
  text.md = format == Format::md;
  text.width = width;
  const std::string title =
      fmt::format("{}：{} {} {}", detail::year_title(a, run.eval.year), a.kind(e.kind).words.title, id,
                  display_name(a.roster.name_of(UnitRef{e.kind, e.unit}), id));
  auto add = std::back_inserter(text.out);
  if (text.md)
    fmt::format_to(add, "# {}\n\n", title);
  else
    fmt::format_to(add, "{}\n", title);
  fmt::format_to(add, "考评细则：{}（满分{}）\n", display_name(s.name, s.id), format_number(s.total));
  const std::vector<Rounded> parts =
      shown_parts(s, e, run.eval.of(e.kind).units[static_cast<std::size_t>(e.unit)], a.precision);
  indicator_section(s, e, parts, a.precision, text);
  score_section(run, e, parts, text);

  text.heading("星级与等次");
  for (const auto& w : e.stars_why) text.line("{}", w);
  for (const auto& c : e.blocked) text.line("{}：{}", c.level, c.reason);
  for (const auto& w : e.grade_why) text.line("{}", w);
  for (const auto& w : e.tier_why) text.line("{}", w);

  next_star_section(run, e, text);
  if (!e.funds.empty()) {
    text.heading("资金分配");
    for (const auto& f : e.funds) text.line("{}", f);
  }
  os << text.out;
}

std::string render_explanation(const Run& run, const Explanation& e, Format format, std::size_t width) {
  std::ostringstream os;
  render_explanation(run, e, format, os, width);
  return std::move(os).str();
}

}  // namespace xingji
