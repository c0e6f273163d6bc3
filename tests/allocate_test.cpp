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

constexpr std::int64_t kBillion = 1'000'000'000;

// Weights as whole numbers, in the 1e-9 share_out takes.
std::vector<std::int64_t> nanos_of(const std::vector<std::int64_t>& weights) {
  std::vector<std::int64_t> out;
  for (const std::int64_t w : weights) out.push_back(w * kBillion);
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

std::string allocation_error(const std::map<std::string, std::string>& files, std::optional<std::string> amount = {}) {
  TempDir dir;
  try {
    const Run run = run_files(dir, files);
    (void)allocate(run.assessment, run.eval, run.assessment.allocations.at(0),
                   amount ? std::optional<std::string_view>(*amount) : std::nullopt);
  } catch (const Error& e) {
    return dir.relative(e.what());
  }
  return "";
}

std::vector<std::int64_t> amounts(const Sharing& s) {
  std::vector<std::int64_t> out;
  for (const auto& u : s.units) out.push_back(u.amount);
  return out;
}

}  // namespace

TEST_CASE("water-filling with a floor and a cap: the published example, exact to 1e-9") {
  // Weights 500, 200, 120, 100, 50, 30; amount 100, floor 5, cap 30.
  const Shares x = share_out(nanos_of({500, 200, 120, 100, 50, 30}), 0, 100, 5, 30, in_order(6));
  REQUIRE(x.problem == FillProblem::none);
  CHECK(x.share_units == std::vector<std::int64_t>{30, 27, 16, 13, 6, 5});
  CHECK(x.share_nanos == std::vector<std::int64_t>{0, 659574468, 595744681, 829787234, 914893617, 0});
  CHECK(x.why == std::vector<Share>{Share::cap, Share::claim, Share::claim, Share::claim, Share::claim, Share::floor});
  // 97 whole units; the 3 left go to the largest remainders, .91, .83 and .66.
  CHECK(x.parts == std::vector<std::int64_t>{30, 28, 16, 14, 7, 5});
}

TEST_CASE("water-filling says why it cannot: floors over the amount, caps under it, claims that cannot reach it") {
  CHECK(share_out(nanos_of({50, 50}), 0, 100, 60, -1, in_order(2)).problem == FillProblem::floors_over);
  CHECK(share_out(nanos_of({50, 50}), 0, 100, 0, 40, in_order(2)).problem == FillProblem::caps_under);
  // One unit with a claim, capped at 40, the other two held at a floor of 10: 60 < 100.
  CHECK(share_out(nanos_of({100, 0, 0}), 0, 100, 10, 40, in_order(3)).problem == FillProblem::claims_under);
  // Floors that take the whole amount: everyone at the floor; caps that do: everyone at the cap.
  const Shares floors = share_out(nanos_of({90, 10}), 0, 100, 50, -1, in_order(2));
  CHECK(floors.problem == FillProblem::none);
  CHECK(floors.parts == std::vector<std::int64_t>{50, 50});
  const Shares caps = share_out(nanos_of({90, 10}), 0, 100, 0, 50, in_order(2));
  CHECK(caps.parts == std::vector<std::int64_t>{50, 50});
  // A share exactly at the cap, or the floor, is said to be held there.
  CHECK(caps.why == std::vector<Share>{Share::cap, Share::cap});
  CHECK(floors.why == std::vector<Share>{Share::floor, Share::floor});
  // The same near the most xingji counts (2^62 units of money): 3 x 2^60, a third each.
  const std::int64_t big = std::int64_t{3} << 60;
  CHECK(share_out(nanos_of({1, 2, 3}), 0, big, big / 3, -1, in_order(3)).parts ==
        std::vector<std::int64_t>{big / 3, big / 3, big / 3});
  CHECK(share_out(nanos_of({1, 2, 3}), 0, big, 0, big / 3, in_order(3)).parts ==
        std::vector<std::int64_t>{big / 3, big / 3, big / 3});
  CHECK(share_out(nanos_of({1, 2, 3}), 0, big, big / 3 + 1, -1, in_order(3)).problem == FillProblem::floors_over);
  CHECK(share_out(nanos_of({1, 2, 3}), 0, big, 0, big / 3 - 1, in_order(3)).problem == FillProblem::caps_under);
}

