#include "xingji/report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <unordered_map>

#include "compute/stars.hpp"
#include "write/table.hpp"
#include "write/view_util.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"
#include "xingji/score.hpp"

namespace xingji {

namespace {

using detail::display_name;

std::string rounded(double x, int precision) { return round_score(x, precision).str(); }

// "+1.25", "-0.50", "0.00": a change as people write it.
std::string signed_text(const Rounded& now, const Rounded& before) {
  Rounded d{now.units - before.units, now.precision};
  std::string s = d.str();
  return d.units > 0 ? "+" + s : s;
}

// 1 - 0.8 is 0.19999999999999996 in binary; people wrote 0.2.
std::string complement(double share) { return format_number(std::round((1 - share) * 1e9) / 1e9); }

std::string signed_int(int d) { return d > 0 ? "+" + std::to_string(d) : std::to_string(d); }

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

void distribution(const Run& run, std::string& out) {
  const auto& a = run.assessment;
  const int max = std::max(a.village_scheme.max_stars(), a.alliance_scheme ? a.alliance_scheme->max_stars() : 0);
  std::map<int, std::size_t, std::greater<>> villages, alliances;
  for (const auto& r : run.eval.villages) villages[r.stars]++;
  for (const auto& r : run.eval.alliances) alliances[r.stars]++;
  TextTable t;
  t.column("星级");
  t.column("村", true);
  if (run.eval.alliances_scored) t.column("联盟", true);
  int lowest = 0;
  for (int s = max; s >= lowest; --s) {
    t.row();
    t.cell(s == 0 ? "无星" : star_text(s, max));
    t.cell(std::to_string(villages.count(s) ? villages[s] : 0));
    if (run.eval.alliances_scored) t.cell(std::to_string(alliances.count(s) ? alliances[s] : 0));
  }
  t.row();
  t.cell("合计");
  t.cell(std::to_string(run.eval.villages.size()));
  if (run.eval.alliances_scored) t.cell(std::to_string(run.eval.alliances.size()));
  out += "## 星级分布\n\n";
  render_markdown(t, out);
  out += "\n";
}

// Above these counts a table of every unit is no longer readable: the report summarises
// instead (the full table stays in `score --format csv` and `report --format csv`).
constexpr std::size_t kFullTable = 1000;
constexpr std::size_t kListed = 20;
constexpr std::size_t kGroupRows = 200;

// Villages grouped by a roster field: count, mean final score and villages per star level.
void group_summary(const Run& run, const std::string& field, const std::string& title, std::string& out) {
  const auto& a = run.assessment;
  const int max = a.village_scheme.max_stars();
  struct Group {
    std::string name;
    std::size_t count = 0;
    double sum = 0;
    std::vector<std::size_t> stars;
  };
  std::vector<Group> groups;
  std::unordered_map<std::string_view, std::size_t> at;
  for (std::size_t u = 0; u < a.roster.villages.size(); ++u) {
    const std::string_view key = *a.roster.villages[u].field(field);
    auto [it, fresh] = at.emplace(key, groups.size());
    if (fresh)
      groups.push_back(Group{key.empty() ? "（未填）" : std::string(key), 0, 0,
                             std::vector<std::size_t>(static_cast<std::size_t>(max) + 1)});
    Group& g = groups[it->second];
    const auto& r = run.eval.villages[u];
    ++g.count;
    g.sum += r.shown.value();
    ++g.stars[static_cast<std::size_t>(std::clamp(r.stars, 0, max))];
  }
  std::vector<std::size_t> order(groups.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::string note;
  if (groups.size() > kGroupRows) {
    // Too many to list: the best and the worst by mean score.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return groups[x].sum / static_cast<double>(groups[x].count) >
             groups[y].sum / static_cast<double>(groups[y].count);
    });
    std::vector<std::size_t> shown(order.begin(), order.begin() + kListed);
    shown.insert(shown.end(), order.end() - kListed, order.end());
    note =
        "共" + std::to_string(groups.size()) + "个，列出平均得分最高和最低的各" + std::to_string(kListed) + "个。\n\n";
    order = shown;
  }
  TextTable t;
  t.column(title);
  t.column("村数", true);
  t.column("平均得分", true);
  for (int st = max; st >= 0; --st) t.column(st == 0 ? "无星" : std::to_string(st) + "星", true);
  for (std::size_t i : order) {
    const Group& g = groups[i];
    t.row();
    t.cell(g.name);
    t.cell(std::to_string(g.count));
    t.cell(round_score(g.sum / static_cast<double>(g.count), a.precision).str());
    for (int st = max; st >= 0; --st) t.cell(std::to_string(g.stars[static_cast<std::size_t>(st)]));
  }
  out += "## 按" + title + "汇总\n\n" + note;
  render_markdown(t, out);
  out += "\n";
}

// Keeps at most kGroupRows rows of a list of units, saying how many there are and where the
// rest can be found (the score CSV's column `column`).
void cap_rows(TextTable& t, const std::string& what, const std::string& column, std::string& out) {
  if (t.rows.size() <= kGroupRows) return;
  out += "共" + std::to_string(t.rows.size()) + "个单位" + what + "，列出前" + std::to_string(kGroupRows) +
         "个（全部见 `xingji score --format csv` 的 " + column + " 列）。\n\n";
  t.rows.resize(kGroupRows);
}

// The first and last `kListed` of a ranking, a tie at either edge kept whole.
Ranking ends_of(const Ranking& ranking, bool top) {
  if (ranking.size() <= kListed) return top ? ranking : Ranking{};
  std::size_t from = 0, to = ranking.size();
  if (top) {
    to = kListed;
    while (to < ranking.size() && ranking[to].rank == ranking[to - 1].rank) ++to;
  } else {
    from = ranking.size() - kListed;
    while (from > 0 && ranking[from - 1].rank == ranking[from].rank) --from;
  }
  return {ranking.begin() + static_cast<std::ptrdiff_t>(from), ranking.begin() + static_cast<std::ptrdiff_t>(to)};
}

// A ranking as one section, or, when long, as two: its first and its last kListed.
template <class Rows>
void ranking_sections(const Ranking& ranking, const std::string& title, Rows&& rows) {
  if (ranking.size() > kFullTable) {
    rows(ends_of(ranking, true), "## " + title + "前" + std::to_string(kListed) + "名\n\n");
    rows(ends_of(ranking, false), "## " + title + "后" + std::to_string(kListed) + "名\n\n");
  } else {
    rows(ranking, "## " + title + "\n\n");
  }
}

std::string unit_title(const Assessment& a, UnitKind kind, std::size_t u) {
  return kind == UnitKind::village ? display_name(a.roster.villages[u].name(), a.roster.villages[u].id())
                                   : display_name(a.roster.alliances[u].name, a.roster.alliances[u].id) + "（联盟）";
}

// 抓两头带中间: the backward units with their reasons (every one: no quota), then the
// advanced units as candidates for model villages (示范).
void tier_sections(const Run& run, std::string& out) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  const Tiers& tiers = *a.tiers;
  const auto* yd = run.data.year(ev.year);
  for (const Tier tier : {Tier::backward, Tier::advanced}) {
    TextTable t;
    t.column("排名", true);
    t.column("单位");
    t.column("最终得分", true);
    t.column("星级");
    t.column(tier == Tier::backward ? "原因" : "等次");
    for (const UnitKind kind : {UnitKind::alliance, UnitKind::village}) {
      const Scheme* s = a.scheme_for(kind);
      if (s == nullptr || (kind == UnitKind::alliance && !ev.alliances_scored)) continue;
      for (const auto& p : kind == UnitKind::village ? ev.village_ranking : ev.alliance_ranking) {
        const auto u = static_cast<std::size_t>(p.unit);
        const UnitScore& r = ev.of(kind)[u];
        if (r.tier != tier) continue;
        t.row();
        t.cell(std::to_string(r.rank));
        t.cell(unit_title(a, kind, u));
        t.cell(r.shown.str());
        t.cell(star_text(r.stars, s->max_stars()));
        t.cell(tier == Tier::backward ? detail::backward_text(tiers, *s, r, yd->of(kind).row(u))
                                      : detail::grade_label(*s, r));
      }
    }
    if (tier == Tier::backward) {
      out += "## " + tiers.labels[2] + "（应整尽整，不设比例）\n\n";
      std::string rule;
      if (tiers.max_stars) rule += "星级不高于" + std::to_string(*tiers.max_stars) + "星";
      if (tiers.below) rule += (rule.empty() ? "" : "、") + std::string("得分低于") + format_number(*tiers.below);
      if (tiers.veto) rule += (rule.empty() ? "" : "、") + std::string("被一票否决");
      if (!rule.empty()) out += "凡" + rule + "之一的，均列为" + tiers.labels[2] + "，逐一整顿。\n\n";
    } else {
      out += "## 示范候选（" + tiers.labels[0] + "）\n\n";
      std::string rule;
      if (tiers.min_stars) rule += "星级不低于" + std::to_string(*tiers.min_stars) + "星";
      if (tiers.top_share)
        rule += (rule.empty() ? "" : "且") + std::string("排名在前") + format_number(*tiers.top_share * 100) + "%";
      if (!rule.empty()) out += rule + "的单位，可从中推选示范。\n\n";
    }
    cap_rows(t, tier == Tier::backward ? "列为" + tiers.labels[2] : "列为" + tiers.labels[0], "tier", out);
    if (t.rows.empty()) {
      out += "无。\n\n";
    } else {
      render_markdown(t, out);
      out += "\n";
    }
  }
}

