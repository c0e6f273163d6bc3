#include <doctest/doctest.h>

#include <cmath>

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
}
