// `explain` written out: the explanation as text for a terminal or as Markdown, a section at
// a time (the JSON is explain_json.cpp).
#include <fmt/format.h>

#include <algorithm>

#include <iterator>
#include <optional>
#include <span>
#include <sstream>
#include <string_view>
#include <utility>

#include "compute/stars.hpp"
#include "compute/words.hpp"
#include "write/columns.hpp"
#include "write/explain.hpp"
#include "write/html.hpp"
#include "write/table.hpp"
#include "xingji/number.hpp"

namespace xingji {

using detail::display_name;
using detail::percent;
using detail::rounded;
using detail::stars_name;

namespace {

// The explanation's text as it grows: plain text for a terminal, Markdown, or HTML (a
// notice); items, adjustments and vetoes with their ids (explain) or by name alone (notice).
struct Text {
  enum class Mode : std::uint8_t { text, md, html };
  std::string out;
  Mode mode = Mode::text;
  bool ids = true;
  std::size_t most_gains = 0;  // items listed for the next star (0: all)
  std::string list_class;      // HTML: the class of the next list (two columns, for short lines)
  std::size_t width = 0;       // of the terminal, for its tables (0: no limit)
  bool in_list = false;        // HTML: inside <ul>
  bool in_item = false;        // HTML: inside its last <li>, which detail lines may follow
  bool in_details = false;     // HTML: inside that <li>'s list of details

