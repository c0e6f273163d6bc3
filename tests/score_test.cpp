#include <doctest/doctest.h>

#include <cmath>

#include "helpers.hpp"
#include "xingji/score.hpp"

using namespace xingji;
using test::run_files;
using test::TempDir;
using test::villages_only;

namespace {
// Points of node `id` for village `v` (0-based), unrounded.
double points(const Run& run, int v, const std::string& id) {
  const Breakdown b = breakdown(run.assessment, run.data, run.eval, UnitKind::village, v);
  return b.nodes[static_cast<std::size_t>(run.assessment.scheme(UnitKind::village).find_node(id))].points;
}
}  // namespace

TEST_CASE("every leaf method turns raw values into the points the spec defines") {
  const std::string scheme = R"(total: 100
missing: zero
indicators:
  - {id: d, weight: 10}
  - {id: l, weight: 10, scoring: {method: linear, zero: 60, full: 100}}
  - {id: lo, weight: 10, scoring: {method: linear, zero: 10, full: 0}}
  - {id: s, weight: 10, scoring: {method: steps, steps: [{min: 100, points: 6}, {min: 300, points: 10}]}}
  - {id: sm, weight: 10, scoring: {method: steps, steps: [{max: 2, points: 5}, {max: 0, points: 10}]}}
  - {id: r, weight: 10, scoring: {method: ratio}}
  - {id: rl, weight: 10, scoring: {method: ratio, direction: lower}}
  - {id: m, weight: 10, scoring: {method: minmax}}
  - {id: ml, weight: 10, scoring: {method: minmax, direction: lower}}
  - {id: c, weight: 10, scoring: {method: check}}
)";
  const std::string data =
      "id,year,d,l,lo,s,sm,r,rl,m,ml,c\n"
      "v1,2024,7.5,80,4,150,1,50,4,30,30,是\n"
      "v2,2024,0,50,12,300,5,100,2,10,10,否\n"
      "v3,2024,10,120,0,99,0,0,1,50,50,1\n";
  TempDir dir;
  const Run run = run_files(dir, villages_only(3, scheme, data));
  // v1: direct 7.5; linear (80-60)/40; lower-is-better (4-10)/(0-10); steps 150 >= 100;
  // max-steps 1 <= 2; ratio 50/100; ratio lower 1/4; minmax (30-10)/40; lower (50-30)/40; check.
  CHECK(points(run, 0, "d") == doctest::Approx(7.5));
  CHECK(points(run, 0, "l") == doctest::Approx(5));
  CHECK(points(run, 0, "lo") == doctest::Approx(6));
  CHECK(points(run, 0, "s") == doctest::Approx(6));
  CHECK(points(run, 0, "sm") == doctest::Approx(5));
  CHECK(points(run, 0, "r") == doctest::Approx(5));
  CHECK(points(run, 0, "rl") == doctest::Approx(2.5));
  CHECK(points(run, 0, "m") == doctest::Approx(5));
  CHECK(points(run, 0, "ml") == doctest::Approx(5));
  CHECK(points(run, 0, "c") == doctest::Approx(10));
  CHECK(run.eval.of(UnitKind::village).units[0].own == doctest::Approx(57));
  // v2: linear and lower-is-better clamp to 0; no max-step admits 5; the best ratio is 1.
  CHECK(points(run, 1, "l") == 0);
  CHECK(points(run, 1, "lo") == 0);
  CHECK(points(run, 1, "s") == doctest::Approx(10));
  CHECK(points(run, 1, "sm") == 0);
  CHECK(points(run, 1, "r") == doctest::Approx(10));
  CHECK(points(run, 1, "ml") == doctest::Approx(10));
  CHECK(run.eval.of(UnitKind::village).units[1].own == doctest::Approx(35));
  // v3: clamp at 1; below every min-step; max-step 0 <= 0; ratio of 0 is 0; minmax top.
  CHECK(points(run, 2, "l") == doctest::Approx(10));
  CHECK(points(run, 2, "s") == 0);
  CHECK(points(run, 2, "sm") == doctest::Approx(10));
  CHECK(points(run, 2, "r") == 0);
  CHECK(points(run, 2, "rl") == doctest::Approx(10));
  CHECK(run.eval.of(UnitKind::village).units[2].own == doctest::Approx(70));
}

