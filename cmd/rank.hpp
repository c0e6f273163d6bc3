#pragma once
#include <CLI/CLI.hpp>

#include <ostream>

namespace xingji::cli {
/// `xingji rank [PATH] [--year Y] [--level village|alliance] [--by FIELD] [--top N|--bottom N] [--format ...]`.
void setup_rank(CLI::App& app, std::ostream& out);
}  // namespace xingji::cli
