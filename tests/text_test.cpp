#include <doctest/doctest.h>

#include "xingji/text.hpp"

using namespace xingji;

TEST_CASE("Chinese characters count two cells, stars and ASCII one") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("塘下村") == 6);
  CHECK(display_width("★★★☆☆") == 5);
  CHECK(display_width("（主席）") == 8);
  CHECK(pad_right("村", 4) == "村  ");
  CHECK(pad_left("12", 4) == "  12");
}

TEST_CASE("columns count characters, not bytes") {
  const std::string text = "ab\n村名: x";
  CHECK(char_column(text, 0) == 1);
  CHECK(char_column(text, 3) == 1);
  CHECK(char_column(text, 3 + 3) == 2);  // after one three-byte character
  CHECK(char_column(text, text.size() - 1) == 5);
}

TEST_CASE("invalid UTF-8 such as GBK text is found at its byte") {
  CHECK(invalid_text_at("塘下村") == std::string_view::npos);
  const std::string gbk = "id\n\xCC\xC1\xCF\xC2";  // 塘下 in GBK
  CHECK(invalid_text_at(gbk) == 3);
  CHECK(invalid_text_at("\xED\xA0\x80") == 0);  // a surrogate
  CHECK(invalid_text_at("\xC0\xAF") == 0);      // an overlong form
}

TEST_CASE("a NUL byte is not text, in the eight-byte fast path or after a wide character") {
  using namespace std::string_literals;
  CHECK(invalid_text_at("0123456789,1\0"s + "23456789") == 12);
  CHECK(invalid_text_at("塘\0"s) == 3);
  CHECK(invalid_text_at("\0"s) == 0);
  CHECK(invalid_text_at("1,2,3,4,5,6,7,8,9") == std::string_view::npos);  // no false zero in any block
  CHECK(invalid_text_at("\x01\x01\x01\x01\x01\x01\x01\x01\x7f") == std::string_view::npos);
}
