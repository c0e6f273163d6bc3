#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>

#include "helpers.hpp"
#include "read/csv.hpp"

using namespace xingji;

namespace {
std::vector<std::vector<std::string>> read_all(std::string text) {
  CsvReader csv(CsvReader::in_memory, "t.csv", std::move(text));
  std::vector<std::vector<std::string>> rows;
  while (csv.next()) rows.emplace_back(csv.fields().begin(), csv.fields().end());
  return rows;
}
}  // namespace

TEST_CASE("quoted fields keep commas, doubled quotes and newlines") {
  const auto rows = read_all("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,2,3,4\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == std::vector<std::string>{"a", "b,c", "say \"hi\"", "two\nlines"});
  CHECK(rows[1] == std::vector<std::string>{"1", "2", "3", "4"});
}

TEST_CASE("a quote inside an unquoted field is a character of it, and the record ends at its line") {
  // Only a field's first character opens a quoted field: a stray quote (5" pipe, ab"c) must
  // not run the record on into the next lines and swallow their rows.
  const auto rows = read_all("id,note\nm1,5\" pipe\nm2,x\nm3,ab\"c\nm4,\"q\"\"d\",e\"f\nm5,\"two\nlines\"\n");
  REQUIRE(rows.size() == 6);
  CHECK(rows[1] == std::vector<std::string>{"m1", "5\" pipe"});
  CHECK(rows[2] == std::vector<std::string>{"m2", "x"});
  CHECK(rows[3] == std::vector<std::string>{"m3", "ab\"c"});
  CHECK(rows[4] == std::vector<std::string>{"m4", "q\"d", "e\"f"});
  CHECK(rows[5] == std::vector<std::string>{"m5", "two\nlines"});
}

TEST_CASE("CRLF line ends, a byte-order mark and a last line without newline") {
  const auto rows = read_all("\xEF\xBB\xBFid,year\r\nv1,2024\r\nv2,2023");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][0] == "id");
  CHECK(rows[1] == std::vector<std::string>{"v1", "2024"});
  CHECK(rows[2] == std::vector<std::string>{"v2", "2023"});
}

