#include "explain.hpp"

#include <filesystem>
#include <memory>
#include <string>

#include "base/files.hpp"
#include "base/i18n.hpp"
#include "common.hpp"
#include "xingji/explain.hpp"
#include "xingji/run.hpp"

namespace xingji::cli {

namespace {
struct ExplainArgs {
  CommonOptions common;
  std::string first;   // PATH, or UNIT when it is the only word
  std::string second;  // UNIT
};
}  // namespace

void setup_explain(CLI::App& app, std::ostream& out) {
  auto opts = std::make_shared<ExplainArgs>();
  auto* cmd =
      app.add_subcommand("explain", _("Why a unit has its score, stars, grade and tier, and its way to the next star"));
  // `explain UNIT` or `explain PATH UNIT`: with one word, it is the unit.
  cmd->add_option("PATH", opts->first, _("Assessment folder or its manifest (default: the current folder)"));
  cmd->add_option("UNIT", opts->second, _("Id or name of the village or alliance to explain"));
  cmd->add_option("--year", opts->common.year, _("Year to evaluate (default: the latest year in the data)"));
  add_encoding(*cmd, opts->common);
  opts->common.format = "text";
  cmd->add_option("--format", opts->common.format, _("Output format"))
      ->check(CLI::IsMember({"text", "md", "json"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", opts->common.output, _("Write to FILE (all or nothing) instead of standard output"));
  cmd->callback([opts, &out] {
    if (opts->first.empty()) throw CLI::RequiredError(_("UNIT (explain [PATH] UNIT)"));
    const bool both = !opts->second.empty();
    // `explain yancheng`: the unit left out. Only an assessment (a folder holding a manifest,
    // or a .yaml file) is taken for one: a clerk's folder named 江口村 is no reason to refuse.
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path word(opts->first);
    const bool assessment = fs::is_regular_file(word / "xingji.yaml", ec) ||
                            (fs::is_regular_file(word, ec) && (detail::ends_with_ignoring_case(opts->first, ".yaml") ||
                                                               detail::ends_with_ignoring_case(opts->first, ".yml")));
    if (!both && assessment) {
      throw CLI::ValidationError(
          "UNIT", _f("'{}' is an assessment, not a unit: name the unit to explain after it (xingji explain {} UNIT)",
                     opts->first, opts->first));
    }
    const std::string path = both ? opts->first : std::string(".");
    const std::string& unit = both ? opts->second : opts->first;
    const Run run = run_assessment(path, opts->common.year, false, opts->common.encoding);
    print_diagnostics(run.assessment.warnings());
    const Explanation e = explain(run, unit);
    emit(
        opts->common, run.assessment,
        [&](std::ostream& os) {
          render_explanation(run, e, format_of(opts->common.format), os, table_width(opts->common, out));
        },
        out);
  });
}

}  // namespace xingji::cli
