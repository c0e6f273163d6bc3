// The report's sections on funds (spec 7): a section per allocation of the manifest.
#include <fmt/format.h>

#include "compute/words.hpp"
#include "write/allocations.hpp"
#include "write/report.hpp"

namespace xingji::detail {

namespace {

// A sharing's table, cut to kGroupRows units (and its total) when longer.
void sharing_section(const Run& run, const AllocationResult& r, const Sharing& s, const ShareRule& rule,
                     ReportOut& out) {
  TextTable t = sharing_table(run, r, s, rule, false);
  const std::size_t units = t.rows.size() - 1;  // the last row is the total
  if (units > kGroupRows) {
    out.text(fmt::format("共{}个单位，列出前{}个（全部见 `xingji allocate {} --format csv`）。\n\n", units, kGroupRows,
                         r.allocation->id));
    std::vector<std::string> total = std::move(t.rows.back());
    t.rows.resize(kGroupRows);
    t.rows.push_back(std::move(total));
  }
  out.table(t);
  out.md += "\n";
}

}  // namespace

void allocation_sections(const Run& run, ReportOut& out) {
  const Assessment& a = run.assessment;
  for (const Allocation& al : a.allocations) {
    out.section(fmt::format("资金分配：{}", display_name(al.name, al.id)));
    if (!al.amount) {
      out.text(fmt::format("清单未给出总额：用 `xingji allocate {} --amount 金额` 计算。\n\n", al.id));
      continue;
    }
    const AllocationResult r = allocate(a, run.eval, al);
    out.text(allocation_summary(run, r) + "\n");
    sharing_section(run, r, r.shared, al.rule, out);
    for (std::size_t i = 0; i < r.then.size() && i < kListed; ++i) {
      const Sharing& s = r.then[i];
      out.subsection(fmt::format("{}（{}元）分给成员村",
                                 display_name(a.roster.name_of(*s.parent), a.roster.id_of(*s.parent)),
                                 money_text(s.amount, r.unit)));
      sharing_section(run, r, s, *al.then, out);
    }
    if (r.then.size() > kListed) {
      out.text(fmt::format("另有{}个联盟的再分配见 `xingji allocate {} --format csv`。\n\n", r.then.size() - kListed,
                           al.id));
    }
  }
}

}  // namespace xingji::detail
