#include "base/suggest.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "base/i18n.hpp"

namespace xingji {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * w);
  for (std::size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t best = std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        best = std::min(best, d[(i - 2) * w + j - 2] + 1);
      d[i * w + j] = best;
    }
  }
  return d[a.size() * w + b.size()];
}

std::string closest(std::string_view word, std::span<const std::string_view> candidates) {
  // A third of the word's length, at least 1 and at most 3, keeps suggestions to real typos.
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::size_t best = limit + 1;
  std::string_view found;
  for (auto c : candidates) {
    std::size_t dist = edit_distance(word, c);
    if (dist < best) {
      best = dist;
      found = c;
    }
  }
  return std::string(found);
}

std::string with_suggestion(std::string message, std::string_view word, std::span<const std::string_view> candidates) {
  const std::string hint = closest(word, candidates);
  if (hint.empty()) return message;
  // TRANSLATORS: a message about an unknown name, then the known name closest to it.
  return _f("{}, did you mean '{}'?", message, hint);
}

}  // namespace xingji
