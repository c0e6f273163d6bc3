// An output never lands on an input (spec 3): `-o` refuses a path that is one of the
// assessment's own files, or that a `data`, `corrections` or `ledgers` pattern would read on the
// next run.
#include <fnmatch.h>
#include <glob.h>

#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <system_error>

#include "base/files.hpp"
#include "base/i18n.hpp"
#include "xingji/output.hpp"

namespace xingji {

namespace {

namespace fs = std::filesystem;

// The path as the system resolves it: absolute, with `..` and symbolic links resolved as
// far as it exists (the rest taken as written).
fs::path resolved(const fs::path& p) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(p, ec);
  if (ec) return p.lexically_normal();
  const fs::path out = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : out;
}

bool has_wildcard(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

// Whether glob(3) would read the file `name` in the folder `folder` (resolved) through
// `pattern`: it lists the folders the pattern's folder part matches, then the names in them
// that match its last part (wildcards do not cross a '/' nor match a leading '.', so
// temporary files are not read). Each listed folder is resolved like `folder`, so `..` and
// symbolic links on either side, a wildcard folder among them, lead to the same place.
bool pattern_reads(const std::string& pattern, const fs::path& folder, const std::string& name) {
  const fs::path p(pattern);
  if (::fnmatch(p.filename().string().c_str(), name.c_str(), FNM_PATHNAME | FNM_PERIOD) != 0) return false;
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!has_wildcard(dir.string())) return resolved(dir) == folder;
  glob_t g{};
  bool reads = false;
  if (::glob(dir.string().c_str(), GLOB_ONLYDIR, nullptr, &g) == 0) {
    for (std::size_t i = 0; i < g.gl_pathc && !reads; ++i) reads = resolved(g.gl_pathv[i]) == folder;
  }
  ::globfree(&g);
  return reads;
}

// Why `path` may not take an output: which input it is, or which pattern would read it.
struct Clash {
  std::string why;
  bool data = false;  // a data file, or read as one: the output belongs outside the data
};

std::optional<Clash> clash(const Assessment& a, const std::string& path) {
  const fs::path target = resolved(path);
  std::error_code ec;
  const bool exists = fs::exists(target, ec);
  // Hard links and symbolic links included: the same file under another name.
  // An input in a workbook is named with its sheet (data/平桥镇.xlsx#2024): the file is the part before '#'.
  auto same = [&](const std::string& named) {
    const std::string input = detail::split_sheet(named).first;
    if (input.empty()) return false;
    if (exists) {
      std::error_code e;
      if (fs::equivalent(target, input, e)) return true;
    }
    return resolved(input) == target;
  };
  // The file lands in the path's folder under its name (a symbolic link there is replaced),
  // and, conservatively, where a link at the path points.
  const fs::path written =
      resolved(fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path()) /
      fs::path(path).filename();
  auto pattern_of =
      [&](const std::vector<std::pair<std::string, std::string>>& patterns) -> std::optional<std::string> {
    for (const auto& [entry, named] : patterns) {
      const std::string pattern = detail::split_sheet(named).first;
      if (!has_wildcard(detail::split_sheet(entry).first)) continue;
      if (pattern_reads(pattern, written.parent_path(), written.filename().string()) ||
          pattern_reads(pattern, target.parent_path(), target.filename().string())) {
        return entry;
      }
    }
    return std::nullopt;
  };
  // TRANSLATORS: the reasons an output file is refused; each follows "-o FILE " in the message
  // "-o {}. Write the output {}, e.g. -o {}".
  if (same(a.manifest)) return Clash{_("names this assessment's manifest; writing the output there would replace it")};
  for (const Kind& kind : a.kinds) {
    if (same(a.roster.file_of(kind.id))) {
      return Clash{_f("names {} of this assessment; writing the output there would replace it", tr(kind.words.list))};
    }
    if (kind.rated() && same(kind.scheme->file)) {
      return Clash{
          _f("names the {} scheme of this assessment; writing the output there would replace it", tr(kind.words.noun))};
    }
  }
  for (const auto& file : a.data_files) {
    if (!same(file)) continue;
    const auto entry = pattern_of(a.data_patterns);
    return Clash{entry ? _f("names a data file of this assessment (read through '{}' in the manifest); "
                            "writing the output there would replace the data",
                            *entry)
                       : _("names a data file of this assessment; writing the output there would replace the data"),
                 true};
  }
  if (const auto entry = pattern_of(a.data_patterns)) {
    return Clash{_f("names a file that the manifest's data entry '{}' would read as data on the next run", *entry),
                 true};
  }
  for (const auto& file : a.correction_files) {
    if (same(file)) {
      return Clash{_("names a corrections file of this assessment; writing the output there would replace it"), true};
    }
  }
  if (const auto entry = pattern_of(a.correction_patterns)) {
    return Clash{_f("names a file that the manifest's corrections entry '{}' would read as corrections on the next "
                    "run",
                    *entry),
                 true};
  }
  for (const auto& file : a.ledger_files) {
    if (same(file)) {
      return Clash{_("names a ledger file of this assessment; writing the output there would replace it"), true};
    }
  }
  if (const auto entry = pattern_of(a.ledger_patterns)) {
    return Clash{
        _f("names a file that the manifest's ledgers entry '{}' would read as a ledger on the next run", *entry), true};
  }
  return std::nullopt;
}

}  // namespace

void check_output_path(const Assessment& a, const std::string& path, const std::string& folder) {
  const auto why = clash(a, path);
  if (!why) return;
  // A place for the output outside the data: its name in the assessment's folder, or, where
  // that is an input too, the name with "-out" added. For a folder of files, a folder named
  // so, unless the same file in it would clash too.
  const fs::path dir = a.dir == "." ? fs::path() : fs::path(a.dir);
  const fs::path file = fs::path(path).filename();
  fs::path name = file;
  if (!folder.empty()) {
    const fs::path f = fs::path(folder).lexically_normal();
    name = f.has_filename() ? f.filename() : f.parent_path().filename();
    if (name.empty() || name == "." || name == "..") name = "out";
  }
  // Whether writing to `place` would clash too (or, for a folder, is the folder given).
  const auto clashes = [&](const fs::path& place) {
    if (folder.empty()) return clash(a, place.string()).has_value();
    std::error_code ec;
    return fs::equivalent(place, folder, ec) || clash(a, (place / file).string()).has_value();
  };
  fs::path place = dir / name;
  if (clashes(place)) place = dir / fmt::format("{}-out{}", name.stem().string(), name.extension().string());
  const std::string suggestion = place.string();
  throw Error(Location{path, 0, 0},
              why->data ? _f("-o {}. Write the output outside the data folder, e.g. -o {}", why->why, suggestion)
                        : _f("-o {}. Write the output elsewhere, e.g. -o {}", why->why, suggestion));
}

}  // namespace xingji