TEST_CASE("empty cells are kept, blank lines are skipped") {
  const auto rows = read_all("a,,c,\n\n\n,,\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == std::vector<std::string>{"a", "", "c", ""});
  CHECK(rows[1] == std::vector<std::string>{"", "", ""});
}

TEST_CASE("a very long line is read whole") {
  std::string line(1 << 20, 'x');
  const auto rows = read_all("a," + line + "\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][1].size() == line.size());
}

TEST_CASE("positions are lines and character columns, counted across quoted newlines") {
  std::string text = "村名,值\n\"a\nb\",塘下,x\n";
  CsvReader csv(CsvReader::in_memory, "t.csv", std::move(text));
  REQUIRE(csv.next());
  REQUIRE(csv.next());
  CHECK(csv.line() == 2);
  CHECK(csv.location(0).line == 2);
  CHECK(csv.location(1).line == 3);
  CHECK(csv.location(1).column == 4);
  CHECK(csv.location(2).column == 7);
}

TEST_CASE("an unclosed quote is an error at the opening quote") {
  std::string text = "a,b\n1,\"open\n";
  CsvReader csv(CsvReader::in_memory, "t.csv", std::move(text));
  REQUIRE(csv.next());
  CHECK_THROWS_WITH_AS(csv.next(), doctest::Contains("t.csv:2:3: error: a quoted field is never closed"), Error);
}

TEST_CASE("text after a closing quote is an error") {
  std::string text = "\"a\"b,c\n";
  CsvReader csv(CsvReader::in_memory, "t.csv", std::move(text));
  CHECK_THROWS_WITH_AS(csv.next(), doctest::Contains("t.csv:1:4: error: text after a closing quote"), Error);
}

TEST_CASE("text that is not UTF-8 is refused with its line") {
  CsvReader csv(CsvReader::in_memory, "t.csv", "id,name\nv1,\xCC\xC1\n");
  REQUIRE(csv.next());  // records are checked as they are read
  CHECK_THROWS_WITH_AS(csv.next(), doctest::Contains("t.csv:2:4: error: the file is not valid UTF-8"), Error);
}

TEST_CASE("records longer than the read block and split across blocks are read whole") {
  // More than one block (1 MiB) of rows, with quoted newlines and CRLF spread across the edges.
  std::string text = "id,note\r\n";
  for (int i = 0; i < 40000; ++i) text += "v" + std::to_string(i) + ",\"a\nb,\"\"c\"\"\"\r\n";
  text += "last," + std::string(3 << 20, 'x') + "\n";
  const std::string path = "csv_test_blocks.csv";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  CsvReader csv(path);
  REQUIRE(csv.next());
  int rows = 0;
  bool all_ok = true;
  while (csv.next()) {
    if (rows < 40000) all_ok = all_ok && csv.fields().size() == 2 && csv.fields()[1] == "a\nb,\"c\"";
    ++rows;
  }
  std::remove(path.c_str());
  CHECK(all_ok);
  CHECK(rows == 40001);
  CHECK(csv.line() == 80002);
}

TEST_CASE("GBK text is converted to UTF-8, also where a character is cut at a block's edge") {
  // 塘下村 in GBK is CC C1 CF C2 B4 E5; odd-length rows make characters straddle block edges.
  std::string gbk = "id,name\n";
  for (int i = 0; i < 200000; ++i)
    gbk += "v" + std::to_string(i) + ",\xCC\xC1\xCF\xC2\xB4\xE5" + (i % 2 ? "x" : "") + "\n";
  const std::string path = "csv_test_gbk.csv";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(gbk.data(), 1, gbk.size(), f);
  std::fclose(f);
  CsvReader csv(path, "gbk");
  REQUIRE(csv.next());
  int rows = 0;
  bool all_ok = true;
  while (csv.next()) {
    all_ok = all_ok && csv.fields()[1] == (rows % 2 ? "塘下村x" : "塘下村");
    ++rows;
  }
  std::remove(path.c_str());
  CHECK(all_ok);
  CHECK(rows == 200000);
  CHECK(known_encoding("gb18030"));
  CHECK_FALSE(known_encoding("big5"));
}

TEST_CASE("a large file is cut after the first line break past its middle, and its parts read as the whole") {
  test::TempDir dir;
  std::string text = "id,value\n";
  for (int i = 0; text.size() < 100000; ++i) text += "v" + std::to_string(i) + "," + std::to_string(i % 97) + "\n";
  dir.write("d.csv", text);
  CHECK_FALSE(split_csv(dir.file("d.csv"), text.size() + 1));  // under the size asked for
  const auto split = split_csv(dir.file("d.csv"), 1000);
  REQUIRE(split);
  CHECK(split->size == text.size());
  CHECK(split->offset == text.find('\n', text.size() / 2) + 1);

  CsvReader whole(dir.file("d.csv"));
  CsvReader head(dir.file("d.csv"), 0, split->offset, 1);
  CsvReader tail(dir.file("d.csv"), split->offset, split->size, 1);
  int records = 0;
  while (head.next()) {
    REQUIRE(whole.next());
    CHECK(whole.fields()[0] == head.fields()[0]);
    ++records;
  }
  const int shift = head.next_line() - 1;
  while (tail.next()) {
    REQUIRE(whole.next());
    CHECK(whole.fields()[0] == tail.fields()[0]);
    CHECK(whole.line() == tail.line() + shift);
    ++records;
  }
  CHECK_FALSE(whole.next());
  CHECK(records == static_cast<int>(std::count(text.begin(), text.end(), '\n')));

  // A quoted field across the cut: the first part ends inside it, which is an error.
  std::string quoted = text;
  const std::size_t cut = split->offset - 1;  // the line break at the cut
  const std::size_t line_start = quoted.rfind('\n', cut - 1) + 1;
  quoted.insert(cut + 1, "more\"");
  quoted.insert(quoted.find(',', line_start) + 1, "\"");
  dir.write("q.csv", quoted);
  const auto q = split_csv(dir.file("q.csv"), 1000);
  REQUIRE(q);
  REQUIRE(q->offset == cut + 2);  // still the break inside the quotes
  CsvReader first(dir.file("q.csv"), 0, q->offset, 1);
  CHECK_THROWS_WITH(
      [&] {
        while (first.next()) {
        }
      }(),
      doctest::Contains("a quoted field is never closed"));
}

TEST_CASE("a record without quotes can be left whole, and split later into the fields next() gives") {
  const std::string text = "\xEF\xBB\xBFid,名,x\r\n\nv1,塘下,1.5\n\"v,2\",\"a\nb\",2\nv3,,\r\nv4,尾,9";
  const auto expected = read_all(text);
  CsvReader csv(CsvReader::in_memory, "t.csv", text);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> wholes;
  while (csv.next_unsplit()) {
    const auto whole = csv.whole();
    wholes.push_back(whole ? std::string(*whole) : "(quoted)");
    CHECK(csv.fields().empty() == whole.has_value());
    csv.split();
    csv.split();  // a second call changes nothing
    CHECK_FALSE(csv.whole());
    rows.emplace_back(csv.fields().begin(), csv.fields().end());
    if (rows.size() == 4) {  // positions after a late split: v3 is on line 6
      CHECK(csv.location(1).line == 6);
      CHECK(csv.location(1).column == 4);
    }
  }
  CHECK(rows == expected);
  CHECK(wholes == std::vector<std::string>{"id,名,x", "v1,塘下,1.5", "(quoted)", "v3,,", "v4,尾,9"});
}
