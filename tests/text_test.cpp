#include <doctest/doctest.h>

#include "base/text.hpp"
#include "read/yaml_doc.hpp"

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

TEST_CASE("UTF-8 is checked as the standard defines it, for every lead and second byte") {
  // The reference decodes the code point and judges it: no overlong form, no surrogate,
  // nothing past U+10FFFF.
  auto valid = [](const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
      const auto b0 = static_cast<unsigned char>(s[i]);
      if (b0 == 0) return false;
      const std::size_t len = b0 < 0x80                 ? 1
                              : b0 >= 0xC0 && b0 < 0xE0 ? 2
                              : b0 >= 0xE0 && b0 < 0xF0 ? 3
                              : b0 >= 0xF0 && b0 < 0xF8 ? 4
                                                        : 0;
      if (len == 0 || i + len > s.size()) return false;
      char32_t c = len == 1 ? b0 : len == 2 ? (b0 & 0x1Fu) : len == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
      for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0u) != 0x80u) return false;
        c = (c << 6) | (b & 0x3Fu);
      }
      const char32_t least = len == 1 ? 0 : len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
      if (c < least || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
      i += len;
    }
    return true;
  };
  std::size_t cases = 0, failures = 0;
  for (int b0 = 0; b0 < 256; ++b0) {
    for (int b1 = 0; b1 < 256; ++b1) {
      for (const int b2 : {0x41, 0x7F, 0x80, 0xBF, 0xC0}) {
        for (const int b3 : {0x80, 0xBF, 0x30}) {
          // Alone, after ASCII (past the eight-byte path) and cut short.
          std::string seq{static_cast<char>(b0), static_cast<char>(b1), static_cast<char>(b2), static_cast<char>(b3)};
          for (const std::string& s : {seq, "0123456789" + seq, seq.substr(0, 2), "塘" + seq.substr(0, 3)}) {
            ++cases;
            if ((invalid_text_at(s) == std::string_view::npos) != valid(s)) ++failures;
          }
        }
      }
    }
  }
  CHECK(cases == 256 * 256 * 15 * 4);
  CHECK(failures == 0);
}

TEST_CASE("what a Chinese input method gets wrong in YAML is named, block scalars aside") {
  using xingji::detail::hand_typed_problem;
  CHECK_FALSE(hand_typed_problem("name: 天台县：双考评\nlist:\n  - {id: a}\n"));
  const auto colon = hand_typed_problem("villages: v.yaml\nname：天台\n");
  REQUIRE(colon);
  CHECK(colon->first == 21);
  CHECK(colon->second.find("full-width colon") != std::string::npos);
  const auto space = hand_typed_problem("name:\u3000天台\n");
  REQUIRE(space);
  CHECK(space->first == 5);
  const auto tab = hand_typed_problem("indicators:\n\t- {id: x}\n");
  REQUIRE(tab);
  CHECK(tab->first == 12);
  const auto wide = hand_typed_problem("indicators:\n\u3000\u3000- {id: x}\n");
  REQUIRE(wide);
  CHECK(wide->second.find("indents") != std::string::npos);
  // The text of a block scalar is not YAML structure: a colon there is text.
  CHECK_FALSE(hand_typed_problem("note: |\n  说明：照此填写\n  name：x\nid: a\n"));
  CHECK_FALSE(hand_typed_problem("a: 1\n\t\n"));  // a line of blanks only
}

TEST_CASE("text that fits a width, or has none, is one line as it is") {
  CHECK(wrap_text("塘下村", 6) == std::vector<std::string>{"塘下村"});
  CHECK(wrap_text("集体收入增幅、群众满意度", 0) == std::vector<std::string>{"集体收入增幅、群众满意度"});
  CHECK(wrap_text("", 8) == std::vector<std::string>{""});
}

TEST_CASE("wrapped Chinese counts two cells a character and never splits one") {
  // Five cells hold two characters: a third would need six.
  CHECK(wrap_text("塘下村村", 5) == std::vector<std::string>{"塘下", "村村"});
  CHECK(wrap_text("张家桐村abc", 3) == std::vector<std::string>{"张", "家", "桐", "村a", "bc"});
  for (const auto& line : wrap_text("发生严重违纪违法问题，取消评星资格", 7)) CHECK(display_width(line) <= 7);
}

TEST_CASE("text wraps after 、，； or at a space when the line is at least half full") {
  CHECK(wrap_text("集体收入增幅、群众满意度", 14) == std::vector<std::string>{"集体收入增幅、", "群众满意度"});
  // 、 after two characters would leave the line less than half full: broken at the width.
  CHECK(wrap_text("收入、群众满意度测评结果", 14) == std::vector<std::string>{"收入、群众满意", "度测评结果"});
  // ... unless the rest then fits the next line.
  CHECK(wrap_text("收入、群众满意度", 14) == std::vector<std::string>{"收入、", "群众满意度"});
  CHECK(wrap_text("金额（元）", 7) == std::vector<std::string>{"金额", "（元）"});
  CHECK(wrap_text("集体收入增幅、群众满意度", 8) == std::vector<std::string>{"集体收入", "增幅、", "群众满意", "度"});
  CHECK(wrap_text("线性：60%得0分；100%得满分", 16) == std::vector<std::string>{"线性：60%得0分；", "100%得满分"});
  CHECK(wrap_text("ab cd ef", 5) == std::vector<std::string>{"ab cd", "ef"});
  CHECK(wrap_text("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
}

TEST_CASE("an indented cell keeps its indent on every line") {
  CHECK(wrap_text("  meetings 三会一课落实率", 16) == std::vector<std::string>{"  meetings", "  三会一课落实率"});
  CHECK(wrap_text("  meetings 三会一课落实率", 22) == std::vector<std::string>{"  meetings", "  三会一课落实率"});
}