TEST_CASE("ratio of a lower-is-better value of 0 gives full marks, and all-zero peers give 0") {
  const std::string scheme = R"(total: 10
indicators:
  - {id: r, weight: 1, scoring: {method: ratio}}
  - {id: rl, weight: 1, scoring: {method: ratio, direction: lower}}
  - {id: m, weight: 1, scoring: {method: minmax}}
)";
  TempDir dir;
  const Run run = run_files(dir, villages_only(2, scheme, "id,year,r,rl,m\nv1,2024,0,0,5\nv2,2024,0,3,5\n"));
  CHECK(points(run, 0, "r") == 0);
  CHECK(points(run, 0, "rl") == doctest::Approx(10.0 / 3));
  CHECK(points(run, 1, "rl") == 0);
  // max = min: everyone gets full marks
  CHECK(points(run, 0, "m") == doctest::Approx(10.0 / 3));
}

TEST_CASE("weights are relative among siblings and points follow the share of the total") {
  const std::string scheme = R"(total: 50
indicators:
  - id: a
    weight: 2
    children:
      - {id: x, weight: 1, scoring: {method: check}}
      - {id: y, weight: 3}
  - {id: b, weight: 3}
)";
  TempDir dir;
  const Run run = run_files(dir, villages_only(1, scheme, "id,year,x,y,b\nv1,2024,yes,1.5,3\n"));
  // a = (1*1 + 3*0.5)/4 = 0.625; base = 50 * (2*0.625 + 3*1)/5 = 42.5
  CHECK(points(run, 0, "x") == doctest::Approx(5));
  CHECK(points(run, 0, "y") == doctest::Approx(7.5));
  CHECK(points(run, 0, "a") == doctest::Approx(12.5));
  CHECK(points(run, 0, "b") == doctest::Approx(30));
  CHECK(run.eval.of(UnitKind::village).units[0].base == doctest::Approx(42.5));
}

TEST_CASE("missing: zero gives no points and lists the missing leaf") {
  TempDir dir;
  const std::string scheme = "missing: zero\nindicators:\n  - {id: a, weight: 1}\n  - {id: b, weight: 1}\n";
  const Run run = run_files(dir, villages_only(2, scheme, "id,year,a,b\nv1,2024,1,\nv2,2024,1,1\n"));
  CHECK(run.eval.of(UnitKind::village).units[0].own == doctest::Approx(50));
  CHECK(run.eval.of(UnitKind::village).units[0].missing);
  CHECK_FALSE(run.eval.of(UnitKind::village).units[1].missing);
  const Breakdown b = breakdown(run.assessment, run.data, run.eval, UnitKind::village, 0);
  REQUIRE(b.missing.size() == 1);
  CHECK(run.assessment.scheme(UnitKind::village).nodes[static_cast<std::size_t>(b.missing[0])].id == "b");
}

TEST_CASE("missing: mean gives the mean achievement of the peers that have a value") {
  TempDir dir;
  const std::string scheme =
      "total: 10\nmissing: mean\nindicators:\n  - {id: a, weight: 1, scoring: {method: linear, zero: 0, full: 100}}\n";
  const Run run = run_files(dir, villages_only(3, scheme, "id,year,a\nv1,2024,50\nv2,2024,100\nv3,2024,\n"));
  CHECK(run.eval.of(UnitKind::village).units[2].own == doctest::Approx(7.5));
  CHECK(run.eval.of(UnitKind::village).units[2].missing);
}

TEST_CASE("missing: mean with no peer having a value gives 0") {
  TempDir dir;
  const std::string scheme = "total: 10\nmissing: mean\nindicators:\n  - {id: a, weight: 1}\n  - {id: b, weight: 1}\n";
  const Run run = run_files(dir, villages_only(2, scheme, "id,year,a,b\nv1,2024,1,\nv2,2024,1,\n"));
  CHECK(run.eval.of(UnitKind::village).units[0].own == doctest::Approx(5));
}

