// Spec section 7: sharing out funds by the ratings (issue 25).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "helpers.hpp"
#include "xingji/allocate.hpp"

using namespace xingji;
using test::run_files;
using test::TempDir;

namespace {

std::vector<double> claims_of(const std::vector<double>& weights, double amount) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> out;
  for (double w : weights) out.push_back(amount * w / total);
  return out;
}

std::vector<int> in_order(std::size_t n) {
  std::vector<int> out(n);
  std::iota(out.begin(), out.end(), 0);
  return out;
}

// Ten villages v1..v10 scored 95, 90, ..., 50 (stars 5 from 90, 4 from 80, 3 from 70, 1
// below), in townships t1 (v1-v5) and t2; v3 vetoed. `allocation` is the manifest's list.
std::map<std::string, std::string> fund(const std::string& allocation, const std::string& extra = "") {
  std::string roster, data = "id,year,a,vt\n";
  for (int i = 1; i <= 10; ++i) {
    roster += fmt::format("- {{id: v{}, name: 村{}, township: t{}, alliance: a{}}}\n", i, i, i <= 5 ? 1 : 2,
                          i <= 4   ? 1
                          : i <= 8 ? 2
                                   : 3);
    data += fmt::format("v{},2024,{},{}\n", i, 100 - 5 * i, i == 3 ? "是" : "");
  }
  return {{"xingji.yaml",
           "name: 测试\nvillages: villages.yaml\nalliances: alliances.yaml\nschemes: {village: "
           "scheme.yaml, alliance: scheme.yaml}\ndata: [data.csv, alliances.csv]\n" +
               extra + "allocations:\n" + allocation},
          {"villages.yaml", roster},
          {"alliances.yaml", "- {id: a1, name: 甲联盟}\n- {id: a2, name: 乙联盟}\n- {id: a3, name: 丙联盟}\n"},
          {"scheme.yaml",
           "indicators: [{id: a, weight: 100}]\nveto: [{id: vt, max_stars: 1}]\nstars: [{stars: 5, min: 90}, "
           "{stars: 4, min: 80}, {stars: 3, min: 70}, {stars: 1, min: 0}]\n"},
          {"data.csv", data},
          {"alliances.csv", "id,year,a\na1,2024,95\na2,2024,85\na3,2024,60\n"}};
}

std::string allocation_error(const std::map<std::string, std::string>& files, std::optional<double> amount = {}) {
  TempDir dir;
  try {
    const Run run = run_files(dir, files);
    (void)allocate(run.assessment, run.eval, run.assessment.allocations.at(0), amount);
  } catch (const Error& e) {
    std::string out = e.what();
    for (auto p = out.find(dir.path()); p != std::string::npos; p = out.find(dir.path()))
      out.erase(p, dir.path().size() + 1);
    return out;
  }
  return "";
}

std::vector<std::int64_t> amounts(const Sharing& s) {
  std::vector<std::int64_t> out;
  for (const auto& u : s.units) out.push_back(u.amount);
  return out;
}

}  // namespace

TEST_CASE("water-filling with a floor and a cap: the published example") {
  // Weights 500, 200, 120, 100, 50, 30; amount 100, floor 5, cap 30.
  const auto x = water_fill(claims_of({500, 200, 120, 100, 50, 30}, 100), 100, 5, 30);
  REQUIRE(x.size() == 6);
  CHECK(x[0] == doctest::Approx(30));
  CHECK(x[1] == doctest::Approx(27.659574468085).epsilon(1e-12));
  CHECK(x[2] == doctest::Approx(16.595744680851).epsilon(1e-12));
  CHECK(x[3] == doctest::Approx(13.829787234043).epsilon(1e-12));
  CHECK(x[4] == doctest::Approx(6.914893617021).epsilon(1e-12));
  CHECK(x[5] == doctest::Approx(5));
  CHECK(std::accumulate(x.begin(), x.end(), 0.0) == doctest::Approx(100).epsilon(1e-14));
}

