#pragma once
#include <CLI/CLI.hpp>

#include <ostream>

namespace xingji::cli {
/// `xingji init DIR`: writes a small commented starter assessment.
void setup_init(CLI::App& app, std::ostream& out);
}  // namespace xingji::cli