// Units whose stars are below what their score reaches, and the rule that decided it.
void rule_section(const Run& run, std::string& out) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  if (!detail::extras_of(a, UnitKind::village).rule && !detail::extras_of(a, UnitKind::alliance).rule) return;
  TextTable t;
  t.column("单位");
  t.column("最终得分", true);
  t.column("按得分", true);
  t.column("评定", true);
  t.column("定级依据");
  for (const UnitKind kind : {UnitKind::alliance, UnitKind::village}) {
    if (kind == UnitKind::alliance && !ev.alliances_scored) continue;
    for (const auto& p : kind == UnitKind::village ? ev.village_ranking : ev.alliance_ranking) {
      const auto u = static_cast<std::size_t>(p.unit);
      const UnitScore& r = ev.of(kind)[u];
      if (r.star_rule == Decided::score || r.star_rule == Decided::veto) continue;
      t.row();
      t.cell(unit_title(a, kind, u));
      t.cell(r.shown.str());
      t.cell(std::to_string(r.score_stars) + "星");
      t.cell(std::to_string(r.stars) + "星");
      t.cell(detail::rule_title(r.star_rule));
    }
  }
  out += "## 按规则调整的星级\n\n";
  out +=
      "得分达到更高星级线，但因必备条件、比例限额或晋星限制而评定较低的单位（一票否决见下节；"
      "逐项原因见 `xingji explain`）。\n\n";
  cap_rows(t, "按规则调整星级", "rule", out);
  if (t.rows.empty()) {
    out += "无。\n\n";
  } else {
    render_markdown(t, out);
    out += "\n";
  }
}