TEST_CASE("water-filling says why it cannot: floors over the amount, caps under it, claims that cannot reach it") {
  FillProblem p = FillProblem::none;
  CHECK(water_fill(std::vector<double>{50, 50}, 100, 60, -1, &p).empty());
  CHECK(p == FillProblem::floors_over);
  CHECK(water_fill(std::vector<double>{50, 50}, 100, 0, 40, &p).empty());
  CHECK(p == FillProblem::caps_under);
  // One unit with a claim, capped at 40, the other two held at a floor of 10: 60 < 100.
  CHECK(water_fill(std::vector<double>{100, 0, 0}, 100, 10, 40, &p).empty());
  CHECK(p == FillProblem::claims_under);
  // Floors that take the whole amount: everyone at the floor.
  CHECK(water_fill(std::vector<double>{90, 10}, 100, 50, -1, &p) == std::vector<double>{50, 50});
  CHECK(p == FillProblem::none);
}

TEST_CASE("largest remainder: the published example, and the Alabama paradox kept as the spec defines it") {
  const std::vector<double> w{47000, 16000, 15800, 12000, 6100, 3100};
  CHECK(apportion(claims_of(w, 10), 10, in_order(6)) == std::vector<std::int64_t>{5, 2, 1, 1, 1, 0});
  // Hamilton's method is not house-monotone: one more seat in all takes one from the third.
  CHECK(apportion(claims_of({6, 6, 2}, 10), 10, in_order(3)) == std::vector<std::int64_t>{4, 4, 2});
  CHECK(apportion(claims_of({6, 6, 2}, 11), 11, in_order(3)) == std::vector<std::int64_t>{5, 5, 1});
  // A tie goes to the earlier in the order given, and never past the cap.
  CHECK(apportion(std::vector<double>{1.5, 1.5}, 3, std::vector<int>{1, 0}) == std::vector<std::int64_t>{1, 2});
  CHECK(apportion(std::vector<double>{2.5, 0.5}, 3, in_order(2), 2) == std::vector<std::int64_t>{2, 1});
  // Binary noise is not a remainder: 4.9999999999999 is 5.
  CHECK(apportion(std::vector<double>{4.9999999999999, 5.0000000000001}, 10, in_order(2)) ==
        std::vector<std::int64_t>{5, 5});
}

TEST_CASE("on random inputs the parts add up exactly, floors and caps hold, each within one unit of its share") {
  std::mt19937 rng(25);
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  int solved = 0;
  for (int round = 0; round < 2000; ++round) {
    const auto n = static_cast<std::size_t>(std::uniform_int_distribution<int>(1, 40)(rng));
    const auto total = static_cast<std::int64_t>(std::uniform_int_distribution<int>(0, 1'000'000)(rng));
    std::vector<double> weights(n);
    for (auto& w : weights) w = rng() % 4 == 0 ? 0 : uniform(0, 1000);
    if (std::accumulate(weights.begin(), weights.end(), 0.0) == 0) weights[0] = 1;
    const double base = rng() % 2 == 0 ? 0 : uniform(0, 1);
    std::vector<double> claims = claims_of(weights, static_cast<double>(total));
    for (auto& c : claims) c = base * static_cast<double>(total) / static_cast<double>(n) + (1 - base) * c;
    const auto floor = static_cast<double>(total / static_cast<std::int64_t>(n) / (1 + rng() % 4));
    const std::int64_t cap = rng() % 3 == 0 ? -1 : total / static_cast<std::int64_t>(1 + rng() % n) + 1;
    FillProblem p;
    const auto x = water_fill(claims, static_cast<double>(total), floor, static_cast<double>(cap), &p);
    if (p != FillProblem::none) continue;
    ++solved;
    const auto parts = apportion(x, total, in_order(n), cap);
    CAPTURE(round);
    CHECK(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}) == total);
    for (std::size_t i = 0; i < n; ++i) {
      CHECK(static_cast<double>(parts[i]) >= floor);
      if (cap >= 0) CHECK(parts[i] <= cap);
      CHECK(std::abs(static_cast<double>(parts[i]) - x[i]) < 1 + 1e-6);
    }
  }
  CHECK(solved > 1000);
}

