#pragma once
#include <ostream>

namespace xingji::cli {
/// Runs the command line `argv` and returns the exit status: 0 success, 1 invalid input,
/// 2 wrong usage. Output goes to `out`, messages to `err`, so tests can run it in-process.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);
}  // namespace xingji::cli
