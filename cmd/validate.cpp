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
  auto strict = std::make_shared<bool>(false);
  cmd->add_flag("--strict", *strict, _("Treat warnings (such as points that do not add up) as errors"));
  cmd->callback([opts, strict, &out] {
    const Assessment a = load_assessment(opts->path, opts->encoding);
    if (*strict && !a.warnings().empty()) throw as_errors(a.warnings());
    print_diagnostics(a.warnings());
    // Which CSV inputs were not UTF-8 (spec 5), when no encoding is forced.
    std::vector<Diagnostic> notes;
    if (a.encoding.empty()) {
      std::vector<std::string> inputs;
      for (const Kind& kind : a.kinds) inputs.emplace_back(a.roster.file_of(kind.id));
      inputs.insert(inputs.end(), a.data_files.begin(), a.data_files.end());
      inputs.insert(inputs.end(), a.correction_files.begin(), a.correction_files.end());
      for (const auto& file : inputs) {
        if (file.ends_with(".csv") && csv_encoding(file) == "gb18030") {
          notes.push_back(Diagnostic{Location{file, 0, 0}, _("read as GB18030"), Severity::note});
        }
      }
    }
    print_diagnostics(notes);
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
    // A blank year (a template copied into the data folder before it was filled in) is no
    // year of the data: said, as a warning, so that --strict refuses it; so are ledger events
    // dated after today.
    std::vector<Diagnostic> blank;
    for (const int year : data.blank_years) {
      blank.push_back(Diagnostic{Location{a.manifest, 0, 0},
                                 _f("the data files name {} in rows that give no value (a data-entry template not yet "
                                    "filled in?): it is left out, and is no year of the data until values are entered",
                                    year),
                                 Severity::warning});
    }
    // Ledger events dated after today: a mistyped year, most likely.
    if (!a.ledger_files.empty()) {
      const std::vector<Diagnostic> future = future_events(a, today());
      blank.insert(blank.end(), future.begin(), future.end());
    }
    if (*strict && !blank.empty()) throw as_errors(blank);
    print_diagnostics(blank);
    out << _f("{}: ok: {} villages, {} alliances, {} data files, years {}", a.manifest, a.roster.villages.size(),
              a.roster.alliances.size(), a.data_files.size(), fmt::join(years, ", "))
        << '\n';
    if (!a.correction_patterns.empty()) {
      out << _f("{}: corrections files: {}, values corrected or added: {}", a.manifest, a.correction_files.size(),
                data.corrections.size())
          << '\n';
    }
    // People (spec 6): how many of each kind, and the ledgers read.
    if (a.kinds.size() > 2) {
      std::vector<std::string> people;
      for (std::size_t k = 2; k < a.kinds.size(); ++k)
        people.push_back(fmt::format("{} {}", a.roster.size(a.kinds[k].id), a.kinds[k].words.title));
      out << _f("{}: people: {}; ledger files: {}", a.manifest, fmt::join(people, ", "), a.ledger_files.size()) << '\n';
    }
  });
}

}  // namespace xingji::cli
