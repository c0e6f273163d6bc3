#include "xingji/scheme.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "xingji/number.hpp"
#include "xingji/rounding.hpp"
#include "xingji/suggest.hpp"
#include "yaml_doc.hpp"

namespace xingji {

namespace {

using detail::YamlDoc;

class SchemeReader {
 public:
  SchemeReader(const YamlDoc& doc, Scheme& scheme, Diagnostics& diag) : doc_(doc), s_(scheme), diag_(diag) {}

  void read() {
    const auto& root = doc_.root();
    if (!doc_.expect_map(root, "a scheme", diag_)) return;
    doc_.check_keys(
        root,
        {"id", "name", "total", "missing", "indicators", "adjustments", "bonus_cap", "deduction_cap", "veto", "stars"},
        {"indicators"}, "the scheme", diag_);
    s_.id = doc_.text(root, "id", diag_).value_or("");
    s_.name = doc_.text(root, "name", diag_).value_or(s_.id);
    if (auto total = doc_.number(root, "total", diag_)) {
      if (*total <= 0) diag_.add(doc_.at(root["total"]), "'total' must be greater than 0");
      s_.total = *total;
    }
    if (auto m = doc_.choice<MissingPolicy>(
            root, "missing",
            {{"error", MissingPolicy::error}, {"zero", MissingPolicy::zero}, {"mean", MissingPolicy::mean}}, diag_)) {
      s_.missing = *m;
    }
    if (auto ind = root["indicators"]; ind && doc_.expect_seq(ind, "'indicators'", diag_)) {
      if (ind.size() == 0) diag_.add(doc_.at(ind), "'indicators' is empty; list at least one indicator");
      for (const auto& child : ind) {
        int n = read_indicator(child, -1, 0);
        if (n >= 0) s_.roots.push_back(n);
      }
    }
    read_adjustments(root);
    read_vetoes(root);
    read_stars(root);
    compute_shares();
    build_items();
  }

 private:
  bool claim_id(const std::string& id, const YAML::Node& where) {
    if (id.empty()) {
      diag_.add(doc_.at(where), "an id must not be empty");
      return false;
    }
    if (!ids_.insert(id).second) {
      diag_.add(doc_.at(where), "duplicate id '" + id + "'; ids must be unique within a scheme");
      return false;
    }
    return true;
  }

  int read_indicator(const YAML::Node& node, int parent, int depth) {
    if (!doc_.expect_map(node, "an indicator", diag_)) return -1;
    const std::string label = "indicator '" + doc_.text(node, "id", diag_).value_or("?") + "'";
    doc_.check_keys(node, {"id", "name", "weight", "unit", "scoring", "children"}, {"id", "weight"}, label, diag_);
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
        diag_.add(doc_.at(node["weight"]), "weight of " + label + " is " + format_number(*w) +
                                               "; a weight must be greater than 0 (drop the item instead)");
      }
    }
    const int index = static_cast<int>(s_.nodes.size());
    s_.nodes.push_back(ind);
    const YAML::Node children = node["children"];
    const YAML::Node scoring = node["scoring"];
    if (children && !children.IsNull()) {
      if (doc_.expect_seq(children, "'children' of " + label, diag_)) {
        if (children.size() == 0)
          diag_.add(doc_.at(children), "'children' of " + label + " is empty; remove it or list items");
        if (scoring)
          diag_.add(doc_.at(scoring), label + " has children, so its points come from them; remove its 'scoring'");
        for (const auto& child : children) {
          int c = read_indicator(child, index, depth + 1);
          if (c >= 0) s_.nodes[static_cast<std::size_t>(index)].children.push_back(c);
        }
      }
    } else if (scoring) {
      read_scoring(scoring, s_.nodes[static_cast<std::size_t>(index)], label);
    }
    return index;
  }

