#pragma once
#include <CLI/CLI.hpp>

#include <ostream>

namespace xingji::cli {
/// `xingji allocate [PATH] [ID]`: the parts of the manifest's allocations (spec 7).
void setup_allocate(CLI::App& app, std::ostream& out);
}  // namespace xingji::cli