TEST_CASE("an allocation by stars: factors, a base share, a floor, a cap and exclusions") {
  // v1-v2 5 stars (factor 2), v4-v6 3-4 stars, v3 vetoed (excluded), v7-v10 1 star (factor 0).
  TempDir dir;
  const Run run = run_files(dir, fund("  - {id: f, to: village, amount: 10000, unit: 10, base: 0.2, by: stars, "
                                      "factors: {5: 2, 4: 1.5, 3: 1}, floor: 300, cap_share: 0.3, "
                                      "exclude: {veto: true}}\n"));
  const AllocationResult r = allocate(run.assessment, run.eval, run.assessment.allocations.at(0));
  std::int64_t sum = 0;
  for (const auto& u : r.shared.units) sum += u.amount;
  CHECK(sum == 1000);  // in units of 10
  REQUIRE(r.shared.units.size() == 10);
  // In rank order: v1, v2, v3 (vetoed), ...
  CHECK(run.assessment.roster.id_of(r.shared.units[2].unit) == "v3");
  CHECK(r.shared.units[2].why == Share::excluded_veto);
  CHECK(r.shared.units[2].amount == 0);
  for (const auto& u : r.shared.units) {
    if (u.why == Share::excluded_veto) continue;
    CHECK(u.amount >= 30);   // the floor of 300 in units of 10
    CHECK(u.amount <= 300);  // the cap of 30%
    CHECK(std::abs(static_cast<double>(u.amount) * 10 - u.exact) < 10 + 1e-6);
  }
  // The 1-star villages have no weight: their base share (22.2 units) is held up to the floor.
  CHECK(r.shared.units.back().why == Share::floor);
  CHECK(r.shared.units.back().amount == 30);
}

TEST_CASE("an allocation by score above a line, and the same parts whatever the roster order") {
  const std::string allocation = "  - {id: s, to: village, amount: 1000, by: score, above: 60}\n";
  TempDir d1, d2;
  auto files = fund(allocation);
  const Run run = run_files(d1, files);
  const AllocationResult r = allocate(run.assessment, run.eval, run.assessment.allocations.at(0));
  // Weights 35, 30, 25 (v3 is not excluded here), 20, 15, 10, 5, 0, 0, 0: 140 in all.
  CHECK(r.shared.units[0].weight == doctest::Approx(35));
  CHECK(r.shared.units[0].exact == doctest::Approx(1000.0 * 35 / 140));
  CHECK(amounts(r.shared) == std::vector<std::int64_t>{250, 214, 179, 143, 107, 71, 36, 0, 0, 0});
  // The roster listed backwards: the same parts to the same villages.
  std::string reversed;
  std::string roster = files["villages.yaml"];
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < roster.size();) {
    const auto end = roster.find('\n', at);
    lines.push_back(roster.substr(at, end - at + 1));
    at = end + 1;
  }
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) reversed += *it;
  files["villages.yaml"] = reversed;
  const Run back = run_files(d2, files);
  const AllocationResult rb = allocate(back.assessment, back.eval, back.assessment.allocations.at(0));
  for (std::size_t i = 0; i < r.shared.units.size(); ++i) {
    CHECK(run.assessment.roster.id_of(r.shared.units[i].unit) == back.assessment.roster.id_of(rb.shared.units[i].unit));
    CHECK(r.shared.units[i].amount == rb.shared.units[i].amount);
  }
}

TEST_CASE("then: each alliance's part shared among its member villages, with the parent's unit") {
  TempDir dir;
  const Run run = run_files(dir, fund("  - {id: af, to: alliance, amount: 90000, unit: 100, by: stars, "
                                      "factors: {5: 3, 4: 2, 1: 1}, then: {by: score, above: 40, cap_share: 0.5}}\n"));
  const AllocationResult r = allocate(run.assessment, run.eval, run.assessment.allocations.at(0));
  // Alliances: a1 5 stars, a2 4, a3 1: 3 : 2 : 1 of 900 units.
  CHECK(amounts(r.shared) == std::vector<std::int64_t>{450, 300, 150});
  REQUIRE(r.then.size() == 3);
  for (const Sharing& s : r.then) {
    std::int64_t sum = 0;
    for (const auto& u : s.units) {
      sum += u.amount;
      CHECK(u.amount * 2 <= s.amount + 1);  // the cap of 50% of the alliance's part, rounded down
    }
    CHECK(sum == s.amount);
  }
  CHECK(run.assessment.roster.id_of(*r.then[0].parent) == "a1");
  CHECK(r.then[0].units.size() == 4);
}

