#include "rank.hpp"

#include <fmt/format.h>

#include <memory>

#include "base/i18n.hpp"
#include "common.hpp"
#include "xingji/run.hpp"

namespace xingji::cli {

namespace {
struct RankArgs {
  CommonOptions common;
  std::string level = "village";
  std::string by;
  int top = 0;
  int bottom = 0;
};
}  // namespace

void setup_rank(CLI::App& app, std::ostream& out) {
  auto opts = std::make_shared<RankArgs>();
  auto* cmd = app.add_subcommand("rank", _("Rank villages or alliances, overall or within a roster field"));
  add_common(*cmd, opts->common, {"table", "csv", "md", "json", "xlsx"}, true);
  cmd->add_option("--level", opts->level, _("Rank villages, alliances or a kind of people (e.g. cadre)"))
      ->capture_default_str();
  cmd->add_option("--by", opts->by,
                  _("Rank within each group of a roster field: township, county, category, alliance; for people "
                    "also village and role"))
      ->check(CLI::IsMember({"township", "county", "category", "alliance", "village", "role"}));
  auto* top =
      cmd->add_option("--top", opts->top, _("Only the first N ranks (ties at N included)"))->check(CLI::PositiveNumber);
  auto* bottom =
      cmd->add_option("--bottom", opts->bottom, _("Only the last N units (ties included)"))->check(CLI::PositiveNumber);
  top->excludes(bottom);
  cmd->callback([opts, &out] {
    if (opts->level == "alliance" && !opts->by.empty()) {
      throw CLI::ValidationError("--by", _("groups villages by a roster field; use it with --level village"));
    }
    if (opts->level == "village" && (opts->by == "village" || opts->by == "role")) {
      throw CLI::ValidationError(
          "--by", _f("groups people by their {}; use it with the --level of a kind of people", opts->by));
    }
    check_workbook_output(opts->common);
    const Run run = run_assessment(opts->common.path, opts->common.year, false, opts->common.encoding);
    print_diagnostics(run.assessment.warnings());
    RankOptions r;
    const Kind* kind = &level_kind(run.assessment, opts->level);
    r.level = kind->id;
    r.by = opts->by;
    r.top = opts->top;
    r.bottom = opts->bottom;
    if (is_workbook(opts->common)) {
      return emit_workbook(opts->common, run.assessment, [&](AtomicFile& f) { write_ranking_xlsx(run, r, f); });
    }
    emit(
        opts->common, run.assessment,
        [&](std::ostream& os) {
          render_ranking(run, r, format_of(opts->common.format), os, table_width(opts->common, out));
        },
        out);
  });
}

}  // namespace xingji::cli