  // HTML: ends the last item of the list (and its details).
  void close_item() {
    if (in_details) out += "</ul>";
    if (in_item) out += "</li>\n";
    in_item = in_details = false;
  }
  void close_list() {
    close_item();
    if (in_list) out += "</ul>\n";
    in_list = false;
  }
  void heading(std::string_view title) {
    if (mode == Mode::html) {
      close_list();
      out += "<h2>";
      detail::append_html_escaped(out, title);
      out += "</h2>\n";
    } else if (mode == Mode::md) {
      fmt::format_to(std::back_inserter(out), "\n## {}\n\n", title);
    } else {
      fmt::format_to(std::back_inserter(out), "\n{}\n", title);
    }
  }
  // One line of a list, a whole sentence in one format string.
  template <typename... T>
  void line(fmt::format_string<T...> format, T&&... args) {
    const std::string text = fmt::format(format, std::forward<T>(args)...);
    if (mode == Mode::html) {
      close_item();
      if (!in_list) out += list_class.empty() ? "<ul>\n" : fmt::format("<ul class=\"{}\">\n", list_class);
      in_list = in_item = true;
      list_class.clear();
      out += "<li>";
      detail::append_html_escaped(out, text);
      return;
    }
    out += mode == Mode::md ? "- " : "  ";
    out += text;
    out += '\n';
  }
  // A line under the last line of the list, belonging to it (a ledger item's months): nested
  // in Markdown and HTML, so that it stays with its item (in one column of two, on one page).
  void detail_line(std::string_view text) {
    if (mode == Mode::html) {
      if (!in_item) line("{}", "");  // never without an item to belong to
      if (!in_details) out += "<ul class=\"details\">";
      in_details = true;
      out += "<li>";
      detail::append_html_escaped(out, text);
      out += "</li>";
      return;
    }
    out += mode == Mode::md ? "  - " : "    ";
    out += text;
    out += '\n';
  }
  void table(const TextTable& t) {
    close_list();
    if (mode == Mode::html) {
      detail::render_html(t, out);
    } else if (mode == Mode::md) {
      render_markdown(t, out);
    } else {
      render_text(t, out, width);
    }
  }
  // A blank line between a list and a table, which Markdown needs.
  void gap() {
    if (mode == Mode::md) out += "\n";
  }
  // An item as people read it: "honor 省级以上荣誉" in explain, "省级以上荣誉" in a notice.
  [[nodiscard]] std::string item(std::string_view id, std::string_view name) const {
    return ids ? fmt::format("{} {}", id, display_name(name, id)) : display_name(name, id);
  }
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
    // Markdown and HTML drop leading spaces in a cell: indent with ideographic spaces there.
    std::string indent;
    for (int d = 0; d < x.depth; ++d) indent += text.mode == Text::Mode::text ? "  " : "　";
    t.cell(indent + text.item(n.id, n.name));
    t.cell(n.is_leaf() ? (x.missing ? "（缺）" : x.raw) : "");
    std::string rule = x.rule;
    // A ledger item's events are listed under the table (积分明细): they are many.
    if (!n.ledger) {
      for (const auto& d : x.detail) fmt::format_to(std::back_inserter(rule), "；{}", d);
    }
    t.cell(rule);
    t.cell(percent(x.achievement, p));
    // A top-level area as it adds up with the others to the own score.
    const auto root = std::find(s.roots.begin(), s.roots.end(), x.node);
    t.cell(root != s.roots.end() ? parts[static_cast<std::size_t>(root - s.roots.begin())].str()
                                 : rounded(x.points, p));
    t.cell(rounded(x.max_points, p));
  }
  text.table(t);
  for (const auto& x : e.nodes) {
    const Indicator& n = s.nodes[static_cast<std::size_t>(x.node)];
    if (!n.ledger) continue;
    text.line("积分明细 {}：", text.item(n.id, n.name));
    for (const auto& d : x.detail) text.detail_line(d);
  }
}

// 得分: from the base score through adjustments and 双考评 to the final score, and the vetoes.
void score_section(const Run& run, const Explanation& e, const std::vector<Rounded>& parts, Text& text) {
  const Assessment& a = run.assessment;
  const Scheme& s = a.scheme(e.kind);
  const UnitScore& r = run.eval.of(e.kind).units[static_cast<std::size_t>(e.unit)];
  const Breakdown& b = e.breakdown;
  const int p = a.precision;
  text.heading("得分");
  text.list_class = "cols";
  // The base as the sum of the areas shown, so that base + bonus - deduction is the own score.
  std::int64_t base = 0;
  for (std::size_t k = 0; k + 2 < parts.size(); ++k) base += parts[k].units;
  text.line("基础分 {}", Rounded{base, p}.str());
  for (std::size_t j = 0; j < s.adjustments.size(); ++j) {
    const Adjustment& adj = s.adjustments[j];
    if (adj.ledger) {
      text.line("{} {}：积分台账{}分{} = {}", adj.bonus ? "加分" : "扣分", text.item(adj.id, adj.name),
                format_number(b.adjustments[j].count), cap_text(adj.cap), rounded(b.adjustments[j].points, p));
      if (j < e.adjustment_detail.size()) {
        for (const auto& line : e.adjustment_detail[j]) text.detail_line(line);
      }
      continue;
    }
    text.line("{} {}：{}×{}{} = {}", adj.bonus ? "加分" : "扣分", text.item(adj.id, adj.name),
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
  const auto row = rated_values(run.data, run.eval, e.kind).row(static_cast<std::size_t>(e.unit));
  for (const auto& v : s.vetoes) {
    text.line("一票否决 {}：{}", text.item(v.id, v.name),
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
  text.gap();
  TextTable g;
  g.column("可提分项");
  g.column("尚可得分", true);
  g.column("做法");
  const std::size_t listed = text.most_gains > 0 ? std::min(text.most_gains, n.gains.size()) : n.gains.size();
  for (const auto& x : std::span(n.gains).first(listed)) {
    g.row();
    g.cell(text.ids ? fmt::format("{} {}", x.id, x.name) : x.name);
    g.cell(rounded(x.points, p));
    g.cell(x.how);
  }
  text.table(g);
}

// The sections of an explanation after its title: the items, the score, the rating, the way
// to the next star and the unit's funds.
void body(const Run& run, const Explanation& e, Text& text) {
  const Assessment& a = run.assessment;
  const Scheme& s = a.scheme(e.kind);
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
  text.close_list();
}

// A notice's facts: the unit, where it belongs, and its result, as label and value pairs.
std::vector<std::pair<std::string, std::string>> notice_facts(const Run& run, const Explanation& e) {
  const Assessment& a = run.assessment;
  const Kind& kind = a.kind(e.kind);
  const Scheme& s = a.scheme(e.kind);
  const UnitRef ref{e.kind, e.unit};
  const UnitScore& r = run.eval.of(e.kind).units[static_cast<std::size_t>(e.unit)];
  std::vector<std::pair<std::string, std::string>> facts;
  facts.emplace_back(kind.words.title, display_name(a.roster.name_of(ref), a.roster.id_of(ref)));
  for (const char* field : {"county", "township"}) {
    if (const auto value = a.roster.field(ref, field); value && !value->empty()) {
      facts.emplace_back(detail::field_title(field), std::string(*value));
    }
  }
  if (kind.shape == KindShape::person) {
    if (const Village* v = a.roster.village_of(ref)) facts.emplace_back("所在村", display_name(v->name(), v->id()));
    if (const auto role = a.roster.field(ref, "role"); role && !role->empty())
      facts.emplace_back("职务", std::string(*role));
  }
  if (kind.shape == KindShape::village) {
    const int al = a.roster.villages[static_cast<std::size_t>(e.unit)].alliance_index;
    if (al >= 0) {
      const auto& alliance = a.roster.alliances[static_cast<std::size_t>(al)];
      facts.emplace_back("所在联盟", display_name(alliance.name, alliance.id));
    }
  }
  facts.emplace_back("考评年度", fmt::format("{}年", run.eval.year));
  facts.emplace_back(kind.words.final, r.shown.str());
  if (s.has_stars())
    facts.emplace_back("星级", fmt::format("{}（{}）", star_text(r.stars, s.max_stars()), stars_name(r.stars)));
  facts.emplace_back("排名", fmt::format("第{}名（共{}{}）", r.rank, run.eval.of(e.kind).units.size(),
                                         kind.shape == KindShape::person ? "人" : "个"));
  if (!s.grades.empty()) facts.emplace_back("等次", r.grade >= 0 ? detail::grade_label(s, r) : "—");
  if (a.tiers) facts.emplace_back("分层", detail::tier_label(*a.tiers, r.tier));
  return facts;
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
  text.mode = format == Format::md ? Text::Mode::md : Text::Mode::text;
  text.width = width;
  const std::string title =
      fmt::format("{}：{} {} {}", detail::year_title(a, run.eval.year), a.kind(e.kind).words.title, id,
                  display_name(a.roster.name_of(UnitRef{e.kind, e.unit}), id));
  auto add = std::back_inserter(text.out);
  if (text.mode == Text::Mode::md)
    fmt::format_to(add, "# {}\n\n", title);
  else
    fmt::format_to(add, "{}\n", title);
  fmt::format_to(add, "考评细则：{}（满分{}）\n", display_name(s.name, s.id), format_number(s.total));
  body(run, e, text);
  os << text.out;
}

void render_notices(const Run& run, const std::vector<Explanation>& units, Format format, std::ostream& os) {
  const Assessment& a = run.assessment;
  const bool html = format == Format::html;
  const std::string heading = "考评结果告知单";
  std::string out;
  if (html) {
    out = detail::html_begin(units.size() == 1
                                 ? fmt::format("{}：{}", heading,
                                               display_name(a.roster.name_of(UnitRef{units[0].kind, units[0].unit}),
                                                            a.roster.id_of(UnitRef{units[0].kind, units[0].unit})))
                                 : fmt::format("{}（{}年）", heading, run.eval.year));
  }
  for (std::size_t i = 0; i < units.size(); ++i) {
    const Explanation& e = units[i];
    const Scheme& s = a.scheme(e.kind);
    Text text;
    text.mode = html ? Text::Mode::html : Text::Mode::md;
    text.ids = false;
    text.most_gains = 5;
    const auto facts = notice_facts(run, e);
    const std::string sub = detail::year_title(a, run.eval.year);
    const std::string rules = fmt::format("考评细则：{}（满分{}）", display_name(s.name, s.id), format_number(s.total));
    if (html) {
      text.out += "<div class=\"page notice\">\n<h1>考评结果告知单</h1>\n<p class=\"sub\">";
      detail::append_html_escaped(text.out, sub);
      text.out += "</p>\n<table class=\"facts\">\n";
      for (std::size_t f = 0; f < facts.size(); f += 2) {
        text.out += "<tr>";
        for (std::size_t k = f; k < f + 2; ++k) {
          text.out += "<th>";
          if (k < facts.size()) detail::append_html_escaped(text.out, facts[k].first);
          text.out += k < facts.size() && facts[k].first == "星级" ? "</th><td class=\"stars\">" : "</th><td>";
          if (k < facts.size()) detail::append_html_escaped(text.out, facts[k].second);
          text.out += "</td>";
        }
        text.out += "</tr>\n";
      }
      text.out += "</table>\n<p>";
      detail::append_html_escaped(text.out, rules);
      text.out += "</p>\n";
    } else {
      if (i > 0) text.out += "\n---\n\n";
      fmt::format_to(std::back_inserter(text.out), "# 考评结果告知单\n\n{}\n\n", sub);
      TextTable t;
      t.column("项目");
      t.column("内容");
      for (const auto& fact : facts) {
        t.row();
        t.cell(fact.first);
        t.cell(fact.second);
      }
      render_markdown(t, text.out);
      fmt::format_to(std::back_inserter(text.out), "\n{}\n", rules);
    }
    body(run, e, text);
    if (html) {
      text.close_list();
      // The line for the stamp stays with the last section: never alone on a page of its own.
      const std::size_t last = text.out.rfind("<h2>");
      if (last != std::string::npos) text.out.insert(last, "<div class=\"keep\">\n");
      text.out += "<div class=\"sign\">考评单位（盖章）：<span>＿＿＿＿年＿＿月＿＿日</span></div>\n";
      if (last != std::string::npos) text.out += "</div>\n";
      text.out += "</div>\n";
    } else {
      text.out += "\n考评单位（盖章）：\n\n＿＿＿＿年＿＿月＿＿日\n";
    }
    out += text.out;
  }
  if (html) out += detail::html_end();
  os << out;
}

void render_notice_index(const Run& run, const std::vector<UnitRef>& units, const std::vector<std::string>& files,
                         Format format, std::ostream& os) {
  const Assessment& a = run.assessment;
  const bool html = format == Format::html;
  const std::string title = fmt::format("{}：考评结果告知单目录", detail::year_title(a, run.eval.year));
  std::vector<std::size_t> order(units.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto rank_of = [&](std::size_t i) {
    return run.eval.of(units[i].kind).units[static_cast<std::size_t>(units[i].index)].rank;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return units[x].kind != units[y].kind ? units[x].kind < units[y].kind : rank_of(x) < rank_of(y);
  });
  TextTable t;
  t.column("排名", true);
  t.column("单位");
  t.column("乡镇");
  t.column("最终得分", true);
  t.column("星级");
  for (const std::size_t i : order) {
    const UnitRef ref = units[i];
    const UnitScore& r = run.eval.of(ref.kind).units[static_cast<std::size_t>(ref.index)];
    const Scheme& s = a.scheme(ref.kind);
    const std::string name = display_name(a.roster.name_of(ref), a.roster.id_of(ref));
    t.row();
    t.cell(fmt::to_string(r.rank));
    // In HTML the name is a link, written as it is (escaped when the table is).
    t.cell(html ? name : fmt::format("[{}]({})", name, files[i]));
    const auto township = a.roster.field(ref, "township");
    t.cell(township ? std::string(*township) : std::string());
    t.cell(r.shown.str());
    t.cell(s.has_stars() ? star_text(r.stars, s.max_stars()) : "");
  }
  std::string out;
  if (!html) {
    fmt::format_to(std::back_inserter(out), "# {}\n\n", title);
    render_markdown(t, out);
    os << out;
    return;
  }
  out = detail::html_begin(title);
  out += "<h1 class=\"index\">";
  detail::append_html_escaped(out, title);
  out += "</h1>\n";
  std::vector<std::string> links;
  for (const std::size_t i : order) links.push_back(files[i]);
  detail::render_html(t, out, &links, 1);
  out += detail::html_end();
  os << out;
}

std::string render_explanation(const Run& run, const Explanation& e, Format format, std::size_t width) {
  std::ostringstream os;
  render_explanation(run, e, format, os, width);
  return std::move(os).str();
}

}  // namespace xingji