std::string markdown_report(const Run& run) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  const auto* yd = run.data.year(ev.year);
  const Evaluation* prev = run.previous ? &*run.previous : nullptr;
  std::string out = "# " + (a.name.empty() ? std::string("星级评定") : a.name) + "\n\n";
  out += "**" + std::to_string(ev.year) + "年度**：" + std::to_string(a.roster.villages.size()) + "个村";
  if (ev.alliances_scored) out += "、" + std::to_string(a.roster.alliances.size()) + "个联盟";
  out += "参加评定。";
  if (a.dual) {
    out += "实行联盟和成员村“双考评”：联盟总分 = " + format_number(a.dual->alliance_own) + " × 联盟自身得分 + " +
           complement(a.dual->alliance_own) + " × 成员村得分（" +
           (a.dual->members == MemberAggregate::mean     ? "平均"
            : a.dual->members == MemberAggregate::median ? "中位数"
                                                         : "最低") +
           "）；村最终得分 = " + format_number(a.dual->village_own) + " × 本村得分 + " +
           complement(a.dual->village_own) + " × 所在联盟总分。";
  }
  out += "得分保留" + std::to_string(a.precision) + "位小数，星级和排名按显示的得分确定。\n\n";

  out += "## 考评细则\n\n";
  scheme_section(a.village_scheme, "村", out);
  if (a.alliance_scheme) scheme_section(*a.alliance_scheme, "联盟", out);
  distribution(run, out);

  if (ev.alliances_scored) {
    auto alliance_rows = [&](const Ranking& rows, const std::string& heading) {
      out += heading;
      TextTable t;
      t.column("排名", true);
      t.column("联盟");
      t.column("本联盟得分", true);
      t.column("成员村得分", true);
      t.column("总分", true);
      t.column("星级");
      if (prev) {
        t.column("较上年", true);
        t.column("星级变化", true);
      }
      t.column("成员村");
      const int max = a.alliance_scheme->max_stars();
      for (const auto& p : rows) {
        const auto u = static_cast<std::size_t>(p.unit);
        const auto& al = a.roster.alliances[u];
        const auto& r = ev.alliances[u];
        t.row();
        t.cell(std::to_string(r.rank));
        t.cell(display_name(al.name, al.id));
        t.cell(rounded(r.own, a.precision));
        t.cell(std::isnan(r.members) ? "—" : rounded(r.members, a.precision));
        t.cell(r.shown.str());
        t.cell(star_text(r.stars, max));
        if (prev) {
          t.cell(signed_text(r.shown, prev->alliances[u].shown));
          t.cell(signed_int(r.stars - prev->alliances[u].stars));
        }
        std::string names;
        for (int m : al.members) {
          const auto& v = a.roster.villages[static_cast<std::size_t>(m)];
          names +=
              (names.empty() ? "" : "、") + display_name(v.name(), v.id()) + (v.id() == al.chair ? "（主席）" : "");
        }
        t.cell(names);
      }
      render_markdown(t, out);
      out += "\n";
    };
    ranking_sections(ev.alliance_ranking, "联盟排名", alliance_rows);
  }

  const bool many_villages = ev.village_ranking.size() > kFullTable;
  if (many_villages) {
    bool counties = false;
    for (const auto& v : a.roster.villages) counties = counties || !v.county().empty();
    if (counties) group_summary(run, "county", "县", out);
    group_summary(run, "township", "乡镇", out);
  }
  auto village_rows = [&](const Ranking& rows, const std::string& heading) {
    out += heading;
    {
      TextTable t;
      t.column("排名", true);
      t.column("村");
      t.column("乡镇");
      if (!a.roster.alliances.empty()) t.column("联盟");
      t.column("本村得分", true);
      t.column("最终得分", true);
      t.column("星级");
      const auto extras = detail::extras_of(a, UnitKind::village);
      if (extras.grade) t.column("等次");
      if (extras.tier) t.column("分层");
      if (prev) {
        t.column("较上年", true);
        t.column("星级变化", true);
      }
      const int max = a.village_scheme.max_stars();
      for (const auto& p : rows) {
        const auto u = static_cast<std::size_t>(p.unit);
        const auto& v = a.roster.villages[u];
        const auto& r = ev.villages[u];
        t.row();
        t.cell(std::to_string(r.rank));
        t.cell(display_name(v.name(), v.id()));
        t.cell(v.township());
        if (!a.roster.alliances.empty()) {
          t.cell(v.alliance_index >= 0
                     ? display_name(a.roster.alliances[static_cast<std::size_t>(v.alliance_index)].name, v.alliance())
                     : "—");
        }
        t.cell(rounded(r.own, a.precision));
        t.cell(r.shown.str());
        t.cell(star_text(r.stars, max));
        if (extras.grade) t.cell(detail::grade_label(a.village_scheme, r));
        if (extras.tier) t.cell(detail::tier_label(*a.tiers, r.tier));
        if (prev) {
          t.cell(signed_text(r.shown, prev->villages[u].shown));
          t.cell(signed_int(r.stars - prev->villages[u].stars));
        }
      }
      render_markdown(t, out);
      out += "\n";
    }
  };
  ranking_sections(ev.village_ranking, "村排名", village_rows);

  if (a.tiers) tier_sections(run, out);
  rule_section(run, out);

  // Vetoes: which unit, which item, and what it did to the stars.
  TextTable vetoes;
  vetoes.column("单位");
  vetoes.column("否决事项");
  vetoes.column("按得分", true);
  vetoes.column("评定", true);
  auto add_vetoes = [&](UnitKind kind) {
    const Scheme* s = a.scheme_for(kind);
    if (s == nullptr) return;
    const auto& ranking = kind == UnitKind::village ? ev.village_ranking : ev.alliance_ranking;
    for (const auto& p : ranking) {
      const auto u = static_cast<std::size_t>(p.unit);
      const auto& r = ev.of(kind)[u];
      if (!r.vetoed) continue;
      const auto row = yd->of(kind).row(u);
      std::string items;
      for (int v : triggered_vetoes(*s, row)) {
        const auto& veto = s->vetoes[static_cast<std::size_t>(v)];
        items += (items.empty() ? "" : "、") + display_name(veto.name, veto.id);
      }
      const std::string name = kind == UnitKind::village
                                   ? display_name(a.roster.villages[u].name(), a.roster.villages[u].id())
                                   : display_name(a.roster.alliances[u].name, a.roster.alliances[u].id);
      vetoes.row();
      vetoes.cell(name + (kind == UnitKind::alliance ? "（联盟）" : ""));
      vetoes.cell(items);
      vetoes.cell(std::to_string(r.score_stars) + "星");
      vetoes.cell(std::to_string(r.stars) + "星");
    }
  };
  add_vetoes(UnitKind::alliance);
  add_vetoes(UnitKind::village);
  out += "## 一票否决\n\n";
  cap_rows(vetoes, "被一票否决", "veto", out);
  if (vetoes.rows.empty())
    out += "无。\n\n";
  else {
    render_markdown(vetoes, out);
    out += "\n";
  }

  TextTable missing;
  missing.column("单位");
  missing.column("缺少的数据");
  auto add_missing = [&](UnitKind kind) {
    const Scheme* s = a.scheme_for(kind);
    if (s == nullptr) return;
    const std::size_t n = kind == UnitKind::village ? a.roster.villages.size() : a.roster.alliances.size();
    for (std::size_t u = 0; u < n; ++u) {
      if (!ev.of(kind)[u].missing) continue;
      std::string items;
      for (int i : missing_leaves(*s, yd->of(kind).row(u))) {
        const auto& node = s->nodes[static_cast<std::size_t>(i)];
        items += (items.empty() ? "" : "、") + display_name(node.name, node.id);
      }
      const std::string name = kind == UnitKind::village
                                   ? display_name(a.roster.villages[u].name(), a.roster.villages[u].id())
                                   : display_name(a.roster.alliances[u].name, a.roster.alliances[u].id);
      missing.row();
      missing.cell(name + (kind == UnitKind::alliance ? "（联盟）" : ""));
      missing.cell(items);
    }
  };
  add_missing(UnitKind::alliance);
  add_missing(UnitKind::village);
  out += "## 缺少的数据\n\n";
  cap_rows(missing, "缺少数据", "missing", out);
  if (missing.rows.empty())
    out += "无。\n";
  else {
    const auto policy = a.village_scheme.missing;
    out += std::string("缺项按细则的规定计分（") +
           (policy == MissingPolicy::zero   ? "村：记0分"
            : policy == MissingPolicy::mean ? "村：取有数据村的平均得分率"
                                            : "村：不允许缺项") +
           "）。\n\n";
    render_markdown(missing, out);
  }
  if (!prev) out += "\n（" + std::to_string(ev.year - 1) + "年无数据，不作比较。）\n";
  return out;
}