TEST_CASE("what cannot be shared is an error at its place in the manifest") {
  CHECK(allocation_error(fund("  - {id: f, to: village, amount: 1000, by: score, floor: 150}\n"))
            .find("xingji.yaml:7:58: error: the floors of allocation 'f' add up to 1500 for its 10 eligible villages, "
                  "500 more than the amount 1000; lower 'floor' to at most 100") != std::string::npos);
  CHECK(allocation_error(fund("  - {id: f, to: village, amount: 1000, by: score, cap_share: 0.05}\n"))
            .find("no village may get more than 50 in allocation 'f' (cap_share 0.05 of 1000), so its 10 eligible "
                  "villages get at most 500, 500 less than the amount") != std::string::npos);
  CHECK(allocation_error(fund("  - {id: f, to: village, amount: 1000, by: stars, factors: {5: 1}, "
                              "exclude: {veto: true, tiers: [后进]}}\n",
                              "tiers:\n  backward: {below: 100}\n"))
            .find("allocation 'f' has no eligible village: all 10 are excluded (1 vetoed, 9 by their tier)") !=
        std::string::npos);
  CHECK(allocation_error(fund("  - {id: f, to: village, amount: 1000, by: score}\n"), 1000.5)
            .find("--amount: error: 1000.5 is not a whole number of the unit 1") != std::string::npos);
  CHECK(allocation_error(fund("  - {id: f, to: village, by: score}\n"))
            .find("allocation 'f' gives no amount; add `amount:` to it, or give --amount") != std::string::npos);
}

TEST_CASE("allocations are checked when the manifest is read") {
  auto error = [](const std::string& allocation, const std::string& extra = "") {
    return allocation_error(fund(allocation, extra));
  };
  CHECK(error("  - {id: f, to: village, amount: 1000.5, by: score}\n")
            .find("'amount' of allocation 'f' is 1000.5, not a whole number of its unit 1") != std::string::npos);
  CHECK(error("  - {id: f, to: village, amount: -5, by: score}\n")
            .find("'amount' of allocation 'f' is -5; an amount to share out is 0 or more") != std::string::npos);
  CHECK(error("  - {id: f, to: village, amount: 1000, unit: 100, by: score, floor: 50}\n")
            .find("'floor' of allocation 'f' is 50, not a whole number of the unit 100") != std::string::npos);
  CHECK(error("  - {id: f, to: village, amount: 1000, by: stars, factors: {6: 1, 5: 2}}\n")
            .find("names star level '6', which the scheme") != std::string::npos);
  CHECK(error("  - {id: f, to: village, amount: 1000, by: score, then: {by: score}}\n")
            .find("'then' shares each alliance's part among its member villages, but allocation 'f' goes to "
                  "villages, which have no members") != std::string::npos);
  CHECK(error("  - {id: f, to: village, amount: 1000, by: score, exclude: {tiers: [backward]}}\n")
            .find("excludes tiers, but the manifest has no 'tiers'") != std::string::npos);
  CHECK(error("  - {id: f, to: vilage, amount: 1000, by: score}\n").find("did you mean 'village'?") !=
        std::string::npos);
  CHECK(error("  - {id: f, to: village, amount: 1000, by: score}\n  - {id: f, to: village, amount: 1, by: score}\n")
            .find("allocation 'f' is given twice") != std::string::npos);
  CHECK(error("  - {id: f, to: village, amount: 1000, by: score, cap_share: 1.5}\n")
            .find("'cap_share' of allocation 'f' is 1.5") != std::string::npos);
}
