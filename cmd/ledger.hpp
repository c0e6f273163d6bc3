#pragma once

#include <CLI/CLI.hpp>

#include <ostream>

namespace xingji::cli {

/// `xingji ledger [PATH] [UNIT] [--level KIND] [--until DATE] [--by FIELD] [--format ...]`: the
/// standings of the ledgers to a date (积分公示), or one unit's events and what the caps took
/// away (spec 6).
void setup_ledger(CLI::App& app, std::ostream& out);

}  // namespace xingji::cli
