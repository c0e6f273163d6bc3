#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "xingji/rank.hpp"

using namespace xingji;

TEST_CASE("equal scores share a rank, the next rank skips, ties are listed by id") {
  const std::vector<std::int64_t> score = {80, 90, 80, 70, 80};
  const std::vector<std::string_view> ids = {"c", "z", "a", "b", "b2"};
  const std::vector<int> all = {0, 1, 2, 3, 4};
  const auto r = rank_units(all, score, ids);
  REQUIRE(r.size() == 5);
  CHECK(r[0].unit == 1);
  CHECK(r[0].rank == 1);
  CHECK(ids[static_cast<std::size_t>(r[1].unit)] == "a");
  CHECK(ids[static_cast<std::size_t>(r[2].unit)] == "b2");
  CHECK(ids[static_cast<std::size_t>(r[3].unit)] == "c");
  CHECK(r[1].rank == 2);
  CHECK(r[2].rank == 2);
  CHECK(r[3].rank == 2);
  CHECK(r[4].rank == 5);
}

TEST_CASE("ids are compared byte for byte") {
  const std::vector<std::int64_t> score = {1, 1, 1};
  const std::vector<std::string_view> ids = {"b", "B", "塘"};
  const std::vector<int> all = {0, 1, 2};
  const auto r = rank_units(all, score, ids);
  CHECK(r[0].unit == 1);
  CHECK(r[1].unit == 0);
  CHECK(r[2].unit == 2);
}

namespace {
// The ranking a plain sort gives: score highest first, ties by id, competition ranks.
void check_against_sort(std::span<const int> units, std::span<const std::int64_t> score,
                        std::span<const std::string_view> ids) {
  const auto r = rank_units(units, score, ids);
  std::vector<int> expected(units.begin(), units.end());
  std::sort(expected.begin(), expected.end(), [&](int a, int b) {
    const auto i = static_cast<std::size_t>(a), j = static_cast<std::size_t>(b);
    return score[i] != score[j] ? score[i] > score[j] : ids[i] < ids[j];
  });
  REQUIRE(r.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    REQUIRE(r[i].unit == expected[i]);
    const bool tied =
        i > 0 && score[static_cast<std::size_t>(expected[i])] == score[static_cast<std::size_t>(expected[i - 1])];
    REQUIRE(r[i].rank == (tied ? r[i - 1].rank : static_cast<int>(i) + 1));
  }
}
}  // namespace

TEST_CASE("units whose ids already increase are ranked by score alone, as a sort by score and id ranks them") {
  // Rosters listed by code take the radix path: check it over narrow and wide score ranges
  // (one to six passes), negative scores, ties, and a subset of the units as --by gives.
  const std::size_t n = 50000;
  std::vector<std::string> names(n);
  std::vector<std::string_view> ids(n);
  std::vector<int> all(n), every_third;
  for (std::size_t i = 0; i < n; ++i) {
    names[i] = "v" + std::string(6 - std::to_string(i).size(), '0') + std::to_string(i);
    ids[i] = names[i];
    all[i] = static_cast<int>(i);
    if (i % 3 == 0) every_third.push_back(static_cast<int>(i));
  }
  std::uint64_t x = 99;
  for (const std::int64_t spread : {std::int64_t{7}, std::int64_t{100000000000}, INT64_MAX}) {
    std::vector<std::int64_t> score(n);
    for (auto& s : score) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      s = static_cast<std::int64_t>((x >> 1) % static_cast<std::uint64_t>(spread)) - spread / 2;
    }
    check_against_sort(all, score, ids);
    check_against_sort(every_third, score, ids);
  }
  const std::vector<std::int64_t> same(n, 42);
  check_against_sort(all, same, ids);
}

TEST_CASE("a national ranking sorted on two cores is the one a single sort gives") {
  // Enough units for the two-halves path, few distinct scores so ties cross the halves, and
  // ids sharing their first eight bytes so ties are ordered by the whole id.
  const std::size_t n = 60000;
  std::vector<std::int64_t> score(n);
  std::vector<std::string> names(n);
  std::vector<std::string_view> ids(n);
  std::vector<int> all(n);
  std::uint32_t x = 12345;
  for (std::size_t i = 0; i < n; ++i) {
    x = x * 1664525u + 1013904223u;
    score[i] = (x >> 8) % 97;
    names[i] = "village-" + std::to_string((x >> 4) % 1000003) + "-" + std::to_string(i);
    ids[i] = names[i];
    all[i] = static_cast<int>(i);
  }
  check_against_sort(all, score, ids);
}