  void read_scoring(const YAML::Node& node, Indicator& ind, const std::string& label) {
    if (!doc_.expect_map(node, "'scoring' of " + label, diag_)) return;
    auto method = doc_.text(node, "method", diag_);
    if (!method) {
      diag_.add(doc_.at(node), "missing required key 'method' in 'scoring' of " + label +
                                   " (direct, linear, steps, ratio, minmax or check)");
      return;
    }
    Scoring& sc = ind.scoring;
    const std::string what = "'scoring' of " + label;
    if (*method == "direct") {
      sc.method = Method::direct;
      doc_.check_keys(node, {"method"}, {}, what, diag_);
    } else if (*method == "linear") {
      sc.method = Method::linear;
      doc_.check_keys(node, {"method", "zero", "full"}, {"zero", "full"}, what, diag_);
      auto zero = doc_.number(node, "zero", diag_);
      auto full = doc_.number(node, "full", diag_);
      if (zero && full) {
        sc.zero = *zero;
        sc.full = *full;
        if (*zero == *full) {
          diag_.add(doc_.at(node), "linear scoring of " + label + " has zero == full (" + format_number(*zero) +
                                       "); give two different values (full < zero means lower is better)");
        }
      }
    } else if (*method == "steps") {
      sc.method = Method::steps;
      doc_.check_keys(node, {"method", "steps"}, {"steps"}, what, diag_);
      read_steps(node["steps"], ind, label);
    } else if (*method == "ratio" || *method == "minmax") {
      sc.method = *method == "ratio" ? Method::ratio : Method::minmax;
      doc_.check_keys(node, {"method", "direction"}, {}, what, diag_);
      if (auto dir = doc_.choice<Direction>(node, "direction",
                                            {{"higher", Direction::higher}, {"lower", Direction::lower}}, diag_)) {
        sc.direction = *dir;
      }
    } else if (*method == "check") {
      sc.method = Method::check;
      doc_.check_keys(node, {"method"}, {}, what, diag_);
    } else {
      static constexpr std::string_view methods[] = {"direct", "linear", "steps", "ratio", "minmax", "check"};
      diag_.add(doc_.at(node["method"]),
                unknown_name("scoring method", *method, methods,
                             " for " + label + " (direct, linear, steps, ratio, minmax or check)"));
    }
  }