TEST_CASE("missing: error lists every missing value of every unit") {
  TempDir dir;
  const std::string scheme = "indicators:\n  - {id: a, weight: 1}\n  - {id: b, weight: 1}\n";
  try {
    (void)run_files(dir, villages_only(3, scheme, "id,year,a,b\nv1,2024,1,\nv2,2024,,1\nv3,2024,1,1\n"));
    FAIL("expected an error");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 2);
    CHECK(e.diagnostics()[0].message.find("'b' of village 'v1'") != std::string::npos);
    CHECK(e.diagnostics()[1].message.find("'a' of village 'v2'") != std::string::npos);
  }
}

TEST_CASE("bonuses and deductions are capped per item and in total, and own never goes below 0") {
  const std::string scheme = R"(indicators:
  - {id: a, weight: 100}
adjustments:
  - {id: h, kind: bonus, per: 2, cap: 5}
  - {id: i, kind: bonus, per: 3}
  - {id: p, kind: deduction, per: 1, cap: 10}
bonus_cap: 6
deduction_cap: 4
)";
  TempDir dir;
  const Run run =
      run_files(dir, villages_only(3, scheme, "id,year,a,h,i,p\nv1,2024,90,3,1,7\nv2,2024,2,,,5\nv3,2024,98,1,,\n"));
  // v1: bonus min(6,5) + 3 = 8, capped at 6; deduction 7 capped at 4
  CHECK(run.eval.of(UnitKind::village).units[0].bonus == doctest::Approx(6));
  CHECK(run.eval.of(UnitKind::village).units[0].deduction == doctest::Approx(4));
  CHECK(run.eval.of(UnitKind::village).units[0].own == doctest::Approx(92));
  CHECK(run.eval.of(UnitKind::village).units[1].own == 0);
  CHECK(run.eval.of(UnitKind::village).units[2].own == doctest::Approx(100));
  CHECK_FALSE(run.eval.of(UnitKind::village).units[1].missing);  // a missing adjustment counts 0, it is not "missing"
}

namespace {
std::map<std::string, std::string> dual_files(const std::string& members) {
  return {{"xingji.yaml",
           "name: 双考评\nvillages: villages.yaml\nalliances: alliances.yaml\n"
           "schemes: {village: sv.yaml, alliance: sa.yaml}\ndata: [d.csv]\n"
           "dual: {alliance_own: 0.6, members: " +
               members + ", village_own: 0.8}\n"},
          {"villages.yaml",
           "- {id: v1, alliance: a1}\n- {id: v2, alliance: a1}\n- {id: v3, alliance: a1}\n"
           "- {id: v4, alliance: a2}\n- {id: v5}\n"},
          {"alliances.yaml", "- {id: a1, chair: v1}\n- {id: a2}\n"},
          {"sv.yaml", "indicators: [{id: x, weight: 100}]\n"},
          {"sa.yaml", "indicators: [{id: y, weight: 100}]\n"},
          {"d.csv",
           "id,year,x,y\nv1,2024,60,\nv2,2024,90,\nv3,2024,70,\nv4,2024,80,\nv5,2024,50,\n"
           "a1,2024,,80\na2,2024,,40\n"}};
}
}  // namespace

TEST_CASE("dual evaluation mixes alliance and member scores both ways") {
  TempDir dir;
  const Run run = run_files(dir, dual_files("mean"));
  const auto& a1 = run.eval.of(UnitKind::alliance).units[0];
  CHECK(a1.members == doctest::Approx(220.0 / 3));
  CHECK(a1.final == doctest::Approx(0.6 * 80 + 0.4 * 220.0 / 3));
  CHECK(a1.shown.str() == "77.33");
  CHECK(run.eval.of(UnitKind::alliance).units[1].shown.str() == "56.00");
  CHECK(run.eval.of(UnitKind::village).units[0].final == doctest::Approx(0.8 * 60 + 0.2 * a1.final));
  CHECK(run.eval.of(UnitKind::village).units[0].shown.str() == "63.47");
  CHECK(run.eval.of(UnitKind::village).units[3].shown.str() == "75.20");
  CHECK(run.eval.of(UnitKind::village).units[4].shown.str() == "50.00");  // in no alliance: final = own
}

