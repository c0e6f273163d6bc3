// `report --format csv`: the village table with the points of each top-level area, for
// Excel or WPS.
#include <fmt/format.h>

#include "compute/words.hpp"
#include "write/columns.hpp"
#include "write/report.hpp"

namespace xingji::detail {

std::string csv_report(const Run& run, bool excel_ids) {
  const auto& a = run.assessment;
  const auto& ev = run.eval;
  const Scheme& s = a.scheme(UnitKind::village);
  const auto& villages = ev.of(UnitKind::village);
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
  const auto extras = extras_of(a, UnitKind::village);
  extra_columns(t, extras, false);
  if (extras.tier) t.column("后进原因");
  for (const auto& p : villages.ranking) {
    const auto u = static_cast<std::size_t>(p.unit);
    const auto& v = a.roster.villages[u];
    const auto& r = villages.units[u];
    const UnitRef ref{UnitKind::village, p.unit};
    const Breakdown b = breakdown(a, run.data, ev, UnitKind::village, p.unit);
    t.row();
    t.cell(fmt::to_string(r.rank));
    t.cell(excel_ids ? excel_text(v.id()) : std::string(v.id()));
    t.cell(v.name());
    t.cell(v.township());
    if (allied) t.cell(column_cell(run, Column::alliance, ref));
    // The areas, the bonus and the deduction add up to the own score shown beside them (spec 8).
    std::vector<double> parts;
    for (int root : s.roots) parts.push_back(b.nodes[static_cast<std::size_t>(root)].points);
    parts.push_back(r.bonus);
    parts.push_back(-r.deduction);
    const Rounded own = round_score(r.own, a.precision);
    const std::vector<Rounded> shown = parts_adding_up(parts, own);
    for (std::size_t k = 0; k + 1 < shown.size(); ++k) t.cell(shown[k].str());
    t.cell(Rounded{-shown.back().units, a.precision}.str());
    t.cell(own.str());
    if (allied) t.cell(column_cell(run, Column::alliance_total, ref));
    t.cell(r.shown.str());
    t.cell(fmt::to_string(r.stars));
    extra_cells(t, extras, false, a, s, r);
    if (extras.tier) t.cell(backward_text(*a.tiers, s, r, rated_values(run.data, ev, UnitKind::village).row(u), false));
  }
  std::string out;
  render_csv(t, out);
  return out;
}

}  // namespace xingji::detail
