#include "common.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <unordered_set>

#include "base/i18n.hpp"

#include "xingji/output.hpp"

namespace xingji::cli {

void add_common(CLI::App& cmd, CommonOptions& opts, const std::vector<std::string>& formats, bool with_output) {
  cmd.add_option("PATH", opts.path, _("Assessment folder or its xingji.yaml manifest"))->capture_default_str();
  cmd.add_option("--year", opts.year, _("Year to evaluate (default: the latest year in the data)"));
  add_encoding(cmd, opts);
  if (!formats.empty()) {
    opts.format = formats.front();
    cmd.add_option("--format", opts.format, _("Output format"))->check(CLI::IsMember(formats))->capture_default_str();
  }
  if (with_output) {
    cmd.add_option("-o,--output", opts.output, _("Write to FILE (all or nothing) instead of standard output"));
    cmd.add_flag("--bom", opts.bom, _("Start CSV with a UTF-8 byte-order mark, so Excel reads Chinese text right"));
  }
}

void add_encoding(CLI::App& cmd, CommonOptions& opts) {
  cmd.add_option("--encoding", opts.encoding,
                 _("Read every CSV roster and data file in this encoding (default: the manifest's `encoding:`, else "
                   "each file's own, UTF-8 or GBK/GB18030)"))
      ->check(CLI::IsMember({"utf-8", "gbk", "gb18030"}));
}

namespace {
std::ostream* diagnostics_stream = nullptr;
}  // namespace

std::string file_name(const std::string& value) {
  std::string out;
  for (const char c : value) {
    const bool refused =
        std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos || static_cast<unsigned char>(c) < 0x20;
    out += refused ? '_' : c;
  }
  return out.empty() || out == "." || out == ".." ? "_" : out;
}

std::vector<std::string> distinct_file_names(const std::vector<std::string>& values, const std::string& ext,
                                             const std::vector<std::string>& taken) {
  const auto folded = [](std::string name) {
    for (char& c : name) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return name;
  };
  std::unordered_set<std::string> used;
  for (const auto& t : taken) used.insert(folded(t));
  std::vector<std::string> out;
  out.reserve(values.size());
  for (const auto& v : values) {
    const std::string base = file_name(v);
    std::string name = base + ext;
    for (int k = 2; !used.insert(folded(name)).second; ++k) name = fmt::format("{}-{}{}", base, k, ext);
    out.push_back(std::move(name));
  }
  return out;
}

const Kind& level_kind(const Assessment& a, const std::string& level) {
  if (const Kind* kind = a.find_kind(level)) return *kind;
  for (const Kind& kind : a.kinds) {
    if (kind.words.title == level) return kind;
  }
  std::vector<std::string> kinds;
  for (const Kind& kind : a.kinds) kinds.push_back(fmt::format("{}（{}）", kind.words.id, kind.words.title));
  throw CLI::ValidationError("--level",
                             _f("no kind of unit is called '{}'; the kinds are {}", level, fmt::join(kinds, ", ")));
}

Date today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

void set_diagnostics(std::ostream& err) { diagnostics_stream = &err; }

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  if (diagnostics_stream == nullptr) return;
  for (const auto& d : diagnostics) *diagnostics_stream << d.str() << '\n';
  diagnostics_stream->flush();
}

Format format_of(const std::string& name) {
  if (name == "csv") return Format::csv;
  if (name == "md") return Format::md;
  if (name == "json") return Format::json;
  if (name == "html") return Format::html;
  return Format::table;
}

std::size_t table_width(const CommonOptions& opts, const std::ostream& out) {
  if (!opts.output.empty()) return 0;
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && *columns != '\0') {
    std::size_t width = 0;
    const char* end = columns + std::strlen(columns);
    const auto [at, ec] = std::from_chars(columns, end, width);
    // Anything but a positive number is as if it were not set, as for `ls`.
    if (ec == std::errc() && at == end && width > 0) return width;
  }
  // Only the real standard output: a stream a test gives is never a terminal.
  if (&out != &std::cout || ::isatty(STDOUT_FILENO) == 0) return 0;
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) return size.ws_col;
  return 0;
}

namespace {
void check_bom(const CommonOptions& opts) {
  if (opts.bom && opts.format != "csv") {
    throw CLI::ValidationError("--bom", _("a byte-order mark is only for CSV; use it with --format csv"));
  }
}
}  // namespace

void add_excel(CLI::App& cmd, CommonOptions& opts) {
  cmd.add_flag("--excel", opts.excel,
               _("CSV for Excel: ids written as text formulas (=\"330123000000\") so Excel keeps long codes whole, and "
                 "a byte-order mark; better still, use --format xlsx"));
}

void check_excel(CommonOptions& opts) {
  if (!opts.excel) return;
  if (opts.format != "csv") {
    throw CLI::ValidationError("--excel", _("is for CSV; use it with --format csv (or write a workbook with --format "
                                            "xlsx -o FILE.xlsx)"));
  }
  opts.bom = true;
}

void check_workbook_output(const CommonOptions& opts) {
  if (is_workbook(opts) && opts.output.empty()) {
    throw CLI::ValidationError(
        "--format", _("an xlsx workbook is binary and is not written to a terminal or a pipe; give the file with -o "
                      "FILE.xlsx"));
  }
  if (is_workbook(opts)) check_bom(opts);
}

void emit_workbook(const CommonOptions& opts, const Assessment& a, const std::function<void(AtomicFile&)>& write) {
  check_workbook_output(opts);
  check_output_path(a, opts.output);
  AtomicFile file(opts.output);
  write(file);
  file.commit();
}

void emit(const CommonOptions& opts, const Assessment& a, const std::function<void(std::ostream&)>& write,
          std::ostream& out) {
  check_bom(opts);
  const auto with_bom = [&](std::ostream& os) {
    // Excel in China reads a CSV without this mark as GBK and garbles its Chinese text.
    if (opts.bom) os << "\xEF\xBB\xBF";
    write(os);
  };
  if (opts.output.empty()) {
    with_bom(out);
    out.flush();
    return;
  }
  check_output_path(a, opts.output);
  AtomicFile file(opts.output);
  with_bom(file.stream());
  file.commit();
}

void make_output_folder(const Assessment& a, const std::string& folder, const std::vector<std::string>& paths,
                        const std::string& not_a_folder) {
  namespace fs = std::filesystem;
  // The folder is made first: a pattern with a wildcard folder (data/*/*.csv) reads only
  // folders that exist, so a file in it can only be judged once it does.
  fs::path made;  // the outermost folder this call makes, removed again on refusal
  for (fs::path p = fs::absolute(folder).lexically_normal(); !p.empty() && p != p.parent_path(); p = p.parent_path()) {
    std::error_code ec;
    if (p.has_filename() && !fs::exists(fs::symlink_status(p, ec))) made = p;
    if (fs::exists(fs::symlink_status(p, ec))) break;
  }
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (!fs::is_directory(folder)) throw Error(Location{folder, 0, 0}, not_a_folder);
  try {
    for (const auto& p : paths) check_output_path(a, p, folder);
  } catch (const Error&) {
    if (!made.empty()) fs::remove_all(made, ec);
    throw;
  }
}

}  // namespace xingji::cli
