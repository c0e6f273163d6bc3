#pragma once
#include <CLI/CLI.hpp>

#include <ostream>

namespace xingji::cli {
/// `xingji validate [PATH]`: loads everything and evaluates every year, reporting all problems.
void setup_validate(CLI::App& app, std::ostream& out);
}  // namespace xingji::cli
