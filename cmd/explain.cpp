#include "explain.hpp"

#include <memory>
#include <string>
#include <vector>

#include "common.hpp"
#include "xingji/explain.hpp"
#include "xingji/run.hpp"

namespace xingji::cli {

namespace {
struct ExplainArgs {
  CommonOptions common;
  std::vector<std::string> args;  // [PATH] UNIT
};
}  // namespace

void setup_explain(CLI::App& app, std::ostream& out) {
  auto opts = std::make_shared<ExplainArgs>();
  auto* cmd =
      app.add_subcommand("explain", "Why a unit has its score, stars, grade and tier, and its way to the next star");
  cmd->add_option("[PATH] UNIT", opts->args,
                  "Assessment folder or manifest (default: the current folder), then a village or alliance id")
      ->expected(1, 2)
      ->required();
  cmd->add_option("--year", opts->common.year, "Year to evaluate (default: the latest year in the data)");
  add_encoding(*cmd, opts->common);
  opts->common.format = "text";
  cmd->add_option("--format", opts->common.format, "Output format")
      ->check(CLI::IsMember({"text", "md", "json"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", opts->common.output, "Write to FILE (all or nothing) instead of standard output");
  cmd->callback([opts, &out] {
    const std::string path = opts->args.size() == 2 ? opts->args[0] : std::string(".");
    const std::string& unit = opts->args.back();
    const Run run = run_assessment(path, opts->common.year, false, opts->common.encoding);
    const Explanation e = explain(run, unit);
    emit(
        opts->common, [&](std::ostream& os) { render_explanation(run, e, format_of(opts->common.format), os); }, out);
  });
}

}  // namespace xingji::cli