TEST_CASE("dual evaluation aggregates members by median or min") {
  TempDir d1, d2;
  CHECK(run_files(d1, dual_files("median")).eval.of(UnitKind::alliance).units[0].shown.str() == "76.00");
  CHECK(run_files(d2, dual_files("min")).eval.of(UnitKind::alliance).units[0].shown.str() == "72.00");
}

TEST_CASE("median of an even number of members is the mean of the middle two") {
  CHECK(aggregate_members({1, 4, 2, 3}, MemberAggregate::median) == doctest::Approx(2.5));
  CHECK(aggregate_members({5}, MemberAggregate::median) == 5);
  CHECK(aggregate_members({5, 1, 3}, MemberAggregate::min) == 1);
}

TEST_CASE("without dual an alliance's total is its own score and villages keep theirs") {
  TempDir dir;
  auto files = dual_files("mean");
  files["xingji.yaml"] =
      "villages: villages.yaml\nalliances: alliances.yaml\nschemes: {village: sv.yaml, alliance: sa.yaml}\n"
      "data: [d.csv]\n";
  const Run run = run_files(dir, files);
  CHECK(run.eval.of(UnitKind::alliance).units[0].shown.str() == "80.00");
  CHECK(std::isnan(run.eval.of(UnitKind::alliance).units[0].members));
  CHECK(run.eval.of(UnitKind::village).units[0].shown.str() == "60.00");
}

TEST_CASE("stars use the rounded score: 89.995 reaches the five-star line of 90") {
  const std::string scheme = R"(indicators: [{id: a, weight: 100}]
stars: [{stars: 5, min: 90}, {stars: 4, min: 80}, {stars: 1, min: 0}]
)";
  TempDir dir;
  const Run run = run_files(
      dir, villages_only(4, scheme, "id,year,a\nv1,2024,89.995\nv2,2024,89.994\nv3,2024,80\nv4,2024,79.99\n"));
  CHECK(run.eval.of(UnitKind::village).units[0].shown.str() == "90.00");
  CHECK(run.eval.of(UnitKind::village).units[0].stars == 5);
  CHECK(run.eval.of(UnitKind::village).units[1].stars == 4);
  CHECK(run.eval.of(UnitKind::village).units[2].stars == 4);
  CHECK(run.eval.of(UnitKind::village).units[3].stars == 1);
}

TEST_CASE("no star level reached gives 0 stars") {
  TempDir dir;
  const Run run = run_files(dir, villages_only(1, "indicators: [{id: a, weight: 100}]\nstars: [{stars: 1, min: 60}]\n",
                                               "id,year,a\nv1,2024,59.994\n"));
  CHECK(run.eval.of(UnitKind::village).units[0].stars == 0);
}

TEST_CASE("a triggered veto caps the stars; a missing veto value does not") {
  const std::string scheme = R"(indicators: [{id: a, weight: 100}]
veto: [{id: discipline, max_stars: 1}, {id: safety, max_stars: 3}]
stars: [{stars: 5, min: 90}, {stars: 1, min: 0}]
)";
  TempDir dir;
  const Run run = run_files(
      dir,
      villages_only(3, scheme, "id,year,a,discipline,safety\nv1,2024,95,是,\nv2,2024,95,,否\nv3,2024,95,no,yes\n"));
  CHECK(run.eval.of(UnitKind::village).units[0].stars == 1);
  CHECK(run.eval.of(UnitKind::village).units[0].score_stars == 5);
  CHECK(run.eval.of(UnitKind::village).units[0].vetoed);
  CHECK(run.eval.of(UnitKind::village).units[1].stars == 5);
  CHECK_FALSE(run.eval.of(UnitKind::village).units[1].vetoed);
  CHECK(run.eval.of(UnitKind::village).units[2].stars == 3);  // safety caps at 3 stars
}

TEST_CASE("scores equal after rounding tie at the same rank, listed by id") {
  TempDir dir;
  const Run run =
      run_files(dir, villages_only(4, "indicators: [{id: a, weight: 100}]\n",
                                   "id,year,a\nv1,2024,85.001\nv2,2024,85.004\nv3,2024,90\nv4,2024,84.9\n"));
  const auto& r = run.eval.of(UnitKind::village).ranking;
  CHECK(r[0].unit == 2);
  CHECK(r[1].unit == 0);
  CHECK(r[1].rank == 2);
  CHECK(r[2].unit == 1);
  CHECK(r[2].rank == 2);
  CHECK(r[3].rank == 4);
}