TEST_CASE("largest remainder: the published example, and the Alabama paradox kept as the spec defines it") {
  CHECK(share_out(nanos_of({47000, 16000, 15800, 12000, 6100, 3100}), 0, 10, 0, -1, in_order(6)).parts ==
        std::vector<std::int64_t>{5, 2, 1, 1, 1, 0});
  // Hamilton's method is not house-monotone: one more seat in all takes one from the third.
  CHECK(share_out(nanos_of({6, 6, 2}), 0, 10, 0, -1, in_order(3)).parts == std::vector<std::int64_t>{4, 4, 2});
  CHECK(share_out(nanos_of({6, 6, 2}), 0, 11, 0, -1, in_order(3)).parts == std::vector<std::int64_t>{5, 5, 1});
  // A tie goes to the earlier in the order given.
  CHECK(share_out(nanos_of({1, 1}), 0, 3, 0, -1, std::vector<int>{1, 0}).parts == std::vector<std::int64_t>{1, 2});
  CHECK(share_out(nanos_of({5, 1}), 0, 3, 0, 2, in_order(2)).parts == std::vector<std::int64_t>{2, 1});
}

TEST_CASE("ties are exact: thirds of a large amount tie, and go by rank, not by rounding noise") {
  // Base 0.1, factors 2, 1, 1; 1000010 yuan in fen: shares 48333816.67, 25833591.67 twice.
  // The two units left go to the first two in rank order.
  const Shares x = share_out(std::vector<std::int64_t>{2 * kBillion, kBillion, kBillion}, 100'000'000, 100'001'000, 0,
                             -1, in_order(3));
  CHECK(x.share_units == std::vector<std::int64_t>{48333816, 25833591, 25833591});
  CHECK(x.share_nanos == std::vector<std::int64_t>{666666667, 666666667, 666666667});
  CHECK(x.parts == std::vector<std::int64_t>{48333817, 25833592, 25833591});
  // Reversing the order of the last two moves the unit, as the rank says.
  CHECK(share_out(std::vector<std::int64_t>{2 * kBillion, kBillion, kBillion}, 100'000'000, 100'001'000, 0, -1,
                  std::vector<int>{0, 2, 1})
            .parts == std::vector<std::int64_t>{48333817, 25833591, 25833592});
}

