#pragma once
#include <CLI/CLI.hpp>

#include <ostream>

namespace xingji::cli {
/// `xingji score [PATH] [--year Y] [--format table|csv|md|json] [-o FILE]`.
void setup_score(CLI::App& app, std::ostream& out);
}  // namespace xingji::cli
