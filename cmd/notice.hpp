#pragma once

#include <CLI/CLI.hpp>

#include <ostream>

namespace xingji::cli {

/// `xingji notice [PATH] [UNIT...]`: 考评结果告知单, a page per unit to print (spec 8).
void setup_notice(CLI::App& app, std::ostream& out);

}  // namespace xingji::cli
