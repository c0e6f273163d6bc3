#pragma once
// Options every computing subcommand shares, and the one way results leave the program.

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "xingji/ledger.hpp"
#include "xingji/output.hpp"
#include "xingji/views.hpp"

namespace xingji::cli {

struct CommonOptions {
  std::string path = ".";
  std::optional<int> year;
  std::string format;
  std::string output;
  bool bom = false;
  bool excel = false;    ///< CSV ids as Excel text formulas (`--excel`), with a byte-order mark
  std::string encoding;  ///< empty: the manifest's `encoding:`, else each CSV file's own
};

/// Adds --excel (CSV for Excel: ids kept as text) to `score` and `report`.
void add_excel(CLI::App& cmd, CommonOptions& opts);
/// Checks --excel against --format, and makes it imply --bom.
void check_excel(CommonOptions& opts);
/// Adds --encoding (of CSV inputs) to a subcommand that reads an assessment.
void add_encoding(CLI::App& cmd, CommonOptions& opts);

/// Adds PATH, --year, --format (from `formats`, first is the default) and -o.
void add_common(CLI::App& cmd, CommonOptions& opts, const std::vector<std::string>& formats, bool with_output);

/// Where warnings and notes go (standard error): set once by run().
void set_diagnostics(std::ostream& err);
/// Prints each diagnostic as a line where warnings go (spec 3: `FILE:LINE:COL: warning: ...`).
void print_diagnostics(const std::vector<Diagnostic>& diagnostics);

/// The kind `--level` names, by its id (village, alliance, cadre) or its title (村, 联盟,
/// 村干部); a usage error listing every kind otherwise.
[[nodiscard]] const Kind& level_kind(const Assessment& a, const std::string& level);

/// Today's date, by the local clock.
[[nodiscard]] Date today();

/// The format named on the command line.
Format format_of(const std::string& name);

/// How wide a table may be on `out` (0: no limit): the `COLUMNS` environment variable when
/// it is a positive number, else the terminal's width when `out` is standard output on a
/// terminal; never a limit for `-o FILE`, and none for a pipe without `COLUMNS`.
std::size_t table_width(const CommonOptions& opts, const std::ostream& out);

/// Runs `write` on `-o FILE` (all or nothing, and never over one of the assessment's inputs)
/// or on `out`.
void emit(const CommonOptions& opts, const Assessment& a, const std::function<void(std::ostream&)>& write,
          std::ostream& out);

/// A file name made of a value (a group, a unit's id): characters a file system refuses, and
/// control characters, become '_'; "", "." and ".." are "_".
[[nodiscard]] std::string file_name(const std::string& value);
/// The file names of a folder of outputs, one per value: file_name(value) + `ext`, made
/// distinct from one another and from `taken` (the index) even where a file system ignores
/// the case of letters, by "-2", "-3", ... before `ext`: two values never share a file.
[[nodiscard]] std::vector<std::string> distinct_file_names(const std::vector<std::string>& values,
                                                           const std::string& ext,
                                                           const std::vector<std::string>& taken = {});
/// Whether the format asked for is a workbook (`--format xlsx`).
[[nodiscard]] inline bool is_workbook(const CommonOptions& opts) { return opts.format == "xlsx"; }
/// Refuses, as a usage error, a workbook without `-o FILE`: its bytes are for a file, not a
/// terminal or a pipe. Called before the assessment is read.
void check_workbook_output(const CommonOptions& opts);
/// Runs `write` on the AtomicFile of `-o FILE` (a workbook is written by name) and commits
/// it: all or nothing, and never over one of the assessment's inputs, as `emit`.
void emit_workbook(const CommonOptions& opts, const Assessment& a, const std::function<void(AtomicFile&)>& write);

/// Makes the folder `folder` (-o of a command writing a file per unit or group; its missing
/// parents too) for the files `paths` in it, refusing them all before any is written
/// (check_output_path) and leaving no folder behind when one is refused. `not_a_folder` is the
/// message when `folder` names something else.
void make_output_folder(const Assessment& a, const std::string& folder, const std::vector<std::string>& paths,
                        const std::string& not_a_folder);

}  // namespace xingji::cli
