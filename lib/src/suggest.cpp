#include "xingji/suggest.hpp"

#include <algorithm>
#include <vector>

namespace xingji {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string closest(std::string_view word, std::span<const std::string_view> candidates) {
  // A third of the word's length, at least 1 and at most 3, keeps suggestions to real typos.
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::size_t best = limit + 1;
  std::string_view found;
  for (auto c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best) {
      best = d;
      found = c;
    }
  }
  return std::string(found);
}

std::string unknown_name(std::string_view what, std::string_view word,
                         std::span<const std::string_view> candidates) {
  std::string out = "unknown " + std::string(what) + " '" + std::string(word) + "'";
  std::string hint = closest(word, candidates);
  if (!hint.empty()) out += ", did you mean '" + hint + "'?";
  return out;
}

}  // namespace xingji