TEST_CASE("precision decides what is shown and so the stars") {
  TempDir dir;
  auto files =
      villages_only(1, "indicators: [{id: a, weight: 100}]\nstars: [{stars: 5, min: 90}, {stars: 4, min: 0}]\n",
                    "id,year,a\nv1,2024,89.95\n");
  files["xingji.yaml"] += "precision: 1\n";
  const Run run = run_files(dir, files);
  CHECK(run.eval.of(UnitKind::village).units[0].shown.str() == "90.0");
  CHECK(run.eval.of(UnitKind::village).units[0].stars == 5);
}

TEST_CASE("the latest year is the default and the previous year is evaluated for comparison") {
  TempDir dir;
  const Run run =
      run_files(dir, villages_only(1, "indicators: [{id: a, weight: 100}]\n", "id,year,a\nv1,2023,50\nv1,2024,60\n"));
  CHECK(run.eval.year == 2024);
  REQUIRE(run.previous);
  CHECK(run.previous->of(UnitKind::village).units[0].shown.str() == "50.00");
}

TEST_CASE("a year without data is an error naming the years there are") {
  TempDir dir;
  CHECK_THROWS_WITH_AS(
      run_files(dir, villages_only(1, "indicators: [{id: a, weight: 100}]\n", "id,year,a\nv1,2024,50\n"), 2030),
      doctest::Contains("no data for year 2030; the data has years 2024"), Error);
  CHECK_THROWS_WITH_AS(run_files(dir, villages_only(1, "indicators: [{id: a, weight: 100}]\n", "id,year,a\n"), 2030),
                       doctest::Contains("no data for year 2030; the data has no values at all"), Error);
}

TEST_CASE("a score beyond a hundred million is refused, not rated at a wrong value") {
  // Scores are exact counts of 1e-9 in 64 bits; past 9.2e9 they used to saturate, and a
  // village with an uncapped bonus of 5e12 was rated 9223372036.85 with five stars.
  const std::string scheme =
      "total: 100\nindicators: [{id: a, weight: 100}]\n"
      "adjustments: [{id: b, kind: bonus, per: 1000}]\nstars: [{stars: 5, min: 90}]\n";
  TempDir dir;
  // Up to 1e8 either way is rated: a bonus of 99,999,900 and a base of 50.
  const Run ok = run_files(dir, villages_only(2, scheme, "id,year,a,b\nv1,2024,50,99999.9\nv2,2024,50,0\n"));
  CHECK(ok.eval.of(UnitKind::village).units[0].shown.str() == "99999950.00");
  CHECK(ok.eval.of(UnitKind::village).units[0].stars == 5);
  CHECK_THROWS_WITH_AS(
      run_files(dir, villages_only(3, scheme, "id,year,a,b\nv1,2024,50,1\nv2,2024,50,5000000000\nv3,2024,50,1e300\n")),
      doctest::Contains("scheme.yaml: error: the bonus of village 'v2' in 2024 is 5e+12 (1 more village is out of "
                        "range too), beyond the 100000000 either way that xingji rates exactly"),
      Error);
  CHECK_THROWS_WITH_AS(
      run_files(dir,
                villages_only(3, scheme, "id,year,a,b\nv1,2024,50,1e300\nv2,2024,50,5000000000\nv3,2024,50,1e300\n")),
      doctest::Contains("the bonus of village 'v1' in 2024 is 1e+303 (2 more villages are out of range too), beyond"),
      Error);
  // An own score just past the limit (base 50 and a bonus of 99,999,990) is refused too.
  CHECK_THROWS_WITH_AS(run_files(dir, villages_only(1, scheme, "id,year,a,b\nv1,2024,50,99999.99\n")),
                       doctest::Contains("the own score of village 'v1' in 2024 is 100000040"), Error);
}

