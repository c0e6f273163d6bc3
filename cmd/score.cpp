#include "score.hpp"

#include <memory>

#include "base/i18n.hpp"
#include "common.hpp"
#include "xingji/run.hpp"

namespace xingji::cli {

void setup_score(CLI::App& app, std::ostream& out) {
  auto opts = std::make_shared<CommonOptions>();
  auto level = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("score", _("Score every village and alliance of one year"));
  add_common(*cmd, *opts, {"table", "csv", "md", "json", "xlsx"}, true);
  add_excel(*cmd, *opts);
  cmd->add_option("--level", *level,
                  _("Only one kind of unit: village, alliance or a kind of people (e.g. cadre); default: every kind"));
  cmd->callback([opts, level, &out] {
    check_workbook_output(*opts);
    check_excel(*opts);
    const Run run = run_assessment(opts->path, opts->year, false, opts->encoding);
    print_diagnostics(run.assessment.warnings());
    std::optional<UnitKind> only;
    if (!level->empty()) {
      const Kind* kind = &level_kind(run.assessment, *level);
      only = kind->id;
    }
    if (is_workbook(*opts))
      return emit_workbook(*opts, run.assessment, [&](AtomicFile& f) { write_scores_xlsx(run, f, only); });
    emit(
        *opts, run.assessment,
        [&](std::ostream& os) {
          render_scores(run, format_of(opts->format), os, table_width(*opts, out), opts->excel, only);
        },
        out);
  });
}

}  // namespace xingji::cli
