#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "xingji/rounding.hpp"

using namespace xingji;

TEST_CASE("a score that is 89.995 in decimal rounds up to 90.00 despite binary noise") {
  // 89.995 is stored as 89.99499999999999744...; the first rounding to 9 decimals removes that.
  CHECK(round_score(89.995, 2).str() == "90.00");
  CHECK(round_score(0.1 + 0.2, 1).str() == "0.3");
  CHECK(round_score(2.675, 2).str() == "2.68");
  CHECK(round_score(1.005, 2).str() == "1.01");
}

TEST_CASE("rounding is half away from zero at every precision") {
  CHECK(round_score(0.5, 0).str() == "1");
  CHECK(round_score(1.5, 0).str() == "2");
  CHECK(round_score(2.5, 0).str() == "3");
  CHECK(round_score(-2.5, 0).str() == "-3");
  CHECK(round_score(-0.125, 2).str() == "-0.13");
  CHECK(round_score(81.4999999, 1).str() == "81.5");
  CHECK(round_score(81.44999, 1).str() == "81.4");
  CHECK(round_score(7, 3).str() == "7.000");
  CHECK(round_score(0.0001, 2).str() == "0.00");
}

TEST_CASE("rounded scores compare exactly with thresholds") {
  CHECK(round_score(89.995, 2).nanos() >= threshold_nanos(90));
  CHECK(round_score(89.994, 2).nanos() < threshold_nanos(90));
  CHECK(round_score(79.95, 1) == round_score(80.0, 1));
  CHECK(threshold_nanos(89.5) == 89'500'000'000);
}

TEST_CASE("a rounded score writes the same text into a buffer as into a string") {
  for (const Rounded r : {Rounded{8950, 2}, Rounded{5, 2}, Rounded{-5, 2}, Rounded{7, 0}, Rounded{0, 0}, Rounded{0, 9},
                          Rounded{-123456789, 9}, Rounded{INT64_MAX, 9}, Rounded{INT64_MIN + 1, 0}}) {
    char buf[Rounded::kMaxText];
    const std::string written(buf, r.write(buf));
    CHECK(written == r.str());
  }
  CHECK(Rounded{5, 2}.str() == "0.05");
  CHECK(Rounded{-5, 2}.str() == "-0.05");
  CHECK(Rounded{0, 9}.str() == "0.000000000");
  CHECK(Rounded{INT64_MAX, 9}.str() == "9223372036.854775807");
  CHECK(Rounded{-123456789, 9}.str() == "-0.123456789");
}
