// How a leaf of a scheme scores its value: the scoring methods and their parameters
// (linear bounds, steps, rank ladders and buckets, level maps).
#include "read/scheme_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "base/i18n.hpp"
#include "base/suggest.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"

namespace xingji::detail {

void SchemeReader::read_scoring(const YAML::Node& node, Indicator& ind, const std::string& label) {
  // TRANSLATORS: "'scoring' of indicator 'x'", "'ladder' of ...": a noun phrase naming a key of
  // the scheme, the {} of messages about it.
  const std::string what = _f("'scoring' of {}", label);
  if (!doc_.expect_map(node, what, diag_)) return;
  auto method = doc_.text(node, "method", diag_);
  if (!method) {
    diag_.add(doc_.at(node), _f("missing required key 'method' in 'scoring' of {} "
                                "(direct, linear, steps, ratio, minmax or check)",
                                label));
    return;
  }
  Scoring& sc = ind.scoring;
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
        diag_.add(doc_.at(node), _f("linear scoring of {} has zero == full ({}); "
                                    "give two different values (full < zero means lower is better)",
                                    label, format_number(*zero)));
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
      if (*per <= 0) diag_.add(doc_.at(node["per"]), _f("'per' of {} must be greater than 0", label));
      sc.per = *per;
    }
  } else if (*method == "levels") {
    sc.method = Method::levels;
    doc_.check_keys(node, {"method", "map"}, {"map"}, what, diag_);
    sc.levels = read_labels(node["map"], _f("'map' of {}", label));
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
              with_suggestion(_f("unknown scoring method '{}' for {} (direct, linear, steps, ratio, minmax, check, "
                                 "count, deduct, levels or rank)",
                                 *method, label),
                              *method, methods));
  }
}

// Points must lie in [0, weight].
void SchemeReader::check_points(double points, const YAML::Node& where, const Indicator& ind,
                                const std::string& label) {
  if (points < 0) diag_.add(doc_.at(where), _f("points of {} must not be negative", label));
  if (points > ind.weight && ind.weight > 0) {
    diag_.add(doc_.at(where), _f("{} gives {} points, more than its weight {}; lower the points or raise the weight",
                                 label, format_number(points), format_number(ind.weight)));
  }
}

void SchemeReader::read_rank(const YAML::Node& node, Indicator& ind, const std::string& label) {
  const YAML::Node ladder = node["ladder"];
  const YAML::Node buckets = node["buckets"];
  if (!ladder == !buckets) {
    diag_.add(doc_.at(node), _f("rank scoring of {} needs either 'ladder' (points of ranks 1, 2, ...) "
                                "or 'buckets' (by top share)",
                                label));
    return;
  }
  if (ladder) {
    if (!doc_.expect_seq(ladder, _f("'ladder' of {}", label), diag_)) return;
    if (ladder.size() == 0)
      diag_.add(doc_.at(ladder), _f("'ladder' of {} is empty; give points, e.g. [10, 9, 8]", label));
    for (const auto& x : ladder) {
      auto p = x.IsScalar() ? parse_number(x.Scalar()) : std::nullopt;
      if (!p) {
        diag_.add(doc_.at(x), _f("each rung of the ladder of {} must be a number of points", label));
        continue;
      }
      check_points(*p, x, ind, label);
      ind.scoring.ladder.push_back(*p);
    }
    return;
  }
  if (!doc_.expect_seq(buckets, _f("'buckets' of {}", label), diag_)) return;
  if (buckets.size() == 0) {
    diag_.add(doc_.at(buckets), _f("'buckets' of {} is empty; give entries such as {{top: 0.1, points: 10}}", label));
  }
  const std::string bucket = _f("a bucket of {}", label);
  for (const auto& b : buckets) {
    if (!doc_.expect_map(b, bucket, diag_)) continue;
    doc_.check_keys(b, {"top", "points"}, {"top", "points"}, bucket, diag_);
    auto top = doc_.number(b, "top", diag_);
    auto points = doc_.number(b, "points", diag_);
    if (!top || !points) continue;
    if (*top <= 0 || *top > 1) {
      diag_.add(doc_.at(b["top"]), _f("'top' of a bucket of {} is {}; "
                                      "give a share of the units in (0, 1], e.g. 0.1 for the top 10%",
                                      label, format_number(*top)));
      continue;
    }
    check_points(*points, b["points"], ind, label);
    auto& list = ind.scoring.buckets;
    if (!list.empty() && *top <= list.back().top) {
      diag_.add(doc_.at(b["top"]), _f("buckets of {} must be listed by increasing 'top'; {} comes after {}", label,
                                      format_number(*top), format_number(list.back().top)));
      continue;
    }
    list.push_back(Bucket{*top, threshold_nanos(*top), *points});
  }
}

void SchemeReader::read_steps(const YAML::Node& list, Indicator& ind, const std::string& label) {
  if (!list || !doc_.expect_seq(list, _f("'steps' of {}", label), diag_)) return;
  if (list.size() == 0) {
    diag_.add(doc_.at(list), _f("'steps' of {} is empty; give at least one {{min, points}} entry", label));
    return;
  }
  int mins = 0;
  int maxes = 0;
  const std::string step = _f("a step of {}", label);
  for (const auto& entry : list) {
    if (!doc_.expect_map(entry, step, diag_)) continue;
    doc_.check_keys(entry, {"min", "max", "points"}, {"points"}, step, diag_);
    auto lo = doc_.number(entry, "min", diag_);
    auto hi = doc_.number(entry, "max", diag_);
    auto points = doc_.number(entry, "points", diag_);
    if (lo && hi) {
      diag_.add(doc_.at(entry), _f("a step of {} gives both 'min' and 'max'; give one", label));
      continue;
    }
    if (!lo && !hi) {
      diag_.add(doc_.at(entry), _f("a step of {} needs 'min' (at least) or 'max' (at most)", label));
      continue;
    }
    (lo ? mins : maxes)++;
    if (points) {
      check_points(*points, entry["points"], ind, step);
      ind.scoring.steps.push_back(Step{lo ? *lo : *hi, *points});
    }
  }
  if (mins > 0 && maxes > 0) {
    diag_.add(doc_.at(list), _f("steps of {} mix 'min' and 'max' entries; "
                                "use only 'min' (at least) or only 'max' (at most)",
                                label));
  }
  ind.scoring.steps_by_max = maxes > 0 && mins == 0;
  auto& steps = ind.scoring.steps;
  if (ind.scoring.steps_by_max) {
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.bound < b.bound; });
  } else {
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.bound > b.bound; });
  }
}

}  // namespace xingji::detail
