// 考评细则 in the report: a rule set as a department writes it.
#include <cmath>

#include "compute/words.hpp"
#include "write/report.hpp"
#include "xingji/number.hpp"

namespace xingji::detail {

void scheme_section(const Scheme& s, const std::string& title, std::string& out) {
  out += "### " + title + "：" + display_name(s.name, s.id) + "\n\n";
  TextTable t;
  t.column("考评内容");
  t.column("分值", true);
  t.column("权重", true);
  for (int r : s.roots) {
    const auto& n = s.nodes[static_cast<std::size_t>(r)];
    t.row();
    t.cell(display_name(n.name, n.id));
    t.cell(format_number(std::round(n.share * s.total * 100) / 100));
    t.cell(format_number(std::round(n.share * 1000) / 10) + "%");
  }
  render_markdown(t, out);
  std::string extra;
  for (const auto& adj : s.adjustments) {
    extra += "- " + std::string(adj.bonus ? "加分项" : "扣分项") + "：" + display_name(adj.name, adj.id) + "，每项" +
             format_number(adj.per) + "分" + (adj.cap ? "，最多" + format_number(*adj.cap) + "分" : "") + "\n";
  }
  if (s.bonus_cap) extra += "- 加分合计最多" + format_number(*s.bonus_cap) + "分\n";
  if (s.deduction_cap) extra += "- 扣分合计最多" + format_number(*s.deduction_cap) + "分\n";
  for (const auto& v : s.vetoes) {
    extra += "- 一票否决：" + display_name(v.name, v.id) + "，最高" + std::to_string(v.max_stars) + "星\n";
  }
  // A level as a rule set writes it: threshold, gates, quota.
  auto level_text = [&](const StarLevel& l, const std::string& name) {
    std::string text = name + "≥" + format_number(l.min);
    std::string more;
    for (int n : l.required) {
      const auto& node = s.nodes[static_cast<std::size_t>(n)];
      more += (more.empty() ? "" : "、") + display_name(node.name, node.id);
    }
    if (!more.empty()) more = "须" + more + "满分";
    if (l.max_share)
      more += (more.empty() ? "" : "，") + std::string("不超过") + format_number(*l.max_share * 100) + "%";
    return more.empty() ? text : text + "（" + more + "）";
  };
  std::string levels;
  for (const auto& l : s.stars) levels += (levels.empty() ? "" : "，") + level_text(l, std::to_string(l.stars) + "星");
  if (!levels.empty()) extra += "- 星级标准：" + levels + "\n";
  if (s.star_pass) {
    std::string areas;
    for (int r : s.roots) {
      const auto& node = s.nodes[static_cast<std::size_t>(r)];
      areas += (areas.empty() ? "" : "、") + display_name(node.name, node.id);
    }
    extra += "- 星级标准：每个方面得分率达到" + format_number(*s.star_pass) + "%得一星（" + areas + "）\n";
  }
  std::string grades;
  for (const auto& l : s.grades) grades += (grades.empty() ? "" : "，") + level_text(l, l.label);
  if (!grades.empty()) extra += "- 等次标准：" + grades + "\n";
  if (s.promotion_up) extra += "- 晋星限制：每年最多晋升" + std::to_string(*s.promotion_up) + "星\n";
  if (!extra.empty()) out += "\n" + extra;
  out += "\n";
}

}  // namespace xingji::detail
