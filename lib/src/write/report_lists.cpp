// The report's lists that call for action: backward and advanced units (抓两头带中间), units
// a rule held back, vetoes, and missing values. Each lists every kind, alliances first.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "compute/stars.hpp"
#include "compute/words.hpp"
#include "write/columns.hpp"
#include "write/report.hpp"
#include "xingji/number.hpp"

namespace xingji::detail {

void tier_sections(const Run& run, ReportOut& out) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  const Tiers& tiers = *a.tiers;
  for (const Tier tier : {Tier::backward, Tier::advanced}) {
    TextTable t;
    t.column("排名", true);
    t.column("单位");
    t.fixed(t.column("最终得分", true), a.precision);
    t.column("星级");
    t.column(tier == Tier::backward ? "原因" : "等次");
    for (const UnitKind kind : report_kinds(run)) {
      const Scheme& s = a.scheme(kind);
      const KindResult& result = ev.of(kind);
      for (const auto& p : result.ranking) {
        const auto u = static_cast<std::size_t>(p.unit);
        const UnitScore& r = result.units[u];
        if (r.tier != tier) continue;
        t.row();
        t.cell(fmt::to_string(r.rank));
        t.cell(unit_title(a, UnitRef{kind, p.unit}));
        t.cell(r.shown.str());
        t.cell(star_text(r.stars, s.max_stars()));
        t.cell(tier == Tier::backward ? backward_text(tiers, s, r, rated_values(run.data, ev, kind).row(u), true)
                                      : grade_label(s, r));
      }
    }
    std::vector<std::string> rule;
    if (tier == Tier::backward) {
      out.section(fmt::format("{}（应整尽整，不设比例）", tiers.labels[2]));
      if (tiers.max_stars) rule.push_back(fmt::format("星级不高于{}星", *tiers.max_stars));
      if (tiers.below) rule.push_back(fmt::format("得分低于{}", format_number(*tiers.below)));
      if (tiers.veto) rule.emplace_back("被一票否决");
      if (!rule.empty())
        out.text(fmt::format("凡{}之一的，均列为{}，逐一整顿。\n\n", fmt::join(rule, "、"), tiers.labels[2]));
    } else {
      out.section(fmt::format("示范候选（{}）", tiers.labels[0]));
      if (tiers.min_stars) rule.push_back(fmt::format("星级不低于{}星", *tiers.min_stars));
      if (tiers.top_share) rule.push_back(fmt::format("排名在前{}%", format_number(*tiers.top_share * 100)));
      if (!rule.empty()) out.text(fmt::format("{}的单位，可从中推选示范。\n\n", fmt::join(rule, "且")));
    }
    cap_rows(t, fmt::format("列为{}", tiers.labels[tier == Tier::backward ? 2 : 0]), "tier", out);
    table_or_none(t, out);
  }
}

void rule_section(const Run& run, ReportOut& out) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  const bool any = std::any_of(a.kinds.begin(), a.kinds.end(), [&](const Kind& k) { return extras_of(a, k.id).rule; });
  if (!any) return;
  TextTable t;
  t.column("单位");
  t.fixed(t.column("最终得分", true), a.precision);
  t.column("按得分", true);
  t.column("评定", true);
  t.column("定级依据");
  for (const UnitKind kind : report_kinds(run)) {
    const KindResult& result = ev.of(kind);
    for (const auto& p : result.ranking) {
      const UnitScore& r = result.units[static_cast<std::size_t>(p.unit)];
      if (r.star_rule == Decided::score || r.star_rule == Decided::veto) continue;
      t.row();
      t.cell(unit_title(a, UnitRef{kind, p.unit}));
      t.cell(r.shown.str());
      t.cell(fmt::format("{}星", r.score_stars));
      t.cell(fmt::format("{}星", r.stars));
      t.cell(rule_title(r.star_rule));
    }
  }
  out.section("按规则调整的星级");
  out.text(
      "得分达到更高星级线，但因必备条件、比例限额或晋星限制而评定较低的单位（一票否决见下节；"
      "逐项原因见 `xingji explain`）。\n\n");
  cap_rows(t, "按规则调整星级", "rule", out);
  table_or_none(t, out);
}

