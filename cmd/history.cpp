#include "history.hpp"

#include <filesystem>
#include <memory>
#include <string>

#include "base/i18n.hpp"
#include "common.hpp"
#include "xingji/data.hpp"
#include "xingji/explain.hpp"
#include "xingji/history.hpp"
#include "xingji/manifest.hpp"

namespace xingji::cli {

namespace {
struct HistoryArgs {
  CommonOptions common;
  std::string first;   // PATH, or UNIT when it is the only word and names no file or folder
  std::string second;  // UNIT
  std::string level = "village";
};
}  // namespace

void setup_history(CLI::App& app, std::ostream& out) {
  auto opts = std::make_shared<HistoryArgs>();
  auto* cmd = app.add_subcommand(
      "history", _("Every year with data side by side: scores, stars and ranks, changes in stars (晋星, 降星) and "
                   "runs of rising scores (年年攀升); HTML with charts to print"));
  // `history`, `history UNIT`, `history PATH` or `history PATH UNIT`: one word that names
  // a file or folder is the assessment, any other the unit (as for `allocate`).
  cmd->add_option("PATH", opts->first, _("Assessment folder or its manifest (default: the current folder)"));
  cmd->add_option("UNIT", opts->second, _("Id or name of one village or alliance (default: every unit of the kind)"));
  auto* level =
      cmd->add_option("--level", opts->level, _("The kind of unit: village, alliance or a kind of people (e.g. cadre)"))
          ->capture_default_str();
  add_encoding(*cmd, opts->common);
  opts->common.format = "table";
  cmd->add_option("--format", opts->common.format, _("Output format"))
      ->check(CLI::IsMember({"table", "csv", "md", "json", "xlsx", "html"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", opts->common.output, _("Write to FILE (all or nothing) instead of standard output"));
  cmd->add_flag("--bom", opts->common.bom,
                _("Start CSV with a UTF-8 byte-order mark, so Excel reads Chinese text right"));
  cmd->callback([opts, level, &out] {
    check_workbook_output(opts->common);
    std::string path = ".", unit;
    std::error_code ec;
    if (!opts->second.empty()) {
      path = opts->first;
      unit = opts->second;
    } else if (!opts->first.empty()) {
      (std::filesystem::exists(opts->first, ec) ? path : unit) = opts->first;
    }
    const Assessment a = load_assessment(path, opts->common.encoding);
    print_diagnostics(a.warnings());
    const DataSet data = load_data(a);
    const Kind* kind = &level_kind(a, opts->level);
    std::optional<int> index;
    UnitKind of = kind->id;
    if (!unit.empty()) {
      const auto ref = find_unit(a, unit, level->count() > 0 ? std::optional(kind->id) : std::nullopt);
      if (level->count() > 0 && ref->kind != kind->id) {
        throw CLI::ValidationError("--level", _f("'{}' is {}; leave out --level, or give --level {}", unit,
                                                 tr(a.kind(ref->kind).words.article), a.kind(ref->kind).words.id));
      }
      of = ref->kind;
      index = ref->index;
    }
    const History h = history(a, data, of, index);
    if (is_workbook(opts->common)) {
      return emit_workbook(opts->common, a, [&](AtomicFile& f) { write_history_xlsx(a, h, f); });
    }
    emit(
        opts->common, a,
        [&](std::ostream& os) {
          render_history(a, h, format_of(opts->common.format), os, table_width(opts->common, out));
        },
        out);
  });
}

}  // namespace xingji::cli
