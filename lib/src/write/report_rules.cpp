// 考评细则 in the report: a rule set as a department writes it.
#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "compute/words.hpp"
#include "write/report.hpp"
#include "xingji/number.hpp"

namespace xingji::detail {

namespace {

// A level as a rule set writes it: threshold, gates, quota.
std::string level_text(const Scheme& s, const StarLevel& l, const std::string& name) {
  std::vector<std::string> more;
  if (!l.required.empty()) more.push_back(fmt::format("须{}满分", fmt::join(node_names(s, l.required), "、")));
  if (l.max_share) more.push_back(fmt::format("不超过{}%", format_number(*l.max_share * 100)));
  if (more.empty()) return fmt::format("{}≥{}", name, format_number(l.min));
  return fmt::format("{}≥{}（{}）", name, format_number(l.min), fmt::join(more, "，"));
}

}  // namespace

void scheme_section(const Scheme& s, const std::string& title, ReportOut& out) {
  out.subsection(fmt::format("{}：{}", title, display_name(s.name, s.id)));
  TextTable t;
  t.column("考评内容");
  t.column("分值", true);
  t.column("权重", true);
  for (int r : s.roots) {
    const auto& n = s.nodes[static_cast<std::size_t>(r)];
    t.row();
    t.cell(display_name(n.name, n.id));
    t.cell(format_number(std::round(n.share * s.total * 100) / 100));
    t.cell(fmt::format("{}%", format_number(std::round(n.share * 1000) / 10)));
  }
  out.table(t);
  std::string extra;
  auto add = std::back_inserter(extra);
  for (const auto& adj : s.adjustments) {
    // A ledger's item counts its events, within its caps (spec 6).
    const std::string per =
        adj.ledger ? detail::ledger_rule_text(*adj.ledger, 0, true) : fmt::format("每项{}分", format_number(adj.per));
    fmt::format_to(add, "- {}：{}，{}{}\n", adj.bonus ? "加分项" : "扣分项", display_name(adj.name, adj.id), per,
                   adj.cap ? fmt::format("，最多{}分", format_number(*adj.cap)) : "");
  }
  if (s.bonus_cap) fmt::format_to(add, "- 加分合计最多{}分\n", format_number(*s.bonus_cap));
  if (s.deduction_cap) fmt::format_to(add, "- 扣分合计最多{}分\n", format_number(*s.deduction_cap));
  for (const auto& v : s.vetoes) {
    fmt::format_to(add, "- 一票否决：{}，最高{}星\n", display_name(v.name, v.id), v.max_stars);
  }
  std::vector<std::string> levels;
  for (const auto& l : s.stars) levels.push_back(level_text(s, l, fmt::format("{}星", l.stars)));
  if (!levels.empty()) fmt::format_to(add, "- 星级标准：{}\n", fmt::join(levels, "，"));
  if (s.star_pass) {
    fmt::format_to(add, "- 星级标准：每个方面得分率达到{}%得一星（{}）\n", format_number(*s.star_pass),
                   fmt::join(node_names(s, s.roots), "、"));
  }
  std::vector<std::string> grades;
  for (const auto& l : s.grades) grades.push_back(level_text(s, l, l.label));
  if (!grades.empty()) fmt::format_to(add, "- 等次标准：{}\n", fmt::join(grades, "，"));
  if (s.promotion_up) fmt::format_to(add, "- 晋星限制：每年最多晋升{}星\n", *s.promotion_up);
  if (!extra.empty()) out.text("\n" + extra);
  out.md += "\n";
}

}  // namespace xingji::detail
