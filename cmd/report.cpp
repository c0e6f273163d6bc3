#include "report.hpp"

#include <memory>

#include "base/i18n.hpp"
#include "common.hpp"
#include "xingji/report.hpp"

namespace xingji::cli {

void setup_report(CLI::App& app, std::ostream& out) {
  auto opts = std::make_shared<CommonOptions>();
  auto* cmd = app.add_subcommand("report", _("Write the yearly report: Markdown to publish, HTML with charts to print, "
                                             "or a workbook or CSV for Excel and WPS"));
  add_common(*cmd, *opts, {"md", "csv", "xlsx", "html"}, true);
  add_excel(*cmd, *opts);
  cmd->callback([opts, &out] {
    check_workbook_output(*opts);
    check_excel(*opts);
    const Run run = run_assessment(opts->path, opts->year, true, opts->encoding);
    print_diagnostics(run.assessment.warnings());
    if (is_workbook(*opts))
      return emit_workbook(*opts, run.assessment, [&](AtomicFile& f) { write_report_xlsx(run, f); });
    emit(
        *opts, run.assessment, [&](std::ostream& os) { render_report(run, format_of(opts->format), os, opts->excel); },
        out);
  });
}

}  // namespace xingji::cli
