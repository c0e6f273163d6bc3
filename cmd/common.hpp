#pragma once
// Options every computing subcommand shares, and the one way results leave the program.

#include <CLI/CLI.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "xingji/views.hpp"

namespace xingji::cli {

struct CommonOptions {
  std::string path = ".";
  std::optional<int> year;
  std::string format;
  std::string output;
};

/// Adds PATH, --year, --format (from `formats`, first is the default) and -o.
void add_common(CLI::App& cmd, CommonOptions& opts, const std::vector<std::string>& formats, bool with_output);

/// The format named on the command line.
Format format_of(const std::string& name);

/// Writes `text` to `-o FILE` atomically, or to `out`.
void emit(const CommonOptions& opts, const std::string& text, std::ostream& out);

}  // namespace xingji::cli
