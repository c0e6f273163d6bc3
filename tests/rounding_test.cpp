#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
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

TEST_CASE("a rounded score is written as printf writes its whole part and zero-padded decimals") {
  // An independent reference: sign, units / 10^p, a point and units % 10^p padded to p digits.
  auto reference = [](std::int64_t units, int precision) {
    const std::uint64_t mag = units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
    std::uint64_t scale = 1;
    for (int i = 0; i < precision; ++i) scale *= 10;
    char buf[64];
    if (precision == 0) {
      std::snprintf(buf, sizeof buf, "%s%llu", units < 0 ? "-" : "", static_cast<unsigned long long>(mag));
    } else {
      std::snprintf(buf, sizeof buf, "%s%llu.%0*llu", units < 0 ? "-" : "",
                    static_cast<unsigned long long>(mag / scale), precision,
                    static_cast<unsigned long long>(mag % scale));
    }
    return std::string(buf);
  };
  std::mt19937_64 random(7);
  for (int precision = 0; precision <= 9; ++precision) {
    for (const std::int64_t units :
         {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{9}, std::int64_t{10}, std::int64_t{99},
          std::int64_t{100}, std::int64_t{1000000000}, INT64_MAX, INT64_MIN + 1}) {
      CHECK(Rounded{units, precision}.str() == reference(units, precision));
    }
    for (int i = 0; i < 2000; ++i) {
      // Scores of every size, from a few units to the 64-bit limit.
      const auto units = static_cast<std::int64_t>(random() >> (random() % 63));
      const std::int64_t signed_units = i % 2 == 0 ? units : -units;
      CHECK(Rounded{signed_units, precision}.str() == reference(signed_units, precision));
    }
  }
}

TEST_CASE("rounding to every precision is the nanos rounded half up to that many decimals") {
  // Spec 2: first to whole nanos (llround of score * 1e9), then half away from zero.
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> scores(-1000.0, 1000.0);
  for (int precision = 0; precision <= 9; ++precision) {
    std::int64_t div = 1;
    for (int i = precision; i < 9; ++i) div *= 10;
    for (int i = 0; i < 3000; ++i) {
      // Half of them land on a half-way point of this precision.
      double score = scores(random);
      if (i % 2 == 0) score = static_cast<double>(static_cast<std::int64_t>(score * 1e9) / div * div + div / 2) / 1e9;
      const std::int64_t n = std::llround(score * 1e9);
      const std::int64_t mag = (std::llabs(n) + div / 2) / div;
      CHECK(round_score(score, precision).units == (n < 0 ? -mag : mag));
    }
  }
}
