#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "read/decimal.hpp"
#include "xingji/number.hpp"

using namespace xingji;

TEST_CASE("plain decimal numbers are read, anything else is refused") {
  CHECK(parse_number("12.5") == 12.5);
  CHECK(parse_number(" 300 ") == 300);
  CHECK(parse_number("+4") == 4);
  CHECK(parse_number("1e3") == 1000);
  CHECK(parse_number(".5") == 0.5);
  CHECK(parse_number("-0").value() == 0);
  CHECK_FALSE(std::signbit(parse_number("-0").value()));
  CHECK_FALSE(parse_number("1,234"));
  CHECK_FALSE(parse_number("0x10"));
  CHECK_FALSE(parse_number("nan"));
  CHECK_FALSE(parse_number("inf"));
  CHECK_FALSE(parse_number("1e400"));
  CHECK_FALSE(parse_number("12万"));
  CHECK_FALSE(parse_number(""));
  CHECK_FALSE(parse_number("."));
  CHECK_FALSE(parse_number("1e"));
}

TEST_CASE("the short path for plain decimals reads exactly what from_chars reads") {
  auto same = [](const std::string& text) {
    double fast = -1, slow = -2;
    INFO(text);
    REQUIRE(read_plain_decimal(text, fast));
    std::from_chars(text.data(), text.data() + text.size(), slow);
    CHECK_MESSAGE(fast == slow, text);
    CHECK(std::signbit(fast) == std::signbit(slow));
  };
  for (const char* t : {"68.9", "0.1", "0.3", "2.675", "-3", "-0.5", "007.50", "0", "-0", "1.797693134862315",
                        "9007199254740992", "900719925474099.2", "0.000000000000000001"}) {
    same(t);
  }
  // Random decimals of every length the short path takes: the division must round as from_chars does.
  std::mt19937_64 rng(20261123);
  for (int i = 0; i < 200000; ++i) {
    const auto digits = static_cast<int>(rng() % 15) + 1;  // 15 digits are always under 2^53
    std::string t = rng() % 4 == 0 ? "-" : "";
    const auto point = static_cast<int>(rng() % static_cast<unsigned>(digits + 1));
    for (int d = 0; d < digits; ++d) {
      if (d == point && d > 0) t += '.';
      t += static_cast<char>('0' + rng() % 10);
    }
    same(t);
  }
}

TEST_CASE("the short path leaves anything but a plain decimal to parse_number") {
  double x = 0;
  for (const char* t : {"", "-", ".5", "5.", "-.5", "1e3", "+4", " 4", "4 ", "1.2.3", "1,5", "nan", "inf", "0x10",
                        "12345678901234567890", "9007199254740993", "１２"}) {
    CHECK_FALSE_MESSAGE(read_plain_decimal(t, x), t);
  }
}

TEST_CASE("check values accept the usual yes and no words") {
  for (const char* yes : {"true", "TRUE", "yes", "Yes", "是", "1"}) CHECK(parse_check(yes) == true);
  for (const char* no : {"false", "no", "NO", "否", "0"}) CHECK(parse_check(no) == false);
  CHECK_FALSE(parse_check("maybe"));
  CHECK_FALSE(parse_check("2"));
}

TEST_CASE("format_number gives the shortest text that reads back") {
  CHECK(format_number(12.5) == "12.5");
  CHECK(format_number(90) == "90");
  CHECK(format_number(0.1) == "0.1");
  // The shorter of the fixed and the scientific form, fixed on a tie: round numbers of six
  // digits and more, and small ones, read in scientific form (fmt's "{}" writes 100000).
  CHECK(format_number(100000) == "1e+05");
  CHECK(format_number(1200000) == "1200000");
  CHECK(format_number(1e15) == "1e+15");
  CHECK(format_number(0.0001) == "1e-04");
  CHECK(format_number(0.00015) == "0.00015");
  CHECK(format_number(-0.5) == "-0.5");
}

TEST_CASE("a field is found and read in one pass as the short path reads it alone") {
  // Every text of the two tests above, and random short texts of digits, points, signs,
  // letters and commas: scanning "text,rest" must stop at the text's end and read what
  // read_plain_decimal reads from the text alone.
  std::vector<std::string> texts = {"68.9",
                                    "-0",
                                    "007.50",
                                    "",
                                    "-",
                                    ".5",
                                    "5.",
                                    "1e3",
                                    "+4",
                                    " 4",
                                    "1.2.3",
                                    "nan",
                                    "0x10",
                                    "１２",
                                    "-.5",
                                    "9007199254740993",
                                    "12345678901234567890"};
  std::mt19937_64 rng(7);
  const std::string alphabet = "0123456789.-+e x";
  for (int i = 0; i < 100000; ++i) {
    std::string t;
    for (auto n = rng() % 12; n > 0; --n) t += alphabet[rng() % alphabet.size()];
    texts.push_back(t);
  }
  for (const auto& t : texts) {
    CAPTURE(t);
    double alone = -1;
    PlainDecimal scanned{99, 9, true};
    const bool plain = read_plain_decimal(t, alone);
    for (const std::string rest : {"", ",", ",12,x"}) {
      const std::string field = t + rest;
      bool ok = !plain;
      const char* end = scan_plain_decimal(field.data(), field.data() + field.size(), ',', scanned, ok);
      CHECK(end == field.data() + t.size());
      CHECK(ok == plain);
      if (plain) CHECK(scanned.value() == alone);
    }
  }
}