TEST_CASE("on random inputs the parts add up exactly, floors and caps hold, and the shares are the water level") {
  std::mt19937_64 rng(25);
  auto draw = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  int solved = 0;
  for (int round = 0; round < 3000; ++round) {
    const auto n = static_cast<std::size_t>(draw(1, 40));
    const auto count = static_cast<std::int64_t>(n);
    // Amounts from a few units to the most xingji counts.
    const std::int64_t total = round % 5 == 0 ? draw(0, std::int64_t{1} << 62) : draw(0, 1'000'000);
    std::vector<std::int64_t> weights(n);
    for (auto& w : weights) w = rng() % 4 == 0 ? 0 : draw(0, 1000 * kBillion);
    const std::int64_t base = rng() % 2 == 0 ? 0 : draw(0, kBillion);
    const std::int64_t floor = total / count / draw(1, 4);
    const std::int64_t cap = rng() % 3 == 0 ? -1 : total / draw(1, count) + 1;
    const Shares x = share_out(weights, base, total, floor, cap, in_order(n));
    if (x.problem != FillProblem::none) continue;
    ++solved;
    CAPTURE(round);
    __extension__ using Big = __int128;
    Big sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      sum += x.parts[i];
      CHECK(x.parts[i] >= floor);
      if (cap >= 0) CHECK(x.parts[i] <= cap);
      // Each part is its share rounded down, or one more.
      CHECK(x.parts[i] - x.share_units[i] >= 0);
      CHECK(x.parts[i] - x.share_units[i] <= 1);
      CHECK(x.share_nanos[i] >= 0);
      CHECK(x.share_nanos[i] < kBillion);
    }
    CHECK(sum == total);
    // Independently, in long double: the shares are clamp(L * claim_i, floor, cap) for one
    // water level L, the claims base * A / n + (1 - base) * A * w_i / W.
    long double W = 0;
    for (const auto w : weights) W += static_cast<long double>(w);
    const long double A = static_cast<long double>(total), b = static_cast<long double>(base) / 1e9L;
    std::vector<long double> claim(n);
    for (std::size_t i = 0; i < n; ++i) {
      claim[i] =
          W > 0 ? b * A / static_cast<long double>(n) + (1 - b) * A * static_cast<long double>(weights[i]) / W : 1;
    }
    auto filled = [&](long double level, std::size_t i) {
      long double v = std::max(static_cast<long double>(floor), level * claim[i]);
      return cap >= 0 ? std::min(static_cast<long double>(cap), v) : v;
    };
    long double lo = 0, hi = 1;
    auto sum_at = [&](long double level) {
      long double s = 0;
      for (std::size_t i = 0; i < n; ++i) s += filled(level, i);
      return s;
    };
    while (sum_at(hi) < A && hi < 1e30L) hi *= 2;
    for (int k = 0; k < 200; ++k) (sum_at((lo + hi) / 2) < A ? lo : hi) = (lo + hi) / 2;
    for (std::size_t i = 0; i < n; ++i) {
      const long double exact =
          static_cast<long double>(x.share_units[i]) + static_cast<long double>(x.share_nanos[i]) / 1e9L;
      CHECK(std::abs(exact - filled(hi, i)) <= 1e-6L * std::max(1.0L, A / 1e6L));
    }
  }
  CHECK(solved > 1500);
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
    CHECK(u.amount >= 30);                 // the floor of 300 in units of 10
    CHECK(u.amount <= 300);                // the cap of 30%
    CHECK(u.amount - u.share_units >= 0);  // its share rounded down, or one more
    CHECK(u.amount - u.share_units <= 1);
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
  CHECK(r.shared.units[0].weight == 35 * kBillion);
  CHECK(r.shared.units[0].share_units == 250);  // 1000 x 35 / 140
  CHECK(r.shared.units[0].share_nanos == 0);
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
  CHECK(allocation_error(fund("  - {id: f, to: village, amount: 1000, by: score}\n"), "1000.5")
            .find("--amount: error: 1000.5 is not a whole number of the unit 1") != std::string::npos);
  // Read exactly: half a fen more than a whole amount is not rounded away.
  CHECK(allocation_error(fund("  - {id: f, to: village, amount: 1000, unit: 0.01, by: score}\n"), "10000000.005")
            .find("--amount: error: 10000000.005 is not a whole number of the unit 0.01") != std::string::npos);
  CHECK(allocation_error(fund("  - {id: f, to: village, amount: 1000, by: score}\n"), "lots")
            .find("--amount: error: 'lots' is not an amount to share out") != std::string::npos);
  // More units than xingji counts (1e19 of 1e-8 yuan) is refused, not wrapped round.
  CHECK(allocation_error(fund("  - {id: f, to: village, amount: 1000, unit: 0.00000001, by: score}\n"), "1e11")
            .find("--amount: error: 100000000000 is more units of 0.00000001 than xingji counts") != std::string::npos);
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
            .find("'amount' of allocation 'f' is -5; give 0 or more") != std::string::npos);
  CHECK(error("  - {id: f, to: village, amount: 1000, by: stars, factors: {5: 1, 5: 2}}\n")
            .find("star level 5 is given twice in 'factors' of allocation 'f'; keep one factor") != std::string::npos);
  CHECK(error("  - {id: f, to: village, amount: 1000, by: stars, factors: {5: 0.0000000001}}\n")
            .find("the factor of 5 stars in allocation 'f' must be a number from 0 to a million") != std::string::npos);
  CHECK(error("  - {id: f, to: village, amount: 1000, unit: 100, by: score, floor: 50}\n")
            .find("'floor' of allocation 'f' is 50, not a whole number of its unit 100") != std::string::npos);
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

TEST_CASE("an amount of 0 gives everyone 0, at no floor or cap") {
  TempDir dir;
  const Run run = run_files(dir, fund("  - {id: f, to: village, amount: 0, by: score, cap_share: 0.2}\n"));
  const AllocationResult r = allocate(run.assessment, run.eval, run.assessment.allocations.at(0));
  for (const auto& u : r.shared.units) {
    CHECK(u.amount == 0);
    CHECK(u.why == Share::claim);
  }
}

TEST_CASE("an alliance given a part but no member villages is an error naming it") {
  auto files = fund("  - {id: af, to: alliance, amount: 900, by: score, then: {by: score}}\n");
  files["alliances.yaml"] += "- {id: a4, name: 丁联盟}\n";
  files["alliances.csv"] += "a4,2024,90\n";
  CHECK(allocation_error(files).find("the part of alliance 'a4' in allocation 'af' is ") != std::string::npos);
  CHECK(allocation_error(files).find("but alliance 'a4' has no member villages to share it among; give it members in "
                                     "the roster") != std::string::npos);
}
