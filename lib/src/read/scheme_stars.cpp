// A scheme's ratings: star levels or five-area stars, grades, promotion, and the gates
// (`requires`) their levels name.
#include "read/scheme_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "base/i18n.hpp"
#include "base/suggest.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"

namespace xingji::detail {

void SchemeReader::read_stars(const YAML::Node& root) {
  const YAML::Node list = root["stars"];
  if (!list || list.IsNull()) return;
  if (list.IsMap()) {
    // Five-area mode (五星支部): `stars: {count: {pass: 80}}`.
    doc_.check_keys(list, {"count"}, {"count"}, _f("'{}'", "stars"), diag_);
    const YAML::Node count = list["count"];
    if (!count || !doc_.expect_map(count, _("'count' of 'stars'"), diag_)) return;
    doc_.check_keys(count, {"pass"}, {"pass"}, _("'count' of 'stars'"), diag_);
    if (auto pass = doc_.number(count, "pass", diag_)) {
      if (*pass <= 0 || *pass > 100) {
        diag_.add(doc_.at(count["pass"]),
                  _("'pass' is the percent of an area's points that earns its star; give it in (0, 100], e.g. 80"));
      }
      s_.star_pass = *pass;
      s_.star_pass_nanos = threshold_nanos(*pass);
    }
    five_areas_ = list;
    return;
  }
  if (!doc_.expect_seq(list, _f("'{}'", "stars"), diag_)) return;
  s_.stars = read_levels(list, false);
}

void SchemeReader::read_grades(const YAML::Node& root) {
  const YAML::Node list = root["grades"];
  if (!list || list.IsNull() || !doc_.expect_seq(list, _f("'{}'", "grades"), diag_)) return;
  s_.grades = read_levels(list, true);
}

// Star levels (`stars`, keyed by `stars`) or grades (`label`), highest first; `requires`
// ids are kept as text in `pending_gates_` until the tree is known.
std::vector<StarLevel> SchemeReader::read_levels(const YAML::Node& list, bool grades) {
  const std::string what = grades ? _("a grade") : _("a star level");
  std::vector<std::pair<StarLevel, YAML::Node>> levels;
  for (const auto& node : list) {
    if (!doc_.expect_map(node, what, diag_)) continue;
    if (grades) {
      doc_.check_keys(node, {"label", "min", "requires", "max_share"}, {"label", "min"}, what, diag_);
    } else {
      doc_.check_keys(node, {"stars", "min", "requires", "max_share"}, {"stars", "min"}, what, diag_);
    }
    StarLevel level;
    level.where = doc_.at(node);
    auto min = doc_.number(node, "min", diag_);
    if (grades) {
      auto label = doc_.text(node, "label", diag_);
      if (!label || !min) continue;
      level.label = *label;
    } else {
      auto stars = doc_.integer(node, "stars", diag_);
      if (!stars || !min) continue;
      if (*stars < 0 || *stars > 100) {
        diag_.add(doc_.at(node["stars"]), _("'stars' must be between 0 and 100"));
        continue;
      }
      level.stars = static_cast<int>(*stars);
    }
    level.min = *min;
    level.min_nanos = threshold_nanos(*min);
    if (auto share = doc_.number(node, "max_share", diag_)) {
      if (*share <= 0 || *share > 1) {
        diag_.add(doc_.at(node["max_share"]),
                  _f("'max_share' is {}; give the largest share of units at this level in (0, 1], "
                     "e.g. 0.1 for 10%",
                     format_number(*share)));
      } else {
        level.max_share = *share;
        level.share_nanos = threshold_nanos(*share);
      }
    }
    if (const YAML::Node req = node["requires"]; req && !req.IsNull()) {
      if (req.IsScalar()) {
        pending_gates_.push_back(PendingGate{grades, levels.size(), req.Scalar(), req});
      } else if (doc_.expect_seq(req, _f("'{}'", "requires"), diag_)) {
        for (const auto& id : req) {
          if (!id.IsScalar()) {
            diag_.add(doc_.at(id), _("each entry of 'requires' must be an indicator id"));
            continue;
          }
          pending_gates_.push_back(PendingGate{grades, levels.size(), id.Scalar(), id});
        }
      }
    }
    bool twice = false;
    for (const auto& [other, where] : levels) {
      if (grades ? other.label == level.label : other.stars == level.stars) twice = true;
    }
    if (twice) {
      diag_.add(doc_.at(node), grades ? _f("grade '{}' is given twice", level.label)
                                      : _f("star level {} is given twice", level.stars));
    }
    levels.emplace_back(level, node);
  }
  if (levels.size() > 16) diag_.add(doc_.at(list), _f("at most 16 levels are allowed in {}", what));
  // Gates refer to levels by position: sort an index, then move in that order.
  std::vector<std::size_t> order(levels.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto higher = [&](std::size_t x, std::size_t y) {
    const auto& a = levels[x].first;
    const auto& b = levels[y].first;
    return grades ? a.min > b.min : a.stars > b.stars;
  };
  std::stable_sort(order.begin(), order.end(), higher);
  for (std::size_t i = 1; i < order.size(); ++i) {
    const auto& hi = levels[order[i - 1]];
    const auto& lo = levels[order[i]];
    if (grades && hi.first.min == lo.first.min) {
      diag_.add(doc_.at(lo.second), _f("grades '{}' and '{}' both need min {}; give each grade its own threshold",
                                       hi.first.label, lo.first.label, format_number(lo.first.min)));
    } else if (!grades && lo.first.stars != hi.first.stars && lo.first.min >= hi.first.min) {
      diag_.add(doc_.at(hi.second),
                _f("{} stars need min {}, not more than {} stars ({}); more stars must need a higher score",
                   hi.first.stars, format_number(hi.first.min), lo.first.stars, format_number(lo.first.min)));
    }
  }
  std::vector<std::size_t> position(levels.size());
  std::vector<StarLevel> out;
  for (std::size_t i = 0; i < order.size(); ++i) {
    position[order[i]] = i;
    out.push_back(levels[order[i]].first);
  }
  for (auto& g : pending_gates_) {
    if (g.grades == grades && !g.placed) {
      g.level = position[g.level];
      g.placed = true;
    }
  }
  return out;
}

void SchemeReader::read_promotion(const YAML::Node& root) {
  const YAML::Node p = root["promotion"];
  if (!p || p.IsNull() || !doc_.expect_map(p, _f("'{}'", "promotion"), diag_)) return;
  doc_.check_keys(p, {"up"}, {"up"}, _f("'{}'", "promotion"), diag_);
  if (auto up = doc_.integer(p, "up", diag_)) {
    if (*up < 0 || *up > 100) {
      diag_.add(doc_.at(p["up"]), _("'up' is the most stars a unit may rise in a year; give 0 or more, e.g. 1"));
    } else {
      s_.promotion_up = static_cast<int>(*up);
    }
  }
  if (!s_.has_stars()) diag_.add(doc_.at(p), _("'promotion' limits stars, but the scheme gives none; add 'stars'"));
}

// `requires` names nodes of the tree; they become the scheme's gates.
void SchemeReader::resolve_gates() {
  for (const auto& g : pending_gates_) {
    const std::string id(trim(g.id));
    const int n = s_.find_node(id);
    if (n < 0) {
      std::vector<std::string_view> names;
      for (const auto& node : s_.nodes) names.push_back(node.id);
      std::sort(names.begin(), names.end());
      const std::string message =
          s_.find_item(id) >= 0
              ? _f("unknown indicator '{}' in 'requires': adjustments and vetoes cannot be gates; name an indicator",
                   id)
              : _f("unknown indicator '{}' in 'requires' (an indicator or area of this scheme whose value must be "
                   "full or true)",
                   id);
      diag_.add(doc_.at(g.where), with_suggestion(message, id, names));
      continue;
    }
    auto& levels = g.grades ? s_.grades : s_.stars;
    if (g.level >= levels.size()) continue;
    auto& req = levels[g.level].required;
    if (std::find(req.begin(), req.end(), n) == req.end()) req.push_back(n);
    if (std::find(s_.gates.begin(), s_.gates.end(), n) == s_.gates.end()) s_.gates.push_back(n);
  }
  if (s_.gates.size() > 32) {
    diag_.add(Location{doc_.file(), 0, 0}, _("at most 32 different indicators may be named in 'requires'"));
  }
}

}  // namespace xingji::detail
