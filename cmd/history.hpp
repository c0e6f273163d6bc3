#pragma once

#include <CLI/CLI.hpp>

#include <ostream>

namespace xingji::cli {

/// `xingji history [PATH] [UNIT] [--level KIND] [--format ...]`: every year with data side by
/// side: scores, stars, ranks, changes in stars and runs of rising years (spec 8).
void setup_history(CLI::App& app, std::ostream& out);

}  // namespace xingji::cli