TEST_CASE("a unit's score does not depend on where it falls among the units scored together") {
  // Units are achieved in blocks (of 128): the same villages listed in roster order and in
  // reverse fall into different blocks at different places, and every part of every score
  // must come out the same. The scheme has every kind of leaf, an inner node, missing
  // values, adjustments, a veto and a gate (which reads a unit's achievements node by node).
  // (Not `missing: mean`: the peers' mean is summed in roster order, so its last bit may
  // differ between the two orders.)
  const std::string scheme = R"(total: 100
missing: zero
indicators:
  - id: p
    weight: 40
    children:
      - {id: d, weight: 10}
      - {id: l, weight: 10, scoring: {method: linear, zero: 60, full: 100}}
      - {id: s, weight: 10, scoring: {method: steps, steps: [{min: 100, points: 6}, {min: 300, points: 10}]}}
      - {id: n, weight: 10, scoring: {method: count, per: 2}}
  - {id: r, weight: 15, scoring: {method: ratio}}
  - {id: m, weight: 15, scoring: {method: minmax, direction: lower}}
  - {id: k, weight: 15, scoring: {method: rank, ladder: [15, 10, 5]}}
  - {id: c, weight: 15, scoring: {method: check}}
adjustments:
  - {id: plus, kind: bonus, per: 1.5, cap: 4}
  - {id: minus, kind: deduction, per: 2}
veto:
  - {id: bad, max_stars: 1}
stars:
  - {stars: 5, min: 80, requires: [c]}
  - {stars: 3, min: 50}
)";
  constexpr int kUnits = 300;
  std::string data = "id,year,d,l,s,n,r,m,k,c,plus,minus,bad\n";
  auto cell = [](int i, int mod, int scale) { return i % mod == 0 ? std::string() : std::to_string(i * 37 % scale); };
  for (int i = 1; i <= kUnits; ++i) {
    data += "v" + std::to_string(i) + ",2024," + cell(i, 7, 10) + "," + cell(i, 11, 120) + "," + cell(i, 13, 400) +
            "," + cell(i, 17, 9) + "," + cell(i, 19, 1000) + "," + cell(i, 23, 50) + "," + cell(i, 29, 90) + "," +
            std::to_string(i % 2) + "," + cell(i, 3, 4) + "," + cell(i, 5, 3) + "," + (i % 41 == 0 ? "1" : "0") + "\n";
  }
  TempDir forward, backward;
  auto files = villages_only(kUnits, scheme, data);
  const Run a = run_files(forward, files);
  std::string reversed;
  for (int i = kUnits; i >= 1; --i)
    reversed += "- {id: v" + std::to_string(i) + ", name: 村" + std::to_string(i) + "}\n";
  files["villages.yaml"] = reversed;
  const Run b = run_files(backward, files);
  REQUIRE(a.eval.of(UnitKind::village).units.size() == static_cast<std::size_t>(kUnits));
  int checked = 0;
  for (int i = 0; i < kUnits; ++i) {
    const UnitScore& x = a.eval.of(UnitKind::village).units[static_cast<std::size_t>(i)];
    const UnitScore& y = b.eval.of(UnitKind::village).units[static_cast<std::size_t>(kUnits - 1 - i)];
    CAPTURE(i);
    CHECK(x.base == y.base);
    CHECK(x.bonus == y.bonus);
    CHECK(x.deduction == y.deduction);
    CHECK(x.own == y.own);
    CHECK(x.missing == y.missing);
    CHECK(x.vetoed == y.vetoed);
    CHECK(x.gates_met == y.gates_met);
    CHECK(x.stars == y.stars);
    // And what it comes out as is that of the unit scored alone (explain's breakdown) ...
    const Breakdown alone = breakdown(a.assessment, a.data, a.eval, UnitKind::village, i);
    double points = 0;
    for (int root : a.assessment.scheme(UnitKind::village).roots)
      points += alone.nodes[static_cast<std::size_t>(root)].points;
    CHECK(x.base == doctest::Approx(points).epsilon(1e-12));
    // ... with the gate met exactly when its check is (v1, v3, ... have c = 1).
    CHECK((x.gates_met != 0) == (i % 2 == 0));
    checked += x.gates_met != 0 && x.missing ? 1 : 0;
  }
  CHECK(checked > 0);  // the gate and missing values both came into play
}
