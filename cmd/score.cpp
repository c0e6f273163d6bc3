#include "score.hpp"

#include <memory>

#include "base/i18n.hpp"
#include "common.hpp"
#include "xingji/run.hpp"

namespace xingji::cli {

void setup_score(CLI::App& app, std::ostream& out) {
  auto opts = std::make_shared<CommonOptions>();
  auto* cmd = app.add_subcommand("score", _("Score every village and alliance of one year"));
  add_common(*cmd, *opts, {"table", "csv", "md", "json", "xlsx"}, true);
  add_excel(*cmd, *opts);
  cmd->callback([opts, &out] {
    check_workbook_output(*opts);
    check_excel(*opts);
    const Run run = run_assessment(opts->path, opts->year, false, opts->encoding);
    print_diagnostics(run.assessment.warnings());
    if (is_workbook(*opts))
      return emit_workbook(*opts, run.assessment, [&](AtomicFile& f) { write_scores_xlsx(run, f); });
    emit(
        *opts, run.assessment,
        [&](std::ostream& os) {
          render_scores(run, format_of(opts->format), os, table_width(*opts, out), opts->excel);
        },
        out);
  });
}

}  // namespace xingji::cli
