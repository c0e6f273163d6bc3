#include "allocate.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/i18n.hpp"
#include "common.hpp"
#include "xingji/allocate.hpp"
#include "xingji/run.hpp"

namespace xingji::cli {

namespace {
struct AllocateArgs {
  CommonOptions common;
  std::string first;   // PATH, or ID when it is the only word and names no file or folder
  std::string second;  // ID
  std::optional<std::string> amount;
  std::string by;
};

}  // namespace

void setup_allocate(CLI::App& app, std::ostream& out) {
  auto opts = std::make_shared<AllocateArgs>();
  auto* cmd = app.add_subcommand(
      "allocate", _("Share out an amount by the ratings (资金分配): every unit's part, adding up to the amount"));
  // `allocate`, `allocate ID`, `allocate PATH` or `allocate PATH ID`: one word that names
  // a file or folder is the assessment, any other the allocation.
  cmd->add_option("PATH", opts->first, _("Assessment folder or its manifest (default: the current folder)"));
  cmd->add_option("ID", opts->second, _("Id of the allocation (default: every allocation of the manifest)"));
  cmd->add_option("--year", opts->common.year, _("Year to evaluate (default: the latest year in the data)"));
  cmd->add_option("--amount", opts->amount,
                  _("Amount to share out, overriding the manifest's (needs ID when it has several)"))
      ->type_name("NUMBER");
  cmd->add_option("--by", opts->by, _("Also sum the parts within each group of a roster field"))
      ->check(CLI::IsMember({"township", "county", "category", "alliance"}));
  add_encoding(*cmd, opts->common);
  opts->common.format = "table";
  cmd->add_option("--format", opts->common.format, _("Output format"))
      ->check(CLI::IsMember({"table", "csv", "md", "json"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", opts->common.output, _("Write to FILE (all or nothing) instead of standard output"));
  cmd->add_flag("--bom", opts->common.bom,
                _("Start CSV with a UTF-8 byte-order mark, so Excel reads Chinese text right"));
  cmd->callback([opts, &out] {
    std::string path = ".", id;
    std::error_code ec;
    if (!opts->second.empty()) {
      path = opts->first;
      id = opts->second;
    } else if (!opts->first.empty()) {
      (std::filesystem::exists(opts->first, ec) ? path : id) = opts->first;
    }
    const Run run = run_assessment(path, opts->common.year, false, opts->common.encoding);
    print_diagnostics(run.assessment.warnings());
    const auto allocations = allocations_named(run.assessment, id);
    if (opts->amount && allocations.size() > 1) {
      throw CLI::ValidationError("--amount", _("the manifest has several allocations; name the one to share out"));
    }
    std::vector<AllocationResult> results;
    for (const Allocation* al : allocations)
      results.push_back(allocate(run.assessment, run.eval, *al,
                                 opts->amount ? std::optional<std::string_view>(*opts->amount) : std::nullopt));
    AllocateOptions o;
    o.by = opts->by;
    emit(
        opts->common, run.assessment,
        [&](std::ostream& os) {
          render_allocations(run, results, o, format_of(opts->common.format), os, table_width(opts->common, out));
        },
        out);
  });
}

}  // namespace xingji::cli
