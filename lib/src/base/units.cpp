#include "base/units.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <vector>

#include "base/i18n.hpp"
#include "base/suggest.hpp"

namespace xingji::detail {

std::string unknown_unit(const Assessment& a, std::string_view id) {
  std::vector<std::string_view> ids;
  std::size_t units = 0;
  for (const Kind& kind : a.kinds) units += a.roster.size(kind.id);
  if (units <= 5000) {
    for (const Kind& kind : a.kinds) {
      for (std::size_t i = 0; i < a.roster.size(kind.id); ++i)
        ids.push_back(a.roster.id_of(UnitRef{kind.id, static_cast<int>(i)}));
    }
    std::sort(ids.begin(), ids.end());
  }
  std::vector<std::string_view> lists;
  for (const Kind& kind : a.kinds) lists.push_back(tr(kind.words.list));
  const std::string message = lists.size() == 2
                                  ? _f("unknown unit '{}' (in neither {} nor {})", id, lists[0], lists[1])
                                  : _f("unknown unit '{}' (in none of {})", id, fmt::join(lists, _(", ")));
  return with_suggestion(message, id, ids);
}

}  // namespace xingji::detail
