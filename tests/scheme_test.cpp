#include <doctest/doctest.h>

#include "helpers.hpp"
#include "xingji/scheme.hpp"

using namespace xingji;

using test::scheme_error;

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
  CHECK(scheme_error("indicators:\n  - {id: a, wieght: 1}\n")
            .find("s.yaml:2:13: error: unknown key 'wieght' in indicator 'a', did you mean 'weight'?") !=
        std::string::npos);
}

TEST_CASE("every problem in a scheme is reported in one go") {
  const std::string e = scheme_error(R"(indicators:
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
  CHECK(scheme_error("name: x\n").find("missing required key 'indicators'") != std::string::npos);
  CHECK(scheme_error("indicators: [{id: a}]\n").find("missing required key 'weight' in indicator 'a'") !=
        std::string::npos);
  CHECK(scheme_error("indicators: [{id: a, weight: 1, scoring: {method: lineer}}]\n")
            .find("unknown scoring method 'lineer' for indicator 'a' (direct, linear, steps, ratio, minmax, check, "
                  "count, deduct, levels or rank), "
                  "did you mean 'linear'?") != std::string::npos);
  CHECK(scheme_error("indicators: [{id: a, weight: 1, scoring: {method: linear, zero: 1}}]\n")
            .find("missing required key 'full'") != std::string::npos);
}

TEST_CASE("malformed YAML is reported at its position") {
  CHECK(scheme_error("indicators: [{id: a, weight: 1}\n").find("error: invalid YAML") != std::string::npos);
}

TEST_CASE("an alias may repeat a block of a scheme") {
  const Scheme s = parse_scheme("s.yaml", R"(indicators:
  - {id: a, weight: 50, scoring: &pct {method: linear, zero: 60, full: 100}}
  - {id: b, weight: 50, scoring: *pct}
)");
  REQUIRE(s.nodes.size() == 2);
  CHECK(s.nodes[1].scoring.method == Method::linear);
  CHECK(s.nodes[1].scoring.zero == 60);
}

TEST_CASE("aliases that expand hugely or loop are refused at once") {
  // Ten copies of the level before, seven levels deep: 10^7 indicators if walked.
  std::string laughs = "indicators:\n  - &l0 {id: a, weight: 1}\n";
  for (int i = 1; i <= 7; ++i) {
    laughs += "  - &l" + std::to_string(i) + " {id: g" + std::to_string(i) + ", weight: 1, children: [";
    for (int k = 0; k < 10; ++k) laughs += (k ? ", *l" : "*l") + std::to_string(i - 1);
    laughs += "]}\n";
  }
  const std::string e = scheme_error(laughs);
  CHECK(e.find("s.yaml:") == 0);
  CHECK(e.find("error: aliases (*name) expand this file to more than 100000 values, or into a loop") !=
        std::string::npos);
  CHECK(e.find('\n') == e.rfind('\n'));  // one message, not one per copy
  CHECK(scheme_error("indicators: &x [{id: a, weight: 1, children: *x}]\n")
            .find("s.yaml:1:17: error: aliases (*name) expand this file") != std::string::npos);
}

TEST_CASE("nesting thousands deep is an error, not a crash") {
  const std::string e = scheme_error("indicators: " + std::string(5000, '[') + std::string(5000, ']') + "\n");
  CHECK(e.find("nested too deeply (yaml-cpp stops at 500 levels)") != std::string::npos);
}

TEST_CASE("a NUL byte in a scheme is named at its place") {
  using namespace std::string_literals;
  CHECK(
      scheme_error("name: 细\0则\nindicators: []\n"s).find("s.yaml:1:8: error: a NUL byte (character 0) is not text") !=
      std::string::npos);
  // A UTF-16 file is mostly NUL bytes after the ASCII ones.
  CHECK(scheme_error("\xFF\xFEi\0d\0"s).find("s.yaml:1:1: error: the file is not valid UTF-8") != std::string::npos);
}

TEST_CASE("star levels must need more points for more stars") {
  CHECK(scheme_error("indicators: [{id: a, weight: 1}]\nstars: [{stars: 5, min: 70}, {stars: 4, min: 80}]\n")
            .find("more stars must need a higher score") != std::string::npos);
}

TEST_CASE("an area with children cannot have its own scoring") {
  CHECK(scheme_error("indicators: [{id: a, weight: 1, scoring: {method: check}, children: [{id: b, weight: 1}]}]\n")
            .find("remove its 'scoring'") != std::string::npos);
}

TEST_CASE("a value outside a fixed set of choices lists the choices") {
  const std::string e = scheme_error(R"(missing: some
indicators: [{id: a, weight: 1, scoring: {method: ratio, direction: up}}]
adjustments: [{id: h, kind: plus}]
)");
  CHECK(e.find("s.yaml:1:10: error: 'missing' must be error, zero or mean, not 'some'") != std::string::npos);
  CHECK(e.find("'direction' must be higher or lower, not 'up'") != std::string::npos);
  CHECK(e.find("'kind' of adjustment 'h' must be bonus or deduction, not 'plus'") != std::string::npos);
}
