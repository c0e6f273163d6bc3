#pragma once
// The command line in the user's language: `--lang` found before CLI11 is set up (option
// descriptions are translated as they are added), CLI11's own words and its usage errors.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "xingji/language.hpp"

namespace xingji::cli {

/// The language `--lang X` or `--lang=X` asks for, wherever it is on the command line (before
/// "--"); the last one counts. Empty when none does, or its value names no language (CLI11
/// then reports the value as a usage error).
std::optional<Language> lang_in_args(int argc, const char* const* argv);

/// Puts CLI11's labels ("Usage", "Options", ...) and help flag into the language in use,
/// and its usage errors, through `failure_message`.
void translate_cli(CLI::App& app);

/// Adds `--lang zh|en` to `cmd` (the program and each subcommand, so it works after one).
void add_lang(CLI::App& cmd);

/// Gives a subcommand, once its options are added, the translated group names (its help
/// flag is made before the program's option defaults reach it) and `--lang`.
void finish_subcommand(CLI::App& sub);

/// A usage error of CLI11 in the language in use ("The following argument was not expected:
/// X"); a message it does not know is returned as it is.
std::string translate_cli_error(const std::string& what);

}  // namespace xingji::cli
