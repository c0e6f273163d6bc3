#include "template.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/files.hpp"
#include "base/i18n.hpp"
#include "common.hpp"
#include "xingji/data.hpp"
#include "xingji/manifest.hpp"
#include "xingji/output.hpp"
#include "xingji/template.hpp"

namespace xingji::cli {

namespace {

struct TemplateArgs {
  CommonOptions common;
  std::string level = "village";
  std::string period;
  std::string by;
};

// The year a template is for when none is given: the one after the latest year with data
// (the data that comes next), or this calendar year when there is none to read.
int default_year(const Assessment& a) {
  try {
    return load_data(a).latest() + 1;
  } catch (const Error&) {
    return today().year;
  }
}

}  // namespace

void setup_template(CLI::App& app, std::ostream& out) {
  auto opts = std::make_shared<TemplateArgs>();
  auto* cmd = app.add_subcommand("template", _("Write the data-entry sheet (填报模板) for one kind of unit"));
  cmd->add_option("PATH", opts->common.path, _("Assessment folder or its xingji.yaml manifest"))->capture_default_str();
  cmd->add_option("--level", opts->level, _("The kind of unit whose data the sheet takes"))->capture_default_str();
  cmd->add_option("--year", opts->common.year,
                  _("The year the data is for (default: the year after the latest year with data)"));
  cmd->add_option("--period", opts->period, _("A quarter, e.g. 2024Q1: the sheet takes the quarterly items"));
  cmd->add_option("--by", opts->by, _("One file per value of a roster field (township, ...) into the folder -o"))
      ->check(CLI::IsMember({"township", "county", "category", "alliance", "village", "role"}));
  cmd->add_option("--format", opts->common.format,
                  _("xlsx or csv (default: from the ending of -o, else xlsx; csv without -o)"))
      ->check(CLI::IsMember({"xlsx", "csv"}));
  cmd->add_option("-o,--output", opts->common.output,
                  _("The file to write (FILE.xlsx, FILE.csv), or with --by a folder"));
  add_encoding(*cmd, opts->common);
  cmd->callback([opts, &out] {
    const Assessment a = load_assessment(opts->common.path, opts->common.encoding);
    print_diagnostics(a.warnings());
    TemplateOptions t;
    const Kind* kind = &level_kind(a, opts->level);
    t.kind = kind->id;
    t.by = opts->by;
    if (!opts->period.empty()) {
      const auto q = opts->period.find_first_of("Qq");
      const std::string year = opts->period.substr(0, q);
      const std::string quarter = q == std::string::npos ? "" : opts->period.substr(q + 1);
      if (q == std::string::npos || year.size() != 4 || quarter.size() != 1 || quarter[0] < '1' || quarter[0] > '4' ||
          year.find_first_not_of("0123456789") != std::string::npos) {
        throw CLI::ValidationError("--period", _f("'{}' is not a quarter; write it as 2024Q1 to 2024Q4", opts->period));
      }
      t.year = std::stoi(year);
      t.quarter = quarter[0] - '0';
      if (opts->common.year && *opts->common.year != t.year) {
        throw CLI::ValidationError("--year", _("--year and --period name different years; give one of them"));
      }
    } else {
      t.year = opts->common.year ? *opts->common.year : default_year(a);
    }
    const std::string& output = opts->common.output;
    std::string& format = opts->common.format;
    if (format.empty())
      format = output.empty() || (opts->by.empty() && detail::ends_with_ignoring_case(output, ".csv")) ? "csv" : "xlsx";
    check_workbook_output(opts->common);
    if (!opts->by.empty() && output.empty()) {
      throw CLI::ValidationError("--by", _("writes a file per group: give their folder with -o DIR"));
    }
    if (!opts->by.empty() &&
        (detail::ends_with_ignoring_case(output, ".xlsx") || detail::ends_with_ignoring_case(output, ".csv"))) {
      throw CLI::ValidationError(
          "--by", _f("writes a file per group into the folder -o names, but {} is the name of a file: give a folder "
                     "(-o 填报表) or leave out --by for one file",
                     output));
    }
    const auto files = template_files(a, t);
    if (opts->by.empty()) {
      if (format == "csv") {
        emit(
            opts->common, a, [&](std::ostream& os) { write_template_csv(a, t, files.front(), os); }, out);
      } else {
        emit_workbook(opts->common, a, [&](AtomicFile& f) { write_template_xlsx(a, t, files.front(), f); });
      }
      return;
    }
    auto write_one = [&](const TemplateFile& file, const std::string& path) {
      AtomicFile f(path);
      if (format == "csv")
        write_template_csv(a, t, file, f.stream());
      else
        write_template_xlsx(a, t, file, f);
      f.commit();
    };
    // One file per group, into the folder -o (made when missing).
    std::vector<std::string> groups;
    for (const auto& file : files) groups.push_back(file.group.empty() ? "未分组" : file.group);
    std::vector<std::string> paths;
    for (const auto& name : distinct_file_names(groups, "." + format)) {
      paths.push_back((std::filesystem::path(output) / name).string());
    }
    make_output_folder(a, output, paths, _("with --by, -o names a folder for the files; this is no folder"));
    for (std::size_t i = 0; i < files.size(); ++i) write_one(files[i], paths[i]);
  });
}

}  // namespace xingji::cli
