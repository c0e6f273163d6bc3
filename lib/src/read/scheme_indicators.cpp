// A scheme's indicator tree: areas and their leaves, each leaf's periods (per quarter) and
// raters (双述双评).
#include "read/scheme_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/i18n.hpp"
#include "xingji/number.hpp"

namespace xingji::detail {

int SchemeReader::read_indicator(const YAML::Node& node, int parent, int depth) {
  if (!doc_.expect_map(node, _("an indicator"), diag_)) return -1;
  // TRANSLATORS: a noun phrase, the {} of messages about this indicator.
  const std::string label = _f("indicator '{}'", doc_.text(node, "id", diag_).value_or("?"));
  doc_.check_keys(node,
                  {"id", "name", "weight", "unit", "scoring", "children", "per", "combine", "missing_quarter", "raters",
                   "ledger", "link"},
                  {"id", "weight"}, label, diag_);
  Indicator ind;
  ind.id = doc_.text(node, "id", diag_).value_or("");
  ind.name = doc_.text(node, "name", diag_).value_or(ind.id);
  ind.unit = doc_.text(node, "unit", diag_).value_or("");
  ind.where = doc_.at(node);
  ind.parent = parent;
  ind.depth = depth;
  if (node["id"]) claim_id(ind.id, node["id"]);
  if (auto w = doc_.number(node, "weight", diag_)) {
    ind.weight = *w;
    if (*w <= 0) {
      diag_.add(
          doc_.at(node["weight"]),
          _f("weight of {} is {}; a weight must be greater than 0 (drop the item instead)", label, format_number(*w)));
    }
  }
  const int index = static_cast<int>(s_.nodes.size());
  s_.nodes.push_back(ind);
  const YAML::Node children = node["children"];
  const YAML::Node scoring = node["scoring"];
  if (children && !children.IsNull()) {
    if (doc_.expect_seq(children, _f("'children' of {}", label), diag_)) {
      if (children.size() == 0)
        diag_.add(doc_.at(children), _f("'children' of {} is empty; remove it or list items", label));
      if (scoring) {
        diag_.add(doc_.at(scoring), _f("{} has children, so its points come from them; remove its 'scoring'", label));
      }
      for (const auto& child : children) {
        int c = read_indicator(child, index, depth + 1);
        if (c >= 0) s_.nodes[static_cast<std::size_t>(index)].children.push_back(c);
      }
    }
  } else if (scoring) {
    read_scoring(scoring, s_.nodes[static_cast<std::size_t>(index)], label);
  }
  const bool leaf = !(children && !children.IsNull());
  read_periods(node, s_.nodes[static_cast<std::size_t>(index)], label, leaf);
  read_raters(node, s_.nodes[static_cast<std::size_t>(index)], label, leaf);
  read_people_leaf(node, s_.nodes[static_cast<std::size_t>(index)], label, leaf);
  return index;
}

// `per: quarter`, `combine` and `missing_quarter` of a leaf (spec 4.2).
void SchemeReader::read_periods(const YAML::Node& node, Indicator& ind, const std::string& label, bool leaf) {
  if (auto per = doc_.choice<bool>(node, "per", {{"quarter", true}, {"year", false}}, diag_, label)) {
    ind.quarterly = *per;
  }
  for (const char* key : {"per", "combine", "missing_quarter"}) {
    if (node[key] && !leaf) {
      diag_.add(doc_.at(node[key]),
                _f("'{}' of {} belongs on a leaf: an area's value comes from its children", key, label));
    }
  }
  if ((node["combine"] || node["missing_quarter"]) && !ind.quarterly && leaf) {
    diag_.add(doc_.at(node["combine"] ? node["combine"] : node["missing_quarter"]),
              _f("{} sets how quarters combine but is not quarterly; add `per: quarter`", label));
  }
  if (auto c = doc_.choice<Combine>(
          node, "combine",
          {{"mean", Combine::mean}, {"sum", Combine::sum}, {"max", Combine::max}, {"last", Combine::last}}, diag_,
          label)) {
    ind.combine = *c;
  }
  if (auto m = doc_.choice<MissingQuarter>(
          node, "missing_quarter",
          {{"error", MissingQuarter::error}, {"zero", MissingQuarter::zero}, {"skip", MissingQuarter::skip}}, diag_,
          label)) {
    ind.missing_quarter = *m;
  }
  if (ind.quarterly && ind.scoring.method == Method::levels) {
    diag_.add(doc_.at(node["per"]), _f("{} is scored by 'levels', whose grades cannot be combined over quarters; "
                                       "give one grade a year or score quarters as numbers",
                                       label));
  }
}

// A map of labels to fractions in [0, 1], in the order written.
std::vector<Label> SchemeReader::read_labels(const YAML::Node& map, const std::string& what) {
  std::vector<Label> out;
  if (!map || !doc_.expect_map(map, what, diag_)) return out;
  if (map.size() == 0) diag_.add(doc_.at(map), _f("{} is empty; give at least one `label: fraction`", what));
  for (const auto& kv : map) {
    if (!kv.first.IsScalar() || !kv.second.IsScalar()) {
      diag_.add(doc_.at(kv.first), _f("{} must map each label to a fraction, e.g. 优秀: 1", what));
      continue;
    }
    const std::string text(trim(kv.first.Scalar()));
    auto x = parse_number(kv.second.Scalar());
    if (!x || *x < 0 || *x > 1) {
      diag_.add(doc_.at(kv.second),
                _f("'{}' in {} is '{}'; give a fraction between 0 and 1", text, what, kv.second.Scalar()));
      continue;
    }
    if (text.empty()) {
      diag_.add(doc_.at(kv.first), _f("an empty label in {}", what));
      continue;
    }
    if (std::any_of(out.begin(), out.end(), [&](const Label& l) { return l.text == text; })) {
      diag_.add(doc_.at(kv.first), _f("'{}' is given twice in {}", text, what));
      continue;
    }
    out.push_back(Label{text, *x});
  }
  return out;
}

// 双述双评 (spec 4.3).
void SchemeReader::read_raters(const YAML::Node& node, Indicator& ind, const std::string& label, bool leaf) {
  const YAML::Node r = node["raters"];
  if (!r || r.IsNull()) return;
  if (!leaf) {
    diag_.add(doc_.at(r), _f("'raters' of {} belongs on a leaf: an area's value comes from its children", label));
    return;
  }
  const std::string what = _f("'raters' of {}", label);
  if (!doc_.expect_map(r, what, diag_)) return;
  doc_.check_keys(r, {"groups", "combine", "ballots", "min_ballots"}, {"groups"}, what, diag_);
  Raters raters;
  if (const YAML::Node g = r["groups"]; g && doc_.expect_map(g, _f("'groups' of {}", what), diag_)) {
    double sum = 0;
    for (const auto& kv : g) {
      double w = -1;
      if (kv.second.IsScalar()) w = parse_number(kv.second.Scalar()).value_or(-1.0);
      const std::string name = kv.first.IsScalar() ? std::string(trim(kv.first.Scalar())) : std::string();
      if (name.empty() || w <= 0 || w > 1) {
        diag_.add(doc_.at(kv.second),
                  _f("each rater group of {} needs a name and a weight between 0 and 1, e.g. 群众: 0.4", label));
        continue;
      }
      if (std::any_of(raters.groups.begin(), raters.groups.end(),
                      [&](const RaterGroup& x) { return x.name == name; })) {
        diag_.add(doc_.at(kv.first), _f("rater group '{}' of {} is given twice", name, label));
        continue;
      }
      raters.groups.push_back(RaterGroup{name, w});
      sum += w;
    }
    if (raters.groups.empty()) {
      diag_.add(doc_.at(g), _f("'groups' of {} is empty; name each group with its weight", what));
    } else if (std::abs(sum - 1) > 1e-9) {
      diag_.add(doc_.at(g), _f("the weights of the rater groups of {} sum to {}, not 1; "
                               "make them add up to 1 (e.g. 群众: 0.4, 镇党委: 0.6)",
                               label, format_number(sum)));
    }
  }
  if (auto c = doc_.choice<RaterCombine>(
          r, "combine",
          {{"mean", RaterCombine::mean}, {"median", RaterCombine::median}, {"trimmed", RaterCombine::trimmed}}, diag_,
          what)) {
    raters.combine = *c;
  }
  if (r["ballots"]) raters.ballots = read_labels(r["ballots"], _f("'ballots' of {}", label));
  if (auto m = doc_.integer(r, "min_ballots", diag_)) {
    if (*m < 0 || *m > 1000000) diag_.add(doc_.at(r["min_ballots"]), _("'min_ballots' must be 0 or more"));
    raters.min_ballots = static_cast<int>(std::clamp(*m, 0LL, 1000000LL));
  }
  if (ind.quarterly) {
    diag_.add(doc_.at(r), _f("{} is both quarterly and rated by raters; give ratings once a year, "
                             "or split it into two items",
                             label));
  }
  const Method m = ind.scoring.method;
  if (!raters.ballots.empty() && node["scoring"]) {
    diag_.add(doc_.at(node["scoring"]), _f("{} has text ballots, whose combined fraction is its achievement; "
                                           "remove its 'scoring'",
                                           label));
  } else if (m == Method::check || m == Method::levels) {
    diag_.add(doc_.at(node["scoring"]),
              _f("{} is rated by raters, so its scoring cannot be '{}'; use `ballots` for text ratings", label,
                 m == Method::check ? "check" : "levels"));
  }
  ind.raters = std::move(raters);
}

}  // namespace xingji::detail
