#include "validate.hpp"

#include <fmt/format.h>

#include <memory>
#include <vector>

#include "base/i18n.hpp"
#include "common.hpp"
#include "xingji/allocate.hpp"
#include "xingji/data.hpp"
#include "xingji/manifest.hpp"
#include "xingji/score.hpp"

namespace xingji::cli {

void setup_validate(CLI::App& app, std::ostream& out) {
  auto opts = std::make_shared<CommonOptions>();
  auto* cmd =
      app.add_subcommand("validate", _("Check an assessment: manifest, roster, schemes and every year of data"));
  cmd->add_option("PATH", opts->path, _("Assessment folder or its xingji.yaml manifest"))->capture_default_str();
  add_encoding(*cmd, *opts);
  cmd->callback([opts, &out] {
    const Assessment a = load_assessment(opts->path, opts->encoding);
    const DataSet data = load_data(a);
    std::vector<int> years;
    for (const auto& [year, unused] : data.years) {
      // Evaluating each year finds what only the arithmetic sees, such as missing values, and
      // sharing out each allocation what only the year's ratings decide (floors over the amount).
      const Evaluation ev = evaluate(a, data, year);
      for (const Allocation& al : a.allocations) {
        if (al.amount) (void)allocate(a, ev, al);
      }
      years.push_back(year);
    }
    if (years.empty()) (void)data.latest();
    out << _f("{}: ok: {} villages, {} alliances, {} data files, years {}", a.manifest, a.roster.villages.size(),
              a.roster.alliances.size(), a.data_files.size(), fmt::join(years, ", "))
        << '\n';
  });
}

}  // namespace xingji::cli
