#pragma once
#include <CLI/CLI.hpp>

#include <ostream>

namespace xingji::cli {
/// `xingji report [PATH] [--year Y] [--format md|csv] [-o FILE]`.
void setup_report(CLI::App& app, std::ostream& out);
}  // namespace xingji::cli
