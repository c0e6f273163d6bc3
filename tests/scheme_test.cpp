#include <doctest/doctest.h>

#include "xingji/scheme.hpp"

using namespace xingji;

namespace {
// All messages of the error the scheme text raises, one per line.
std::string errors_of(const std::string& text) {
  try {
    (void)parse_scheme("s.yaml", text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a valid scheme keeps the tree in order with shares of the total") {
  const Scheme s = parse_scheme("s.yaml", R"(id: v
name: 细则
total: 100
indicators:
  - id: org
    weight: 20
    children:
      - {id: a, weight: 1}
      - {id: b, weight: 3, scoring: {method: check}}
  - {id: c, weight: 80, scoring: {method: steps, steps: [{min: 1, points: 10}, {min: 5, points: 80}]}}
adjustments: [{id: h, kind: bonus, per: 2, cap: 4}]
veto: [{id: x, max_stars: 1}]
stars: [{stars: 1, min: 0}, {stars: 5, min: 90}]
)");
  REQUIRE(s.nodes.size() == 4);
  CHECK(s.nodes[1].share == doctest::Approx(0.05));
  CHECK(s.nodes[2].share == doctest::Approx(0.15));
  CHECK(s.nodes[3].scoring.steps[0].bound == 5);  // sorted by min, highest first
  CHECK(s.items.size() == 5);
  CHECK(s.items[2].id == "c");
  CHECK(s.items[3].kind == ItemKind::adjustment);
  CHECK(s.items[4].boolean);
  CHECK(s.stars.front().stars == 5);
  CHECK(s.max_stars() == 5);
}

TEST_CASE("an unknown key is reported with a suggestion") {
  CHECK(errors_of("indicators:\n  - {id: a, wieght: 1}\n")
            .find("s.yaml:2:13: error: unknown key 'wieght' in indicator 'a', did you mean 'weight'?") !=
        std::string::npos);
}

TEST_CASE("every problem in a scheme is reported in one go") {
  const std::string e = errors_of(R"(indicators:
  - {id: a, weight: 0}
  - {id: a, weight: 5}
  - {id: b, weight: -1}
  - {id: c, weight: 5, scoring: {method: linear, zero: 3, full: 3}}
  - {id: d, weight: 5, scoring: {method: steps, steps: [{min: 1, points: 2}, {max: 3, points: 9}]}}
)");
  CHECK(e.find("s.yaml:2:21: error: weight of indicator 'a' is 0") != std::string::npos);
  CHECK(e.find("s.yaml:3:10: error: duplicate id 'a'") != std::string::npos);
  CHECK(e.find("weight of indicator 'b' is -1") != std::string::npos);
  CHECK(e.find("zero == full") != std::string::npos);
  CHECK(e.find("mix 'min' and 'max'") != std::string::npos);
  CHECK(e.find("gives 9 points, more than its weight 5") != std::string::npos);
}

TEST_CASE("missing required keys and a bad method are named") {
  CHECK(errors_of("name: x\n").find("missing required key 'indicators'") != std::string::npos);
  CHECK(errors_of("indicators: [{id: a}]\n").find("missing required key 'weight' in indicator 'a'") !=
        std::string::npos);
  CHECK(errors_of("indicators: [{id: a, weight: 1, scoring: {method: lineer}}]\n")
            .find("unknown scoring method 'lineer' for indicator 'a' (direct, linear, steps, ratio, minmax, check, "
                  "count, deduct, levels or rank), "
                  "did you mean 'linear'?") != std::string::npos);
  CHECK(errors_of("indicators: [{id: a, weight: 1, scoring: {method: linear, zero: 1}}]\n")
            .find("missing required key 'full'") != std::string::npos);
}

TEST_CASE("malformed YAML is reported at its position") {
  CHECK(errors_of("indicators: [{id: a, weight: 1}\n").find("error: invalid YAML") != std::string::npos);
}

TEST_CASE("star levels must need more points for more stars") {
  CHECK(errors_of("indicators: [{id: a, weight: 1}]\nstars: [{stars: 5, min: 70}, {stars: 4, min: 80}]\n")
            .find("more stars must need a higher score") != std::string::npos);
}

TEST_CASE("an area with children cannot have its own scoring") {
  CHECK(errors_of("indicators: [{id: a, weight: 1, scoring: {method: check}, children: [{id: b, weight: 1}]}]\n")
            .find("remove its 'scoring'") != std::string::npos);
}

TEST_CASE("a value outside a fixed set of choices lists the choices") {
  const std::string e = errors_of(R"(missing: some
indicators: [{id: a, weight: 1, scoring: {method: ratio, direction: up}}]
adjustments: [{id: h, kind: plus}]
)");
  CHECK(e.find("s.yaml:1:10: error: 'missing' must be error, zero or mean, not 'some'") != std::string::npos);
  CHECK(e.find("'direction' must be higher or lower, not 'up'") != std::string::npos);
  CHECK(e.find("'kind' of adjustment 'h' must be bonus or deduction, not 'plus'") != std::string::npos);
}