  void read_steps(const YAML::Node& list, Indicator& ind, const std::string& label) {
    if (!list || !doc_.expect_seq(list, "'steps' of " + label, diag_)) return;
    if (list.size() == 0) {
      diag_.add(doc_.at(list), "'steps' of " + label + " is empty; give at least one {min, points} entry");
      return;
    }
    int mins = 0;
    int maxes = 0;
    for (const auto& entry : list) {
      if (!doc_.expect_map(entry, "a step of " + label, diag_)) continue;
      doc_.check_keys(entry, {"min", "max", "points"}, {"points"}, "a step of " + label, diag_);
      auto lo = doc_.number(entry, "min", diag_);
      auto hi = doc_.number(entry, "max", diag_);
      auto points = doc_.number(entry, "points", diag_);
      if (lo && hi) {
        diag_.add(doc_.at(entry), "a step of " + label + " gives both 'min' and 'max'; give one");
        continue;
      }
      if (!lo && !hi) {
        diag_.add(doc_.at(entry), "a step of " + label + " needs 'min' (at least) or 'max' (at most)");
        continue;
      }
      (lo ? mins : maxes)++;
      if (points) {
        if (*points < 0) diag_.add(doc_.at(entry["points"]), "step points of " + label + " must not be negative");
        if (*points > ind.weight && ind.weight > 0) {
          diag_.add(doc_.at(entry["points"]), "a step of " + label + " gives " + format_number(*points) +
                                                  " points, more than its weight " + format_number(ind.weight) +
                                                  "; lower the points or raise the weight");
        }
        ind.scoring.steps.push_back(Step{lo ? *lo : *hi, *points});
      }
    }
    if (mins > 0 && maxes > 0) {
      diag_.add(doc_.at(list), "steps of " + label +
                                   " mix 'min' and 'max' entries; use only 'min' (at least) or only 'max' (at most)");
    }
    ind.scoring.steps_by_max = maxes > 0 && mins == 0;
    auto& steps = ind.scoring.steps;
    if (ind.scoring.steps_by_max) {
      std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.bound < b.bound; });
    } else {
      std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.bound > b.bound; });
    }
  }

  void read_adjustments(const YAML::Node& root) {
    if (auto cap = doc_.number(root, "bonus_cap", diag_)) {
      if (*cap < 0) diag_.add(doc_.at(root["bonus_cap"]), "'bonus_cap' must not be negative");
      s_.bonus_cap = *cap;
    }
    if (auto cap = doc_.number(root, "deduction_cap", diag_)) {
      if (*cap < 0) diag_.add(doc_.at(root["deduction_cap"]), "'deduction_cap' must not be negative");
      s_.deduction_cap = *cap;
    }
    const YAML::Node list = root["adjustments"];
    if (!list || list.IsNull() || !doc_.expect_seq(list, "'adjustments'", diag_)) return;
    for (const auto& node : list) {
      if (!doc_.expect_map(node, "an adjustment", diag_)) continue;
      const std::string label = "adjustment '" + doc_.text(node, "id", diag_).value_or("?") + "'";
      doc_.check_keys(node, {"id", "name", "kind", "per", "cap"}, {"id", "kind"}, label, diag_);
      Adjustment adj;
      adj.id = doc_.text(node, "id", diag_).value_or("");
      adj.name = doc_.text(node, "name", diag_).value_or(adj.id);
      adj.where = doc_.at(node);
      if (node["id"]) claim_id(adj.id, node["id"]);
      if (auto bonus = doc_.choice<bool>(node, "kind", {{"bonus", true}, {"deduction", false}}, diag_, label)) {
        adj.bonus = *bonus;
      }
      if (auto per = doc_.number(node, "per", diag_)) {
        if (*per < 0) diag_.add(doc_.at(node["per"]), "'per' of " + label + " must not be negative");
        adj.per = *per;
      }
      if (auto cap = doc_.number(node, "cap", diag_)) {
        if (*cap < 0) diag_.add(doc_.at(node["cap"]), "'cap' of " + label + " must not be negative");
        adj.cap = *cap;
      }
      s_.adjustments.push_back(adj);
    }
  }

  void read_vetoes(const YAML::Node& root) {
    const YAML::Node list = root["veto"];
    if (!list || list.IsNull() || !doc_.expect_seq(list, "'veto'", diag_)) return;
    for (const auto& node : list) {
      if (!doc_.expect_map(node, "a veto", diag_)) continue;
      const std::string label = "veto '" + doc_.text(node, "id", diag_).value_or("?") + "'";
      doc_.check_keys(node, {"id", "name", "max_stars"}, {"id", "max_stars"}, label, diag_);
      Veto veto;
      veto.id = doc_.text(node, "id", diag_).value_or("");
      veto.name = doc_.text(node, "name", diag_).value_or(veto.id);
      veto.where = doc_.at(node);
      if (node["id"]) claim_id(veto.id, node["id"]);
      if (auto m = doc_.integer(node, "max_stars", diag_)) {
        if (*m < 0) diag_.add(doc_.at(node["max_stars"]), "'max_stars' of " + label + " must not be negative");
        veto.max_stars = static_cast<int>(std::max(0LL, std::min(*m, 1000LL)));
      }
      s_.vetoes.push_back(veto);
    }
  }

  void read_stars(const YAML::Node& root) {
    const YAML::Node list = root["stars"];
    if (!list || list.IsNull() || !doc_.expect_seq(list, "'stars'", diag_)) return;
    std::vector<std::pair<StarLevel, YAML::Node>> levels;
    for (const auto& node : list) {
      if (!doc_.expect_map(node, "a star level", diag_)) continue;
      doc_.check_keys(node, {"stars", "min"}, {"stars", "min"}, "a star level", diag_);
      auto stars = doc_.integer(node, "stars", diag_);
      auto min = doc_.number(node, "min", diag_);
      if (!stars || !min) continue;
      if (*stars < 0 || *stars > 100) {
        diag_.add(doc_.at(node["stars"]), "'stars' must be between 0 and 100");
        continue;
      }
      StarLevel level{static_cast<int>(*stars), *min, threshold_nanos(*min)};
      for (const auto& [other, where] : levels) {
        if (other.stars == level.stars)
          diag_.add(doc_.at(node), "star level " + std::to_string(level.stars) + " is given twice");
      }
      levels.emplace_back(level, node);
    }
    std::stable_sort(levels.begin(), levels.end(),
                     [](const auto& a, const auto& b) { return a.first.stars > b.first.stars; });
    for (std::size_t i = 1; i < levels.size(); ++i) {
      if (levels[i].first.stars != levels[i - 1].first.stars && levels[i].first.min >= levels[i - 1].first.min) {
        diag_.add(doc_.at(levels[i - 1].second), std::to_string(levels[i - 1].first.stars) + " stars need min " +
                                                     format_number(levels[i - 1].first.min) + ", not more than " +
                                                     std::to_string(levels[i].first.stars) + " stars (" +
                                                     format_number(levels[i].first.min) +
                                                     "); more stars must need a higher score");
      }
    }
    for (const auto& [level, node] : levels) s_.stars.push_back(level);
  }

  void compute_shares() {
    auto share_of = [this](const std::vector<int>& siblings) {
      double sum = 0;
      for (int i : siblings) sum += s_.nodes[static_cast<std::size_t>(i)].weight;
      return sum;
    };
    // Parents come before children in `nodes`, so one forward pass sees every parent's share.
    const double root_sum = share_of(s_.roots);
    for (int r : s_.roots) {
      auto& n = s_.nodes[static_cast<std::size_t>(r)];
      n.share = root_sum > 0 ? n.weight / root_sum : 0;
    }
    for (auto& n : s_.nodes) {
      const double sum = share_of(n.children);
      for (int c : n.children) {
        auto& child = s_.nodes[static_cast<std::size_t>(c)];
        child.share = sum > 0 ? n.share * child.weight / sum : 0;
      }
    }
  }

  void build_items() {
    for (std::size_t i = 0; i < s_.nodes.size(); ++i) {
      auto& n = s_.nodes[i];
      if (!n.is_leaf()) continue;
      Item item{n.id, ItemKind::leaf, static_cast<int>(i), n.scoring.method == Method::check, {}, {}};
      if (n.scoring.method == Method::direct) {
        item.lowest = 0;
        item.highest = n.weight;
      } else if (n.scoring.method == Method::ratio) {
        item.lowest = 0;
      }
      n.item = static_cast<int>(s_.items.size());
      s_.items.push_back(item);
    }
    for (std::size_t i = 0; i < s_.adjustments.size(); ++i) {
      s_.adjustments[i].item = static_cast<int>(s_.items.size());
      s_.items.push_back(Item{s_.adjustments[i].id, ItemKind::adjustment, static_cast<int>(i), false, 0.0, {}});
    }
    for (std::size_t i = 0; i < s_.vetoes.size(); ++i) {
      s_.vetoes[i].item = static_cast<int>(s_.items.size());
      s_.items.push_back(Item{s_.vetoes[i].id, ItemKind::veto, static_cast<int>(i), true, {}, {}});
    }
  }

  const YamlDoc& doc_;
  Scheme& s_;
  Diagnostics& diag_;
  std::set<std::string> ids_;
};

}  // namespace

Scheme parse_scheme(const std::string& file, std::string text) {
  YamlDoc doc(file, std::move(text));
  Scheme scheme;
  scheme.file = file;
  Diagnostics diag;
  SchemeReader(doc, scheme, diag).read();
  diag.throw_if_any();
  return scheme;
}

Scheme load_scheme(const std::string& path) { return parse_scheme(path, detail::read_file(path)); }

}  // namespace xingji
