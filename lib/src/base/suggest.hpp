#pragma once
/// "Did you mean" for unknown names, by edit distance (ninja's spellcheck idea).

#include <span>
#include <string>
#include <string_view>

namespace xingji {

/// Edit distance between two byte strings, a swap of neighbours counting as one edit
/// (optimal string alignment), so "nmae" is one edit from "name".
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate if it is close enough to be a plausible typo, else empty.
[[nodiscard]] std::string closest(std::string_view word, std::span<const std::string_view> candidates);

/// `message` (a whole sentence about the unknown `word`, translated), then `, did you mean
/// 'x'?` when a close candidate exists: `with_suggestion(_f("unknown key '{}' in {}", key,
/// what), key, names)`.
[[nodiscard]] std::string with_suggestion(std::string message, std::string_view word,
                                          std::span<const std::string_view> candidates);

}  // namespace xingji
