#include <doctest/doctest.h>

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
