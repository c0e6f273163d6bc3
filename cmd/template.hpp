#pragma once
#include <CLI/CLI.hpp>

#include <ostream>

namespace xingji::cli {

/// `xingji template`: the data-entry sheet for one kind of unit (spec 8).
void setup_template(CLI::App& app, std::ostream& out);

}  // namespace xingji::cli
