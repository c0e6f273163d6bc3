#include "xingji/scheme.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "base/suggest.hpp"
#include "read/yaml_doc.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"

namespace xingji {

namespace {

using detail::YamlDoc;

class SchemeReader {
 public:
  SchemeReader(const YamlDoc& doc, Scheme& scheme, Diagnostics& diag) : doc_(doc), s_(scheme), diag_(diag) {}

  void read() {
    const auto& root = doc_.root();
    if (!doc_.expect_map(root, "a scheme", diag_)) return;
    doc_.check_keys(root,
                    {"id", "name", "total", "missing", "indicators", "adjustments", "bonus_cap", "deduction_cap",
                     "veto", "stars", "grades", "promotion"},
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
    read_grades(root);
    read_promotion(root);
    resolve_gates();
    if (s_.star_pass && s_.roots.size() > 32) {
      diag_.add(doc_.at(five_areas_), "five-area stars give a star per top-level area; at most 32 areas, not " +
                                          std::to_string(s_.roots.size()));
    }
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
    doc_.check_keys(
        node, {"id", "name", "weight", "unit", "scoring", "children", "per", "combine", "missing_quarter", "raters"},
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
    const bool leaf = !(children && !children.IsNull());
    read_periods(node, s_.nodes[static_cast<std::size_t>(index)], label, leaf);
    read_raters(node, s_.nodes[static_cast<std::size_t>(index)], label, leaf);
    return index;
  }

  // `per: quarter`, `combine` and `missing_quarter` of a leaf (spec 4.2).
  void read_periods(const YAML::Node& node, Indicator& ind, const std::string& label, bool leaf) {
    if (auto per = doc_.choice<bool>(node, "per", {{"quarter", true}, {"year", false}}, diag_, label)) {
      ind.quarterly = *per;
    }
    for (const char* key : {"per", "combine", "missing_quarter"}) {
      if (node[key] && !leaf) {
        diag_.add(doc_.at(node[key]), "'" + std::string(key) + "' of " + label +
                                          " belongs on a leaf: an area's value comes from its children");
      }
    }
    if ((node["combine"] || node["missing_quarter"]) && !ind.quarterly && leaf) {
      diag_.add(doc_.at(node["combine"] ? node["combine"] : node["missing_quarter"]),
                label + " sets how quarters combine but is not quarterly; add `per: quarter`");
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
      diag_.add(doc_.at(node["per"]), label +
                                          " is scored by 'levels', whose grades cannot be combined over quarters; "
                                          "give one grade a year or score quarters as numbers");
    }
  }

  // A map of labels to fractions in [0, 1], in the order written.
  std::vector<Label> read_labels(const YAML::Node& map, const std::string& what) {
    std::vector<Label> out;
    if (!map || !doc_.expect_map(map, what, diag_)) return out;
    if (map.size() == 0) diag_.add(doc_.at(map), what + " is empty; give at least one `label: fraction`");
    for (const auto& kv : map) {
      if (!kv.first.IsScalar() || !kv.second.IsScalar()) {
        diag_.add(doc_.at(kv.first), what + " must map each label to a fraction, e.g. 优秀: 1");
        continue;
      }
      const std::string text(trim(kv.first.Scalar()));
      auto x = parse_number(kv.second.Scalar());
      if (!x || *x < 0 || *x > 1) {
        diag_.add(doc_.at(kv.second),
                  "'" + text + "' in " + what + " is '" + kv.second.Scalar() + "'; give a fraction between 0 and 1");
        continue;
      }
      if (text.empty()) {
        diag_.add(doc_.at(kv.first), "an empty label in " + what);
        continue;
      }
      if (std::any_of(out.begin(), out.end(), [&](const Label& l) { return l.text == text; })) {
        diag_.add(doc_.at(kv.first), "'" + text + "' is given twice in " + what);
        continue;
      }
      out.push_back(Label{text, *x});
    }
    return out;
  }

  // 双述双评 (spec 4.3).
  void read_raters(const YAML::Node& node, Indicator& ind, const std::string& label, bool leaf) {
    const YAML::Node r = node["raters"];
    if (!r || r.IsNull()) return;
    if (!leaf) {
      diag_.add(doc_.at(r), "'raters' of " + label + " belongs on a leaf: an area's value comes from its children");
      return;
    }
    const std::string what = "'raters' of " + label;
    if (!doc_.expect_map(r, what, diag_)) return;
    doc_.check_keys(r, {"groups", "combine", "ballots", "min_ballots"}, {"groups"}, what, diag_);
    Raters raters;
    if (const YAML::Node g = r["groups"]; g && doc_.expect_map(g, "'groups' of " + what, diag_)) {
      double sum = 0;
      for (const auto& kv : g) {
        double w = -1;
        if (kv.second.IsScalar()) w = parse_number(kv.second.Scalar()).value_or(-1.0);
        const std::string name = kv.first.IsScalar() ? std::string(trim(kv.first.Scalar())) : std::string();
        if (name.empty() || w <= 0 || w > 1) {
          diag_.add(doc_.at(kv.second),
                    "each rater group of " + label + " needs a name and a weight between 0 and 1, e.g. 群众: 0.4");
          continue;
        }
        if (std::any_of(raters.groups.begin(), raters.groups.end(),
                        [&](const RaterGroup& x) { return x.name == name; })) {
          diag_.add(doc_.at(kv.first), "rater group '" + name + "' of " + label + " is given twice");
          continue;
        }
        raters.groups.push_back(RaterGroup{name, w});
        sum += w;
      }
      if (raters.groups.empty()) {
        diag_.add(doc_.at(g), "'groups' of " + what + " is empty; name each group with its weight");
      } else if (std::abs(sum - 1) > 1e-9) {
        diag_.add(doc_.at(g), "the weights of the rater groups of " + label + " sum to " + format_number(sum) +
                                  ", not 1; make them add up to 1 (e.g. 群众: 0.4, 镇党委: 0.6)");
      }
    }
    if (auto c = doc_.choice<RaterCombine>(
            r, "combine",
            {{"mean", RaterCombine::mean}, {"median", RaterCombine::median}, {"trimmed", RaterCombine::trimmed}}, diag_,
            what)) {
      raters.combine = *c;
    }
    if (r["ballots"]) raters.ballots = read_labels(r["ballots"], "'ballots' of " + label);
    if (auto m = doc_.integer(r, "min_ballots", diag_)) {
      if (*m < 0 || *m > 1000000) diag_.add(doc_.at(r["min_ballots"]), "'min_ballots' must be 0 or more");
      raters.min_ballots = static_cast<int>(std::clamp(*m, 0LL, 1000000LL));
    }
    if (ind.quarterly) {
      diag_.add(doc_.at(r), label +
                                " is both quarterly and rated by raters; give ratings once a year, "
                                "or split it into two items");
    }
    const Method m = ind.scoring.method;
    if (!raters.ballots.empty() && node["scoring"]) {
      diag_.add(doc_.at(node["scoring"]), label +
                                              " has text ballots, whose combined fraction is its achievement; "
                                              "remove its 'scoring'");
    } else if (m == Method::check || m == Method::levels) {
      diag_.add(doc_.at(node["scoring"]), label + " is rated by raters, so its scoring cannot be '" +
                                              (m == Method::check ? "check" : "levels") +
                                              "'; use `ballots` for text ratings");
    }
    ind.raters = std::move(raters);
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
    } else if (*method == "count" || *method == "deduct") {
      sc.method = *method == "count" ? Method::count : Method::deduct;
      doc_.check_keys(node, {"method", "per"}, {"per"}, what, diag_);
      if (auto per = doc_.number(node, "per", diag_)) {
        if (*per <= 0) diag_.add(doc_.at(node["per"]), "'per' of " + label + " must be greater than 0");
        sc.per = *per;
      }
    } else if (*method == "levels") {
      sc.method = Method::levels;
      doc_.check_keys(node, {"method", "map"}, {"map"}, what, diag_);
      sc.levels = read_labels(node["map"], "'map' of " + label);
    } else if (*method == "rank") {
      sc.method = Method::rank;
      doc_.check_keys(node, {"method", "ladder", "buckets", "direction"}, {}, what, diag_);
      if (auto dir = doc_.choice<Direction>(node, "direction",
                                            {{"higher", Direction::higher}, {"lower", Direction::lower}}, diag_)) {
        sc.direction = *dir;
      }
      read_rank(node, ind, label);
    } else {
      static constexpr std::string_view methods[] = {"direct", "linear", "steps",  "ratio",  "minmax",
                                                     "check",  "count",  "deduct", "levels", "rank"};
      diag_.add(doc_.at(node["method"]),
                unknown_name(
                    "scoring method", *method, methods,
                    " for " + label + " (direct, linear, steps, ratio, minmax, check, count, deduct, levels or rank)"));
    }
  }

  // Points must lie in [0, weight].
  void check_points(double points, const YAML::Node& where, const Indicator& ind, const std::string& label) {
    if (points < 0) diag_.add(doc_.at(where), "points of " + label + " must not be negative");
    if (points > ind.weight && ind.weight > 0) {
      diag_.add(doc_.at(where), label + " gives " + format_number(points) + " points, more than its weight " +
                                    format_number(ind.weight) + "; lower the points or raise the weight");
    }
  }

  void read_rank(const YAML::Node& node, Indicator& ind, const std::string& label) {
    const YAML::Node ladder = node["ladder"];
    const YAML::Node buckets = node["buckets"];
    if (!ladder == !buckets) {
      diag_.add(doc_.at(node), "rank scoring of " + label +
                                   " needs either 'ladder' (points of ranks 1, 2, ...) or 'buckets' (by top share)");
      return;
    }
    if (ladder) {
      if (!doc_.expect_seq(ladder, "'ladder' of " + label, diag_)) return;
      if (ladder.size() == 0)
        diag_.add(doc_.at(ladder), "'ladder' of " + label + " is empty; give points, e.g. [10, 9, 8]");
      for (const auto& x : ladder) {
        auto p = x.IsScalar() ? parse_number(x.Scalar()) : std::nullopt;
        if (!p) {
          diag_.add(doc_.at(x), "each rung of the ladder of " + label + " must be a number of points");
          continue;
        }
        check_points(*p, x, ind, label);
        ind.scoring.ladder.push_back(*p);
      }
      return;
    }
    if (!doc_.expect_seq(buckets, "'buckets' of " + label, diag_)) return;
    if (buckets.size() == 0) {
      diag_.add(doc_.at(buckets), "'buckets' of " + label + " is empty; give entries such as {top: 0.1, points: 10}");
    }
    for (const auto& b : buckets) {
      if (!doc_.expect_map(b, "a bucket of " + label, diag_)) continue;
      doc_.check_keys(b, {"top", "points"}, {"top", "points"}, "a bucket of " + label, diag_);
      auto top = doc_.number(b, "top", diag_);
      auto points = doc_.number(b, "points", diag_);
      if (!top || !points) continue;
      if (*top <= 0 || *top > 1) {
        diag_.add(doc_.at(b["top"]), "'top' of a bucket of " + label + " is " + format_number(*top) +
                                         "; give a share of the units in (0, 1], e.g. 0.1 for the top 10%");
        continue;
      }
      check_points(*points, b["points"], ind, label);
      auto& list = ind.scoring.buckets;
      if (!list.empty() && *top <= list.back().top) {
        diag_.add(doc_.at(b["top"]), "buckets of " + label + " must be listed by increasing 'top'; " +
                                         format_number(*top) + " comes after " + format_number(list.back().top));
        continue;
      }
      list.push_back(Bucket{*top, threshold_nanos(*top), *points});
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
        check_points(*points, entry["points"], ind, "a step of " + label);
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
    if (!list || list.IsNull()) return;
    if (list.IsMap()) {
      // Five-area mode (五星支部): `stars: {count: {pass: 80}}`.
      doc_.check_keys(list, {"count"}, {"count"}, "'stars'", diag_);
      const YAML::Node count = list["count"];
      if (!count || !doc_.expect_map(count, "'count' of 'stars'", diag_)) return;
      doc_.check_keys(count, {"pass"}, {"pass"}, "'count' of 'stars'", diag_);
      if (auto pass = doc_.number(count, "pass", diag_)) {
        if (*pass <= 0 || *pass > 100) {
          diag_.add(doc_.at(count["pass"]),
                    "'pass' is the percent of an area's points that earns its star; give it in (0, 100], e.g. 80");
        }
        s_.star_pass = *pass;
        s_.star_pass_nanos = threshold_nanos(*pass);
      }
      five_areas_ = list;
      return;
    }
    if (!doc_.expect_seq(list, "'stars'", diag_)) return;
    s_.stars = read_levels(list, false);
  }

  void read_grades(const YAML::Node& root) {
    const YAML::Node list = root["grades"];
    if (!list || list.IsNull() || !doc_.expect_seq(list, "'grades'", diag_)) return;
    s_.grades = read_levels(list, true);
  }

  // Star levels (`stars`, keyed by `stars`) or grades (`label`), highest first; `requires`
  // ids are kept as text in `pending_gates_` until the tree is known.
  std::vector<StarLevel> read_levels(const YAML::Node& list, bool grades) {
    const char* what = grades ? "a grade" : "a star level";
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
          diag_.add(doc_.at(node["stars"]), "'stars' must be between 0 and 100");
          continue;
        }
        level.stars = static_cast<int>(*stars);
      }
      level.min = *min;
      level.min_nanos = threshold_nanos(*min);
      if (auto share = doc_.number(node, "max_share", diag_)) {
        if (*share <= 0 || *share > 1) {
          diag_.add(doc_.at(node["max_share"]), "'max_share' is " + format_number(*share) +
                                                    "; give the largest share of units at this level in (0, 1], "
                                                    "e.g. 0.1 for 10%");
        } else {
          level.max_share = *share;
          level.share_nanos = threshold_nanos(*share);
        }
      }
      if (const YAML::Node req = node["requires"]; req && !req.IsNull()) {
        if (req.IsScalar()) {
          pending_gates_.push_back(PendingGate{grades, levels.size(), req.Scalar(), req});
        } else if (doc_.expect_seq(req, "'requires'", diag_)) {
          for (const auto& id : req) {
            if (!id.IsScalar()) {
              diag_.add(doc_.at(id), "each entry of 'requires' must be an indicator id");
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
        diag_.add(doc_.at(node), grades ? "grade '" + level.label + "' is given twice"
                                        : "star level " + std::to_string(level.stars) + " is given twice");
      }
      levels.emplace_back(level, node);
    }
    if (levels.size() > 16) diag_.add(doc_.at(list), std::string("at most 16 levels are allowed in ") + what);
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
        diag_.add(doc_.at(lo.second), "grades '" + hi.first.label + "' and '" + lo.first.label + "' both need min " +
                                          format_number(lo.first.min) + "; give each grade its own threshold");
      } else if (!grades && lo.first.stars != hi.first.stars && lo.first.min >= hi.first.min) {
        diag_.add(doc_.at(hi.second), std::to_string(hi.first.stars) + " stars need min " +
                                          format_number(hi.first.min) + ", not more than " +
                                          std::to_string(lo.first.stars) + " stars (" + format_number(lo.first.min) +
                                          "); more stars must need a higher score");
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

  void read_promotion(const YAML::Node& root) {
    const YAML::Node p = root["promotion"];
    if (!p || p.IsNull() || !doc_.expect_map(p, "'promotion'", diag_)) return;
    doc_.check_keys(p, {"up"}, {"up"}, "'promotion'", diag_);
    if (auto up = doc_.integer(p, "up", diag_)) {
      if (*up < 0 || *up > 100) {
        diag_.add(doc_.at(p["up"]), "'up' is the most stars a unit may rise in a year; give 0 or more, e.g. 1");
      } else {
        s_.promotion_up = static_cast<int>(*up);
      }
    }
    if (!s_.has_stars()) diag_.add(doc_.at(p), "'promotion' limits stars, but the scheme gives none; add 'stars'");
  }

  // `requires` names nodes of the tree; they become the scheme's gates.
  void resolve_gates() {
    for (const auto& g : pending_gates_) {
      const std::string id(trim(g.id));
      const int n = s_.find_node(id);
      if (n < 0) {
        std::vector<std::string_view> names;
        for (const auto& node : s_.nodes) names.push_back(node.id);
        std::sort(names.begin(), names.end());
        std::string what = " in 'requires' (an indicator or area of this scheme whose value must be full or true)";
        if (s_.find_item(id) >= 0) what = " in 'requires': adjustments and vetoes cannot be gates; name an indicator";
        diag_.add(doc_.at(g.where), unknown_name("indicator", id, names, what));
        continue;
      }
      auto& levels = g.grades ? s_.grades : s_.stars;
      if (g.level >= levels.size()) continue;
      auto& req = levels[g.level].required;
      if (std::find(req.begin(), req.end(), n) == req.end()) req.push_back(n);
      if (std::find(s_.gates.begin(), s_.gates.end(), n) == s_.gates.end()) s_.gates.push_back(n);
    }
    if (s_.gates.size() > 32) {
      diag_.add(Location{doc_.file(), 0, 0}, "at most 32 different indicators may be named in 'requires'");
    }
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
      Item item;
      item.id = n.id;
      item.index = static_cast<int>(i);
      item.boolean = n.scoring.method == Method::check;
      item.labelled = n.scoring.method == Method::levels;
      item.rated = n.raters.has_value();
      if (n.fraction_ballots()) {
        item.lowest = 0;
        item.highest = 1;
      } else if (n.scoring.method == Method::direct) {
        item.lowest = 0;
        item.highest = n.weight;
      } else if (n.scoring.method == Method::ratio || n.scoring.method == Method::count ||
                 n.scoring.method == Method::deduct) {
        item.lowest = 0;
      }
      n.item = static_cast<int>(s_.items.size());
      s_.items.push_back(item);
    }
    for (std::size_t i = 0; i < s_.adjustments.size(); ++i) {
      s_.adjustments[i].item = static_cast<int>(s_.items.size());
      Item item;
      item.id = s_.adjustments[i].id;
      item.kind = ItemKind::adjustment;
      item.index = static_cast<int>(i);
      item.lowest = 0.0;
      s_.items.push_back(item);
    }
    for (std::size_t i = 0; i < s_.vetoes.size(); ++i) {
      s_.vetoes[i].item = static_cast<int>(s_.items.size());
      Item item;
      item.id = s_.vetoes[i].id;
      item.kind = ItemKind::veto;
      item.index = static_cast<int>(i);
      item.boolean = true;
      s_.items.push_back(item);
    }
    // Quarterly leaves keep their four quarters as items of their own, after everything
    // else; the leaf's item then holds the combined value.
    for (auto& n : s_.nodes) {
      if (!n.is_leaf() || !n.quarterly) continue;
      n.quarter_item = static_cast<int>(s_.items.size());
      s_.items[static_cast<std::size_t>(n.item)].quarter_item = n.quarter_item;
      for (int q = 1; q <= 4; ++q) {
        Item item = s_.items[static_cast<std::size_t>(n.item)];
        item.kind = ItemKind::quarter;
        item.quarter_item = -1;
        item.quarter = q;
        s_.items.push_back(item);
      }
    }
  }

  struct PendingGate {
    bool grades = false;
    std::size_t level = 0;  // as read, then as sorted
    std::string id;
    YAML::Node where;
    bool placed = false;
  };

  const YamlDoc& doc_;
  Scheme& s_;
  Diagnostics& diag_;
  std::set<std::string> ids_;
  std::vector<PendingGate> pending_gates_;
  YAML::Node five_areas_;
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
