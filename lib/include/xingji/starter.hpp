#pragma once
/// A small, commented starter assessment (`xingji init`), so a new user begins from
/// something that validates and scores as it is.

#include <string>
#include <utility>
#include <vector>

namespace xingji {

/// The starter's files: (path relative to the folder, contents), their comments in the language
/// of messages (xingji/language.hpp); keys, ids and values are the same in every language.
/// With `people`, it also rates village cadres (spec 6): a people kind linked to its
/// villages, with a points ledger.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> starter_files(bool people = false);

/// Writes the starter into `dir` (created if needed). Refuses, with an Error naming the file,
/// when any of its files already exists there: nothing is overwritten.
void write_starter(const std::string& dir, bool people = false);

}  // namespace xingji