// The village table with the points of each top-level area, for Excel or WPS.
std::string csv_report(const Run& run) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  const Scheme& s = a.village_scheme;
  TextTable t;
  const bool allied = !a.roster.alliances.empty();
  for (const char* h : {"排名", "编号", "村", "乡镇"}) t.column(h);
  if (allied) t.column("联盟");
  for (int r : s.roots)
    t.column(display_name(s.nodes[static_cast<std::size_t>(r)].name, s.nodes[static_cast<std::size_t>(r)].id));
  for (const char* h : {"加分", "扣分", "本村得分"}) t.column(h);
  if (allied) t.column("联盟总分");
  t.column("最终得分");
  t.column("星级");
  const auto extras = detail::extras_of(a, UnitKind::village);
  if (extras.areas) t.column("所得星");
  if (extras.grade) t.column("等次");
  if (extras.rule) t.column("定级依据");
  if (extras.tier) {
    t.column("分层");
    t.column("后进原因");
  }
  for (const auto& p : ev.village_ranking) {
    const auto u = static_cast<std::size_t>(p.unit);
    const auto& v = a.roster.villages[u];
    const auto& r = ev.villages[u];
    const Breakdown b = breakdown(a, run.data, ev, UnitKind::village, p.unit);
    t.row();
    t.cell(std::to_string(r.rank));
    t.cell(v.id());
    t.cell(v.name());
    t.cell(v.township());
    if (allied) {
      t.cell(v.alliance_index >= 0
                 ? display_name(a.roster.alliances[static_cast<std::size_t>(v.alliance_index)].name, v.alliance())
                 : "");
    }
    for (int root : s.roots) t.cell(rounded(b.nodes[static_cast<std::size_t>(root)].points, a.precision));
    t.cell(rounded(r.bonus, a.precision));
    t.cell(rounded(r.deduction, a.precision));
    t.cell(rounded(r.own, a.precision));
    if (allied) {
      t.cell(ev.alliances_scored && v.alliance_index >= 0
                 ? ev.alliances[static_cast<std::size_t>(v.alliance_index)].shown.str()
                 : "");
    }
    t.cell(r.shown.str());
    t.cell(std::to_string(r.stars));
    if (extras.areas) t.cell(detail::id_list(detail::star_areas(s, r, true), ','));
    if (extras.grade) t.cell(detail::grade_label(s, r));
    if (extras.rule) t.cell(detail::rule_title(r.star_rule));
    if (extras.tier) {
      t.cell(detail::tier_label(*a.tiers, r.tier));
      t.cell(detail::backward_text(*a.tiers, s, r, run.data.year(ev.year)->villages.row(u)));
    }
  }
  std::string out;
  render_csv(t, out);
  return out;
}

}  // namespace

void render_report(const Run& run, Format format, std::ostream& out) {
  if (format == Format::md)
    out << markdown_report(run);
  else if (format == Format::csv)
    out << csv_report(run);
  else
    throw Error(Location{run.assessment.manifest, 0, 0}, "a report is written as md or csv");
}

std::string render_report(const Run& run, Format format) {
  std::ostringstream os;
  render_report(run, format, os);
  return std::move(os).str();
}

}  // namespace xingji
