#pragma once

#include <CLI/CLI.hpp>

#include <ostream>

namespace xingji::cli {

/// `xingji explain [PATH] UNIT`: why a unit has its score, stars, grade and tier (spec 4.6).
void setup_explain(CLI::App& app, std::ostream& out);

}  // namespace xingji::cli