void veto_section(const Run& run, ReportOut& out) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  TextTable t;
  t.column("单位");
  t.column("否决事项");
  t.column("按得分", true);
  t.column("评定", true);
  for (const UnitKind kind : report_kinds(run)) {
    const Scheme& s = a.scheme(kind);
    const KindResult& result = ev.of(kind);
    for (const auto& p : result.ranking) {
      const auto u = static_cast<std::size_t>(p.unit);
      const auto& r = result.units[u];
      if (!r.vetoed) continue;
      std::vector<std::string> items;
      for (int v : triggered_vetoes(s, rated_values(run.data, ev, kind).row(u))) {
        const auto& veto = s.vetoes[static_cast<std::size_t>(v)];
        items.push_back(display_name(veto.name, veto.id));
      }
      t.row();
      t.cell(unit_title(a, UnitRef{kind, p.unit}));
      t.cell(fmt::format("{}", fmt::join(items, "、")));
      t.cell(fmt::format("{}星", r.score_stars));
      t.cell(fmt::format("{}星", r.stars));
    }
  }
  out.section("一票否决");
  cap_rows(t, "被一票否决", "veto", out);
  table_or_none(t, out);
}

void missing_section(const Run& run, ReportOut& out) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  TextTable t;
  t.column("单位");
  t.column("缺少的数据");
  for (const UnitKind kind : report_kinds(run)) {
    const Scheme& s = a.scheme(kind);
    const auto& units = ev.of(kind).units;
    for (std::size_t u = 0; u < units.size(); ++u) {
      if (!units[u].missing) continue;
      t.row();
      t.cell(unit_title(a, UnitRef{kind, static_cast<int>(u)}));
      t.cell(
          units[u].not_submitted
              ? std::string("未报送（本年度没有任何数据）")
              : fmt::format(
                    "{}", fmt::join(node_names(s, missing_leaves(s, rated_values(run.data, ev, kind).row(u))), "、")));
    }
  }
  out.section("缺少的数据");
  cap_rows(t, "缺少数据", "missing", out);
  if (t.rows.empty()) {
    out.none("无。\n");
    return;
  }
  // The village scheme's rule, which is what most missing values fall under.
  const auto policy = a.scheme(UnitKind::village).missing;
  out.text(fmt::format("缺项按细则的规定计分（{}）。\n\n", policy == MissingPolicy::zero ? "村：记0分"
                                                           : policy == MissingPolicy::mean
                                                               ? "村：取有数据村的平均得分率"
                                                               : "村：不允许缺项"));
  out.table(t);
}

void corrections_section(const Run& run, ReportOut& out) {
  const auto& a = run.assessment;
  if (a.correction_patterns.empty()) return;
  out.md += "\n";
  out.section("更正记录");
  TextTable t;
  t.column("年度");
  t.column("单位");
  t.column("指标");
  t.column("原值");
  t.column("更正为");
  t.column("出处");
  for (const Correction& c : run.data.corrections) {
    const Scheme& s = a.scheme(c.unit.kind);
    t.row();
    t.cell(fmt::to_string(c.year));
    t.cell(unit_title(a, c.unit));
    t.cell(item_name(s, c.item));
    t.cell(item_text(s, c.item, c.before));
    t.cell(item_text(s, c.item, c.after));
    t.cell(fmt::format("{}:{}", c.where.file, c.where.line));
  }
  if (t.rows.empty()) {
    out.none("无。\n");
    return;
  }
  out.text(fmt::format("以下{}处数据按更正文件补报或更正，原值为空的是补报。\n\n", t.rows.size()));
  out.table(t);
}

}  // namespace xingji::detail
