// `explain` written out: the explanation as text for a terminal, as Markdown, or as JSON.
#include <fmt/format.h>

#include <cmath>
#include <sstream>

#include "compute/stars.hpp"
#include "compute/words.hpp"
#include "write/table.hpp"
#include "xingji/explain.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"

namespace xingji {

using detail::display_name;
using detail::percent;
using detail::rounded;
using detail::stars_name;

namespace {

std::string explanation_json(const Run& run, const Explanation& e) {
  const Assessment& a = run.assessment;
  const Scheme& s = a.scheme(e.kind);
  const UnitScore& r = run.eval.of(e.kind).units[static_cast<std::size_t>(e.unit)];
  const Breakdown& b = e.breakdown;
  const int p = a.precision;
  const auto row = run.data.year(run.eval.year)->of(e.kind).row(static_cast<std::size_t>(e.unit));
  std::string out = "{\"id\": " + json_string(run.assessment.roster.id_of(UnitRef{e.kind, e.unit})) +
                    ", \"name\": " + json_string(a.roster.name_of(UnitRef{e.kind, e.unit})) + ", \"kind\": \"" +
                    a.kind(e.kind).words.id + "\", \"year\": " + std::to_string(run.eval.year) +
                    ", \"scheme\": " + json_string(s.id) + ", \"total\": " + format_number(s.total) +
                    ",\n \"nodes\": [";
  for (std::size_t i = 0; i < e.nodes.size(); ++i) {
    const ExplainedNode& x = e.nodes[i];
    const Indicator& n = s.nodes[static_cast<std::size_t>(x.node)];
    out += (i ? ",\n  " : "\n  ") + std::string("{\"id\": ") + json_string(n.id) +
           ", \"name\": " + json_string(n.name) + ", \"depth\": " + std::to_string(x.depth) +
           ", \"leaf\": " + (n.is_leaf() ? "true" : "false");
    if (n.is_leaf()) {
      out += ", \"raw\": " + (x.missing ? std::string("null") : json_string(x.raw)) +
             ", \"rule\": " + json_string(x.rule) + ", \"detail\": " + json_list(x.detail);
    }
    out += ", \"achievement\": " + round_score(x.achievement, 4).str() + ", \"points\": " + rounded(x.points, p) +
           ", \"max\": " + rounded(x.max_points, p) + "}";
  }
  out += "\n ],\n \"base\": " + rounded(r.base, p) + ", \"adjustments\": [";
  for (std::size_t j = 0; j < s.adjustments.size(); ++j) {
    const Adjustment& adj = s.adjustments[j];
    out += (j ? ", " : "") + std::string("{\"id\": ") + json_string(adj.id) + ", \"kind\": \"" +
           (adj.bonus ? "bonus" : "deduction") + "\", \"count\": " + format_number(b.adjustments[j].count) +
           ", \"points\": " + rounded(b.adjustments[j].points, p) + "}";
  }
  out += "], \"bonus\": " + rounded(r.bonus, p) + ", \"deduction\": " + rounded(r.deduction, p) +
         ", \"own\": " + rounded(r.own, p) + ",\n \"vetoes\": [";
  for (std::size_t v = 0; v < s.vetoes.size(); ++v) {
    out += (v ? ", " : "") + std::string("{\"id\": ") + json_string(s.vetoes[v].id) +
           ", \"max_stars\": " + std::to_string(s.vetoes[v].max_stars) +
           ", \"triggered\": " + (veto_triggered(s.vetoes[v], row) ? "true" : "false") + "}";
  }
  out += "], \"dual\": " + json_list(e.dual) + ",\n \"final\": " + r.shown.str() +
         ", \"rank\": " + std::to_string(r.rank) + ", \"stars\": " + std::to_string(r.stars) +
         ", \"max_stars\": " + std::to_string(s.max_stars()) + ", \"score_stars\": " + std::to_string(r.score_stars) +
         ", \"rule\": \"" + detail::rule_code(r.star_rule) + "\"";
  if (s.star_pass) out += ", \"star_areas\": " + json_list(detail::star_areas(s, r, false));
  out += ",\n \"blocked\": [";
  for (std::size_t i = 0; i < e.blocked.size(); ++i) {
    out += (i ? ", " : "") + std::string("{\"level\": ") + json_string(e.blocked[i].level) + ", \"rule\": \"" +
           detail::rule_code(e.blocked[i].rule) + "\", \"reason\": " + json_string(e.blocked[i].reason) + "}";
  }
  out += "], \"stars_why\": " + json_list(e.stars_why) +
         ",\n \"grade\": " + (r.grade >= 0 ? json_string(detail::grade_label(s, r)) : std::string("null")) +
         ", \"grade_why\": " + json_list(e.grade_why) +
         ",\n \"tier\": " + (a.tiers ? "\"" + detail::tier_code(r.tier) + "\"" : std::string("null")) +
         ", \"tier_why\": " + json_list(e.tier_why) + ",\n \"next\": ";
  if (!e.next) {
    out += "null}\n";
    return out;
  }
  const NextStar& n = *e.next;
  out += "{\"stars\": " + std::to_string(n.stars) + ", \"missing\": " + rounded(n.missing_final, p) +
         ", \"missing_own\": " + (n.missing_own ? rounded(*n.missing_own, p) : std::string("null")) +
         ", \"conditions\": " + json_list(n.conditions) + ",\n  \"gains\": [";
  for (std::size_t i = 0; i < n.gains.size(); ++i) {
    out += (i ? ",\n   " : "\n   ") + std::string("{\"id\": ") + json_string(n.gains[i].id) +
           ", \"name\": " + json_string(n.gains[i].name) + ", \"points\": " + rounded(n.gains[i].points, p) +
           ", \"how\": " + json_string(n.gains[i].how) + "}";
  }
  out += n.gains.empty() ? "]}}\n" : "\n  ]}}\n";
  return out;
}

}  // namespace

void render_explanation(const Run& run, const Explanation& e, Format format, std::ostream& os) {
  if (format == Format::json) {
    os << explanation_json(run, e);
    return;
  }
  const Assessment& a = run.assessment;
  const Scheme& s = a.scheme(e.kind);
  const UnitScore& r = run.eval.of(e.kind).units[static_cast<std::size_t>(e.unit)];
  const KindWords& words = a.kind(e.kind).words;
  const Breakdown& b = e.breakdown;
  const int p = a.precision;
  const bool md = format == Format::md;
  const std::string_view id = a.roster.id_of(UnitRef{e.kind, e.unit});
  std::string out;
  auto heading = [&](const std::string& text) { out += md ? "\n## " + text + "\n\n" : "\n" + text + "\n"; };
  auto line = [&](const std::string& text) { out += (md ? "- " : "  ") + text + "\n"; };
  std::string title = (a.name.empty() ? std::string("星级评定") : a.name) + " " + std::to_string(run.eval.year) +
                      "年：" + words.title + " " + std::string(id) + " " +
                      display_name(a.roster.name_of(UnitRef{e.kind, e.unit}), id);
  out += md ? "# " + title + "\n\n" : title + "\n";
  out += std::string("考评细则：") + display_name(s.name, s.id) + "（满分" + format_number(s.total) + "）\n";

  heading("指标");
  TextTable t;
  t.column("指标");
  t.column("原始值");
  t.column("计分规则");
  t.column("达成率", true);
  t.column("得分", true);
  t.column("满分", true);
  for (const auto& x : e.nodes) {
    const Indicator& n = s.nodes[static_cast<std::size_t>(x.node)];
    t.row();
    // Markdown drops leading spaces in a cell: indent with ideographic spaces there.
    std::string indent;
    for (int d = 0; d < x.depth; ++d) indent += md ? "　" : "  ";
    t.cell(indent + n.id + " " + display_name(n.name, n.id));
    t.cell(n.is_leaf() ? (x.missing ? "（缺）" : x.raw) : "");
    std::string rule = x.rule;
    for (const auto& d : x.detail) rule += "；" + d;
    t.cell(rule);
    t.cell(percent(x.achievement, p));
    t.cell(rounded(x.points, p));
    t.cell(rounded(x.max_points, p));
  }
  md ? render_markdown(t, out) : render_text(t, out);

  heading("得分");
  line("基础分 " + rounded(r.base, p));
  for (std::size_t j = 0; j < s.adjustments.size(); ++j) {
    const Adjustment& adj = s.adjustments[j];
    line(std::string(adj.bonus ? "加分" : "扣分") + " " + adj.id + " " + display_name(adj.name, adj.id) + "：" +
         format_number(b.adjustments[j].count) + "×" + format_number(adj.per) +
         (adj.cap ? "（上限" + format_number(*adj.cap) + "）" : "") + " = " + rounded(b.adjustments[j].points, p));
  }
  if (!s.adjustments.empty()) {
    line("加分合计 " + rounded(r.bonus, p) + (s.bonus_cap ? "（上限" + format_number(*s.bonus_cap) + "）" : "") +
         "，扣分合计 " + rounded(r.deduction, p) +
         (s.deduction_cap ? "（上限" + format_number(*s.deduction_cap) + "）" : ""));
  }
  line(words.self + "得分 " + rounded(r.own, p));
  for (const auto& d : e.dual) line(d);
  line("最终得分 " + r.shown.str() + "，排名第" + std::to_string(r.rank) + "（共" +
       std::to_string(run.eval.of(e.kind).units.size()) + "）");
  const auto row = run.data.year(run.eval.year)->of(e.kind).row(static_cast<std::size_t>(e.unit));
  for (const auto& v : s.vetoes) {
    line("一票否决 " + v.id + " " + display_name(v.name, v.id) + "：" +
         (veto_triggered(v, row) ? "触发，最高" + stars_name(v.max_stars) : std::string("未触发")));
  }

  heading("星级与等次");
  for (const auto& w : e.stars_why) line(w);
  for (const auto& c : e.blocked) line(c.level + "：" + c.reason);
  for (const auto& w : e.grade_why) line(w);
  for (const auto& w : e.tier_why) line(w);

  heading("下一星");
  if (!s.has_stars()) {
    line("本细则不评星级");
  } else if (!e.next) {
    line("已是最高星级（" + stars_name(r.stars) + "）");
  } else {
    const NextStar& n = *e.next;
    if (s.star_pass && r.score_stars > r.stars) {
      line("已有" + std::to_string(r.score_stars) + "个方面达到" + format_number(*s.star_pass) + "%，星级受限");
    } else if (s.star_pass) {
      line("再有一个方面达到" + format_number(*s.star_pass) + "%即得" + stars_name(n.stars));
    } else {
      if (n.missing_final <= 0)
        line("得分已达到" + stars_name(n.stars) + "线");
      else
        line(stars_name(n.stars) + "还差" + rounded(n.missing_final, p) + "分" +
             (n.missing_own ? "（折合" + words.self + "得分" + rounded(*n.missing_own, p) + "分）" : std::string()));
    }
    for (const auto& c : n.conditions) line(c);
    if (!n.gains.empty()) {
      out += md ? "\n" : "";
      TextTable g;
      g.column("可提分项");
      g.column("尚可得分", true);
      g.column("做法");
      for (const auto& x : n.gains) {
        g.row();
        g.cell(x.id + " " + x.name);
        g.cell(rounded(x.points, p));
        g.cell(x.how);
      }
      md ? render_markdown(g, out) : render_text(g, out);
    }
  }
  os << out;
}

std::string render_explanation(const Run& run, const Explanation& e, Format format) {
  std::ostringstream os;
  render_explanation(run, e, format, os);
  return std::move(os).str();
}

}  // namespace xingji
