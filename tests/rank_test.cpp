#include <doctest/doctest.h>

#include <algorithm>
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
  const auto r = rank_units(all, score, ids);
  std::vector<int> expected = all;
  std::sort(expected.begin(), expected.end(), [&](int a, int b) {
    const auto i = static_cast<std::size_t>(a), j = static_cast<std::size_t>(b);
    return score[i] != score[j] ? score[i] > score[j] : ids[i] < ids[j];
  });
  REQUIRE(r.size() == n);
  for (std::size_t i = 0; i < n; ++i) {
    REQUIRE(r[i].unit == expected[i]);
    const bool tied =
        i > 0 && score[static_cast<std::size_t>(expected[i])] == score[static_cast<std::size_t>(expected[i - 1])];
    REQUIRE(r[i].rank == (tied ? r[i - 1].rank : static_cast<int>(i) + 1));
  }
}
