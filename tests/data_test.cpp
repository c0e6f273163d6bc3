#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "helpers.hpp"
#include "read/decimal.hpp"
#include "read/split.hpp"
#include "xingji/data.hpp"
#include "xingji/manifest.hpp"
#include "xingji/number.hpp"
#include "xingji/views.hpp"

using namespace xingji;
using test::TempDir;

namespace {
const std::map<std::string, std::string> kBase = {
    {"villages.yaml", "- {id: v1, name: 塘下村}\n- {id: v2, name: 后岸村}\n- {id: a1v, name: 石梁村, alliance: a1}\n"},
    {"alliances.yaml", "- {id: a1, name: 联盟}\n"},
    {"sv.yaml",
     "missing: zero\nindicators:\n  - {id: x, weight: 60, scoring: {method: linear, zero: 0, full: 10}}\n"
     "  - {id: ok, weight: 40, scoring: {method: check}}\n"},
    {"sa.yaml", "indicators: [{id: y, weight: 100}]\n"}};

std::string manifest(const std::string& data) {
  return "villages: villages.yaml\nalliances: alliances.yaml\nschemes: {village: sv.yaml, alliance: sa.yaml}\ndata: " +
         data + "\n";
}

// Scores of an assessment whose data is given in `files`.
std::string scores_with(const std::map<std::string, std::string>& files, const std::string& data) {
  TempDir dir;
  dir.write(kBase);
  dir.write(files);
  dir.write("xingji.yaml", manifest(data));
  return render_scores(run_assessment(dir.path(), std::nullopt, false), Format::json);
}

// The base assessment, to be given data as texts in memory.
Assessment base_assessment() {
  TempDir dir;
  dir.write(kBase);
  dir.write("xingji.yaml", manifest("d.csv"));
  dir.write("d.csv", "id,year,x,ok,y\nv1,2024,1,1,\n");
  return load_assessment(dir.path());
}

// The data of an assessment of villages only, from files on disk (large ones are read in halves).
DataSet load_village_data(const std::string& roster_csv, const std::string& data_csv, const std::string& scheme) {
  TempDir dir;
  dir.write("villages.csv", roster_csv);
  dir.write("d.csv", data_csv);
  dir.write("sv.yaml", scheme);
  dir.write("xingji.yaml", "villages: villages.csv\nschemes: {village: sv.yaml}\ndata: d.csv\n");
  return load_data(load_assessment(dir.path()));
}

std::string error_of(const std::map<std::string, std::string>& files, const std::string& data) {
  try {
    (void)scores_with(files, data);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("wide CSV, long CSV and YAML data give the same results") {
  const auto wide = scores_with(
      {{"d.csv", "id,name,year,x,ok,y\nv1,塘下村,2024,5,是,\nv2,,2024,10,否,\na1v,,2024,,1,\na1,,2024,,,70\n"}},
      "d.csv");
  const auto longer = scores_with({{"d.csv",
                                    "id,year,indicator,value\nv1,2024,x,5\nv1,2024,ok,是\nv2,2024,x,10\nv2,2024,ok,否\n"
                                    "a1v,2024,ok,1\na1,2024,y,70\n"}},
                                  "d.csv");
  const auto yaml = scores_with({{"d.yaml",
                                  "values:\n  v1: {x: 5, ok: 是}\n  v2: {x: 10, ok: no}\n  a1v: {ok: true, x: ~}\n"
                                  "  a1: {y: 70}\nyear: 2024\n"}},
                                "d.yaml");
  CHECK(wide.find("\"final\": 70.00") != std::string::npos);
  CHECK(wide == longer);
  CHECK(wide == yaml);
}

TEST_CASE("data files are read whatever order a glob finds them in, and spread over files") {
  const auto one =
      scores_with({{"d.csv", "id,year,x,ok,y\nv1,2024,5,1,\nv2,2024,6,0,\na1v,2024,7,1,\na1,2024,,,50\n"}}, "d.csv");
  const auto split = scores_with({{"data/b.csv", "id,year,x,y\nv1,2024,5,\nv2,2024,6,\na1v,2024,7,\na1,2024,,50\n"},
                                  {"data/a.yaml", "year: 2024\nvalues: {v1: {ok: 1}, v2: {ok: 0}, a1v: {ok: 1}}\n"}},
                                 "[data/*.csv, data/*.yaml]");
  CHECK(one == split);
}

TEST_CASE("the same cell given twice names both places") {
  const auto e = error_of(
      {{"data/a.csv", "id,year,x\nv1,2024,5\n"}, {"data/b.yaml", "year: 2024\nvalues:\n  v1: {x: 6}\n"}}, "data/*");
  CHECK(e.find("b.yaml:3:11: error: the value of 'x' for village 'v1' in 2024 is given twice: here and at ") !=
        std::string::npos);
  CHECK(e.find("a.csv:2:9; keep one") != std::string::npos);
}

TEST_CASE("unknown units and indicators get suggestions; bad values say what is needed") {
  const auto e = error_of({{"d.csv", "id,year,x,ok\nv3,2024,1,1\nv1,2024,abc,maybe\nv2,2024,12万,1\n"}}, "d.csv");
  CHECK(e.find("d.csv:2:1: error: unknown unit 'v3' (in neither the village roster nor the alliance list), did you "
               "mean 'v1'?") != std::string::npos);
  CHECK(e.find("d.csv:3:9: error: 'abc' is not a number, but 'x' of village 'v1' needs one") != std::string::npos);
  CHECK(e.find("d.csv:3:13: error: 'maybe' is not a yes/no value") != std::string::npos);
  CHECK(e.find("d.csv:4:9: error: '12万' is not a number") != std::string::npos);
  const auto h = error_of({{"d.csv", "id,year,xx\nv1,2024,1\n"}}, "d.csv");
  CHECK(
      h.find("d.csv:1:9: error: unknown indicator 'xx' for villages (not in the village scheme), did you mean 'x'?") !=
      std::string::npos);
}

TEST_CASE("an indicator of the other scheme is refused for this kind of unit") {
  const auto e = error_of({{"d.csv", "id,year,indicator,value\nv1,2024,y,5\n"}}, "d.csv");
  CHECK(e.find("d.csv:2:9: error: 'y' is an indicator of the alliance scheme, not of the village scheme; give it for "
               "an alliance") != std::string::npos);
}

TEST_CASE("direct points must lie between 0 and the weight") {
  const auto e = error_of({{"d.csv", "id,year,y\na1,2024,100.5\n"}}, "d.csv");
  CHECK(e.find("d.csv:2:9: error: direct points 100.5 for 'y' of alliance 'a1' are outside [0, 100]") !=
        std::string::npos);
}

TEST_CASE("direct points at and just past the weight are told apart on the short path as on the full one") {
  // The short path compares a short decimal's digits with whole bounds without dividing;
  // quoted, the same texts take the full path. Each row is a year of alliance a1, whose
  // direct points lie in [0, 100]; rows 2, 4 and 7 are out of range.
  const std::vector<std::string> values = {"100",       "100.000001", "100.000000", "-0.000001",
                                           "99.999999", "0",          "-1",         "-0"};
  for (const bool quoted : {false, true}) {
    CAPTURE(quoted);
    std::string data = "id,year,y\n";
    for (std::size_t i = 0; i < values.size(); ++i) {
      data += "a1," + std::to_string(2024 + i) + "," + (quoted ? "\"" + values[i] + "\"" : values[i]) + "\n";
    }
    const auto e = error_of({{"d.csv", data}}, "d.csv");
    for (std::size_t i = 0; i < values.size(); ++i) {
      CAPTURE(values[i]);
      const bool bad = i == 1 || i == 3 || i == 6;
      CHECK((e.find("d.csv:" + std::to_string(i + 2) + ":") != std::string::npos) == bad);
    }
  }
}

TEST_CASE("a YAML data file is read as events, with positions and clear errors") {
  const auto e =
      error_of({{"d.yaml", "year: 2024\nvalue:\n  v1: {x: 1}\nvalues:\n  v1: [1, 2]\n  v2: {x: *a}\n"}}, "d.yaml");
  CHECK(e.find("d.yaml:2:1: error: unknown key 'value' in a data file (keys: year or period, values), did you mean "
               "'values'?") != std::string::npos);
  CHECK(e.find("d.yaml:5:7: error: a list is not expected here") != std::string::npos);
  CHECK(e.find("invalid YAML") != std::string::npos);  // an alias to an unknown anchor
}

TEST_CASE("a NUL byte in a data file is named at its place, past the first read block too") {
  using namespace std::string_literals;
  CHECK(error_of({{"d.csv", "id,year,x\nv1,2024,1\0\n"s}}, "d.csv")
            .find("d.csv:2:10: error: a NUL byte (character 0) is not text") != std::string::npos);
  CHECK(error_of({{"d.yaml", "year: 2024\nvalues:\n  v1: {x:\0 1}\n"s}}, "d.yaml")
            .find("d.yaml:3:10: error: a NUL byte (character 0) is not text") != std::string::npos);
  // YAML data is streamed in 1 MiB blocks; the NUL sits in the third, after a wide character.
  std::string big = "# ";
  while (big.size() < (2u << 20) + 100) big += "注释 comment\n";
  big += "year: 2024\nvalues:\n  v1: {x: 塘\0}\n"s;
  const auto lines = std::count(big.begin(), big.end(), '\n');
  CHECK(error_of({{"d.yaml", big}}, "d.yaml")
            .find("d.yaml:" + std::to_string(lines) + ":12: error: a NUL byte (character 0) is not text") !=
        std::string::npos);
  // An escaped NUL in a quoted value is the same character, met after parsing.
  CHECK(error_of({{"d.yaml", "year: 2024\nvalues:\n  v1: {x: \"1\\0\"}\n"}}, "d.yaml")
            .find("d.yaml:3:11: error: a NUL byte (character 0) is not text") != std::string::npos);
}

TEST_CASE("a YAML data file without a year is refused") {
  CHECK(error_of({{"d.yaml", "values:\n  v1: {x: 1}\n"}}, "d.yaml").find("gives no 'year'") != std::string::npos);
}

TEST_CASE("a wide row with too many or too few fields is reported, and its values are not taken") {
  // Rows without quotes are read straight from their text; a wrong count leaves the row to
  // the full path, which reports it. A quoted row and a row with an unknown village around
  // them are read as usual.
  const auto e = error_of({{"d.csv",
                            "id,year,x,ok,y\nv1,2024,1,1,,9\nv2,2024,1\n\"v1\",2024,\"2\",1,\nv9,2024,1,1,\n"
                            "v2,2024,abc,1,\n"}},
                          "d.csv");
  CHECK(e.find("d.csv:2:1: error: this row has 6 fields but the header has 5") != std::string::npos);
  CHECK(e.find("d.csv:3:1: error: this row has 3 fields but the header has 5") != std::string::npos);
  CHECK(e.find("d.csv:5:1: error: unknown") != std::string::npos);
  CHECK(e.find("d.csv:6:9: error: 'abc' is not a number") != std::string::npos);
  CHECK(e.find("d.csv:4") == std::string::npos);  // the quoted row is fine
}

TEST_CASE("a wide CSV cell is read the same whether it is a plain number or needs more care") {
  // Plain numbers take a short path; spaces, a '+', -0 and exponents take the full one. Both
  // must store the same values and refuse the same texts.
  const Assessment a = base_assessment();
  const DataSet data = load_data(a, {{"d.csv",
                                      "id,year,x,ok,y\nv1,2024, 2.5 ,1,\nv2,2024,+3,是,\na1v,2024,-0,yes,\n"
                                      "a1,2024,,,1e2\n"}});
  const Table& t = data.year(2024)->of(UnitKind::village);
  CHECK(t.row(0)[0] == 2.5);
  CHECK(t.row(1)[0] == 3);
  CHECK(t.row(2)[0] == 0);
  CHECK_FALSE(std::signbit(t.row(2)[0]));
  CHECK(t.row(0)[1] == 1);
  CHECK(t.row(1)[1] == 1);
  CHECK(data.year(2024)->of(UnitKind::alliance).row(0)[0] == 100);
  for (const std::string bad : {"nan", "inf", "0x10", "1,5", "1e999"}) {
    CAPTURE(bad);
    const auto e = error_of({{"d.csv", "id,year,x\nv1,2024,\"" + bad + "\"\nv2,2024," + bad + "\n"}}, "d.csv");
    CHECK(e.find("d.csv:2:9: error: '" + bad + "' is not a number") != std::string::npos);
  }
  // Out of range and given twice: the short path leaves these to the full one, which reports.
  CHECK(error_of({{"d.csv", "id,year,y\na1,2024,-1\n"}}, "d.csv")
            .find("d.csv:2:9: error: 'y' of alliance 'a1' is -1; it must not be negative") != std::string::npos);
  CHECK(error_of({{"d.csv", "id,year,x,x\nv1,2024,1,2\n"}}, "d.csv").find("given twice") != std::string::npos);
  // A check's 1 and 0 take a short path too; anything else is read as yes/no or refused.
  const DataSet checks = load_data(a, {{"d.csv", "id,year,ok\nv1,2024,0\nv2,2024, 1\na1v,2024,否\n"}});
  CHECK(checks.year(2024)->of(UnitKind::village).row(0)[1] == 0);
  CHECK(checks.year(2024)->of(UnitKind::village).row(1)[1] == 1);
  CHECK(checks.year(2024)->of(UnitKind::village).row(2)[1] == 0);
  CHECK(error_of({{"d.csv", "id,year,ok\nv1,2024,2\n"}}, "d.csv")
            .find("d.csv:2:9: error: '2' is not a yes/no value for 'ok'") != std::string::npos);
  CHECK(error_of({{"d.csv", "id,year,ok,ok\nv1,2024,1,0\n"}}, "d.csv").find("given twice") != std::string::npos);
}

TEST_CASE("a year is four digits, with or without blanks around it, and anything else is refused") {
  const Assessment a = base_assessment();
  const DataSet data = load_data(a, {{"d.csv", "id,year,x\nv1,2024,1\nv2, 2024 ,2\nv1,9999,3\nv1,1000,4\n"}});
  REQUIRE(data.year(2024) != nullptr);
  CHECK(data.year(2024)->of(UnitKind::village).row(1)[0] == 2);
  CHECK(data.year(9999)->of(UnitKind::village).row(0)[0] == 3);
  CHECK(data.year(1000)->of(UnitKind::village).row(0)[0] == 4);
  for (const std::string bad : {"0999", "999", "10000", "20x4", "", "2024.0"}) {
    CAPTURE(bad);
    CHECK(error_of({{"d.csv", "id,year,x\nv1," + bad + ",1\n"}}, "d.csv")
              .find("d.csv:2:4: error: year '" + bad + "' is not a year") != std::string::npos);
  }
}

TEST_CASE("data can be given as texts in memory") {
  const Assessment a = base_assessment();
  const DataSet data = load_data(a, {{"mem.csv", "id,year,x,ok,y\nv1,2024,5,是,\nv2,2024,10,否,\na1,2024,,,70\n"},
                                     {"mem.yaml", "year: 2023\nvalues: {v1: {x: 2}}\n"}});
  REQUIRE(data.year(2024) != nullptr);
  CHECK(data.year(2024)->of(UnitKind::village).row(0)[0] == 5);
  CHECK(data.year(2023)->of(UnitKind::village).row(0)[0] == 2);
  CHECK(data.latest() == 2024);
}

namespace {
// A YAML data file of `units` units (v0, v1, ...) in the plain block style, each unit
// followed by a comment line so that a few thousand units pass 1 MiB.
std::string block_yaml(int units, const std::string& head = "year: 2024\nvalues:\n") {
  std::string text = head;
  for (int i = 0; i < units; ++i) {
    text += "  v" + std::to_string(i) + ":\n    x: " + std::to_string(i % 11) + "\n    ok: 是\n";
    text += "    # " + std::string(200, '.') + "\n";
  }
  return text;
}

// Where `text`, written to a file, splits (min size 1 MiB).
std::optional<detail::YamlSplit> split_of(const std::string& text) {
  TempDir dir;
  dir.write("d.yaml", text);
  return detail::split_yaml(dir.file("d.yaml"), std::size_t{1} << 20);
}
}  // namespace

TEST_CASE("a large YAML data file in the plain block style splits before a unit key past its middle") {
  const std::string text = block_yaml(5000);
  const auto s = split_of(text);
  REQUIRE(s);
  CHECK(s->size == text.size());
  CHECK(s->head_end == std::string("year: 2024\nvalues:\n").size());
  CHECK(s->split >= text.size() / 2);
  CHECK(text.compare(s->split, 4, "  v2") == 0);
  CHECK(text[s->split - 1] == '\n');
  // With a byte-order mark, Windows line ends, a period and comments in the head.
  std::string crlf = block_yaml(5000, "\xEF\xBB\xBF# 2024年数据\r\nperiod: 2024\r\nvalues:   # 各村\r\n");
  const auto c = split_of(crlf);
  REQUIRE(c);
  CHECK(c->head_end == crlf.find("  v0:"));  // the head ends after the \r\n
}

TEST_CASE("a YAML data file that could hide a construct across lines is read whole") {
  const std::string text = block_yaml(5000);
  CHECK_FALSE(split_of(block_yaml(100)));  // under 1 MiB
  for (const std::string& odd :
       {std::string("\"v1\""), std::string("{x: 1}"), std::string("[1]"), std::string("|"), std::string(">"),
        std::string("&a"), std::string("*a"), std::string("!!str"), std::string("\t"), std::string(1, '\0')}) {
    std::string t = text;
    t.insert(t.size() - 10, odd);  // anywhere, even inside the last comment
    CHECK_MESSAGE(!split_of(t), odd);
  }
  CHECK_FALSE(split_of(text + "year: 2025\n"));                           // a key after the values
  CHECK_FALSE(split_of(block_yaml(5000, "values:\n") + "year: 2024\n"));  // the year last
  CHECK_FALSE(split_of(block_yaml(5000, "year: 2024\nvalues:\n- x\n")));  // a list
  CHECK_FALSE(split_of(text + " v9: {}\n"));                              // indented less than the keys
  CHECK_FALSE(split_of(block_yaml(5000, "year: 2024\n---\nvalues:\n")));  // two documents
  // A value going on over the next line, anywhere (yaml-cpp reads it otherwise at a half's end).
  for (const std::string& more :
       {std::string("    x:  # 续行\n    7\n"), std::string("    x:\n      7\n"), std::string("  7\n")}) {
    std::string t = text;
    t.insert(t.find("\n  v", t.size() / 2) + 1, more);
    CHECK_MESSAGE(!split_of(t), more);
  }
  std::string keys = text;  // keys with and without values and comments are fine
  keys.insert(keys.find("\n  v", keys.size() / 2) + 1, "    x:  # 注\n    y: 1 # 注\n    z:\n");
  CHECK(split_of(keys));
}

TEST_CASE("a split YAML data file gives every value, and the one-thread messages when it has problems") {
  const int n = 5000;
  std::string roster;
  for (int i = 0; i < n; ++i) roster += "- {id: v" + std::to_string(i) + "}\n";
  const std::map<std::string, std::string> files = {
      {"villages.yaml", roster},
      {"sv.yaml",
       "missing: zero\nindicators:\n  - {id: x, weight: 60, scoring: {method: linear, zero: 0, full: 10}}\n"
       "  - {id: ok, weight: 40, scoring: {method: check}}\n"}};
  const std::string manifest = "villages: villages.yaml\nschemes: {village: sv.yaml}\ndata: d.yaml\n";
  auto load = [&](const std::string& data) {
    TempDir dir;
    dir.write(files);
    dir.write("xingji.yaml", manifest);
    dir.write("d.yaml", data);
    return load_data(load_assessment(dir.path()));
  };
  auto error_in = [&](const std::string& data) {
    try {
      (void)load(data);
    } catch (const Error& e) {
      const std::string m = e.what();
      return m.substr(m.find("d.yaml:"));
    }
    return std::string();
  };
  const std::string text = block_yaml(n);
  REQUIRE(split_of(text));
  const DataSet data = load(text);
  const Table& t = data.year(2024)->of(UnitKind::village);
  int present = 0;
  for (int i = 0; i < n; ++i) {
    present += t.row(static_cast<std::size_t>(i))[0] == i % 11 && t.row(static_cast<std::size_t>(i))[1] == 1;
  }
  CHECK(present == n);

  // A bad value in the second half is reported at its line in the whole file.
  std::string bad = text;
  const auto at = bad.find("  v4000:\n    x: ");
  bad.replace(at + 16, 1, "多");
  const auto line = std::count(bad.begin(), bad.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 2;
  CHECK(error_in(bad).starts_with("d.yaml:" + std::to_string(line) + ":8: error: '多' is not a number"));
  // A unit given in both halves is a doubled cell, with both places.
  std::string twice = text + "  v1:\n    x: 3\n";
  const auto last = std::count(twice.begin(), twice.end(), '\n');
  const std::string doubled = error_in(twice);
  CHECK(doubled.starts_with("d.yaml:" + std::to_string(last) +
                            ":8: error: the value of 'x' for village 'v1' in 2024 is given twice: here and at "));
  CHECK(doubled.find("/d.yaml:8:8; keep one") != std::string::npos);
}

TEST_CASE("a unit without a row in a year's data has every value missing, read whole or in halves") {
  // Rows are marked missing when first stored into; rows never stored into are marked after
  // loading. Every seventh village has no row; the rest have one, with an empty cell in some.
  auto check = [](int n) {
    std::string roster = "id,name\n";
    std::string data = "id,year,x,y\n";
    for (int i = 0; i < n; ++i) {
      roster += "v" + std::to_string(i) + ",村\n";
      if (i % 7 == 3) continue;
      data += "v" + std::to_string(i) + ",2024," + std::to_string(i % 50) + "," +
              (i % 5 == 0 ? std::string() : std::to_string(i % 3)) + "\n";
    }
    const DataSet d =
        load_village_data(roster, data, "missing: zero\nindicators: [{id: x, weight: 50}, {id: y, weight: 50}]\n");
    const Table& t = d.year(2024)->of(UnitKind::village);
    int right = 0;
    for (int i = 0; i < n; ++i) {
      const auto row = t.row(static_cast<std::size_t>(i));
      const bool absent = i % 7 == 3;
      const bool x_ok = absent ? std::isnan(row[0]) : row[0] == i % 50;
      const bool y_ok = absent || i % 5 == 0 ? std::isnan(row[1]) : row[1] == i % 3;
      right += x_ok && y_ok;
    }
    CHECK(right == n);
    return data.size();
  };
  CHECK(check(50) < 1000);
  CHECK(check(120000) > (std::size_t{1} << 20));  // over 1 MiB: read in two halves
}

namespace {
// The bits of a double: -0 and 0 differ, as a NaN equals itself.
std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }
}  // namespace

TEST_CASE("a cell keeps a short decimal in 4 bytes and reads it back as the number of its text, bit for bit") {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 200000; ++i) {
    const std::uint64_t digits = i < 8 ? static_cast<std::uint64_t>(i) * 38347922 : rng() % (Cell::max_digits + 1);
    const int decimals = static_cast<int>(rng() % 7);
    const bool negative = rng() % 2 == 0;
    std::string text = std::to_string(digits);
    if (decimals > 0) {
      text.insert(0, std::string(static_cast<std::size_t>(decimals), '0'));
      text.insert(text.size() - static_cast<std::size_t>(decimals), ".");
    }
    if (negative) text.insert(0, "-");
    CAPTURE(text);
    const auto cell = Cell::decimal(digits, decimals, negative);
    REQUIRE(cell);
    const double x = Cell::read(*cell, nullptr);
    CHECK(bits(x) == bits(PlainDecimal{digits, decimals, negative}.value()));
    if (digits != 0) CHECK(bits(x) == bits(*parse_number(text)));
  }
  // Trailing zeros are dropped when a decimal is too long with them; what is still too long
  // does not fit.
  CHECK(Cell::decimal(15000000, 7, false) == Cell::decimal(15, 1, false));
  CHECK(Cell::decimal(2684354550, 1, true) == Cell::decimal(268435455, 0, true));
  CHECK_FALSE(Cell::decimal(Cell::max_digits + 1, 0, false));
  CHECK_FALSE(Cell::decimal(12345678, 7, false));
  CHECK(Cell::read(Cell::missing, nullptr) != Cell::read(Cell::missing, nullptr));  // NaN
}

TEST_CASE("a table keeps any value, short decimals in their cells and the rest in its extra list") {
  // Every double a cell takes must read back with the same bits; the others go to `extra`.
  std::vector<double> values = {0.0,
                                -0.0,
                                1.0,
                                87.5,
                                1.0 / 3,
                                68.9,
                                -3.25,
                                268435455,
                                268435456,
                                1e-6,
                                1e-7,
                                1e300,
                                5e-324,
                                -1e-300,
                                0.1234567,
                                4.0000005,
                                std::numeric_limits<double>::infinity(),
                                std::numeric_limits<double>::quiet_NaN()};
  std::mt19937_64 rng(5);
  for (int i = 0; i < 20000; ++i) {
    values.push_back(std::bit_cast<double>(rng()));
    values.push_back(static_cast<double>(rng() % 100000000) / 1000);  // the mean of some quarters, say
  }
  Table t;
  t.units = values.size();
  t.items = 1;
  t.cells.assign(values.size(), Cell::missing);
  std::size_t short_ones = 0, nans = 0;
  for (std::size_t u = 0; u < values.size(); ++u) {
    const double x = values[u];
    CAPTURE(x);
    const auto cell = Cell::exact(x);
    if (cell && !std::isnan(x)) CHECK(bits(Cell::read(*cell, nullptr)) == bits(x));
    short_ones += cell && !std::isnan(x);
    nans += std::isnan(x);
    t.set(u, 0, x);
    CHECK(t.has(u, 0) == !std::isnan(x));
    if (!std::isnan(x)) CHECK(bits(t.at(u, 0)) == bits(x));
    if (!std::isnan(x)) CHECK(bits(t.row(u)[0]) == bits(x));
  }
  CHECK(Cell::exact(87.5));
  CHECK(Cell::exact(-0.0));
  CHECK(Cell::exact(268435455));
  CHECK_FALSE(Cell::exact(268435456));
  CHECK_FALSE(Cell::exact(1.0 / 3));
  CHECK_FALSE(Cell::exact(1e-7));
  CHECK(Cell::exact(std::numeric_limits<double>::quiet_NaN()) == Cell::missing);
  // Only what does not fit is in the extra list.
  CHECK(t.extra.size() == values.size() - short_ones - nans);  // a NaN is a missing cell
  CHECK(short_ones > 20000);
}

TEST_CASE("every data value reads back as its text's number, short or not, read whole or in halves") {
  // Long decimals, large numbers and exponents do not fit a cell: they go to the table's
  // extra list after reading, from either half of a split file.
  const std::vector<std::string> texts = {"68.9",    "0.1234567",    "123456789012", "1e3",       "2.50",    "-0",
                                          "-17.125", "268435455",    "268435456",    "0.000001",  "4.00000", "-2e-3",
                                          "7",       "3.1415926535", "-99999999.5",  "1500000.00"};
  auto check = [&](int n) {
    std::string roster = "id,name\n";
    std::string data = "id,year,x\n";
    for (int i = 0; i < n; ++i) {
      roster += "v" + std::to_string(i) + ",村\n";
      data += "v" + std::to_string(i) + ",2024," + texts[static_cast<std::size_t>(i) % texts.size()] + "\n";
    }
    const DataSet d = load_village_data(
        roster, data, "indicators: [{id: x, weight: 100, scoring: {method: linear, zero: 0, full: 10}}]\n");
    const Table& t = d.year(2024)->of(UnitKind::village);
    int right = 0;
    for (int i = 0; i < n; ++i) {
      const double want = *parse_number(texts[static_cast<std::size_t>(i) % texts.size()]);
      right += bits(t.at(static_cast<std::size_t>(i), 0)) == bits(want);
    }
    CHECK(right == n);
    // Five texts do not fit: 0.1234567, 123456789012, 268435456, 3.1415926535, -99999999.5.
    CHECK(t.extra.size() == static_cast<std::size_t>(n) / texts.size() * 5);
    return data.size();
  };
  CHECK(check(static_cast<int>(texts.size()) * 3) < 1000);
  CHECK(check(static_cast<int>(texts.size()) * 5000) > (std::size_t{1} << 20));  // read in two halves
}

// ---- corrections (补报、更正, spec 5) ----------------------------------------------------------

namespace {
// The data of the base assessment with `corrections` read after `data` (texts in memory).
DataSet corrected(const std::string& data, const std::vector<std::pair<std::string, std::string>>& corrections) {
  return load_data(base_assessment(), {{"d.csv", data}}, corrections);
}

std::string correction_error(const std::string& data,
                             const std::vector<std::pair<std::string, std::string>>& corrections) {
  try {
    (void)corrected(data, corrections);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a correction replaces a value of the data or adds a missing one, and is kept with both values") {
  const DataSet data = corrected("id,year,x,ok\nv1,2024,5,是\nv2,2024,,否\n",
                                 {{"fix/a.csv", "id,year,indicator,value\nv1,2024,x,7.5\nv2,2024,x,3\n"}});
  const Table& t = data.year(2024)->of(UnitKind::village);
  CHECK(t.at(0, 0) == 7.5);
  CHECK(t.at(1, 0) == 3);
  CHECK(t.at(0, 1) == 1);  // not corrected: as the data had it
  REQUIRE(data.corrections.size() == 2);
  const Correction& c = data.corrections[0];
  CHECK(c.unit.index == 0);
  CHECK(c.year == 2024);
  CHECK(c.item == 0);
  CHECK(c.before == 5);
  CHECK(c.after == 7.5);
  CHECK(c.where.file == "fix/a.csv");
  CHECK(c.where.line == 2);
  CHECK(std::isnan(data.corrections[1].before));  // added: the data had none
  CHECK(data.corrections[1].where.line == 3);
}

TEST_CASE("an empty cell in a corrections file corrects nothing") {
  const DataSet data = corrected("id,year,x,ok\nv1,2024,5,是\n", {{"fix/a.csv", "id,year,x,ok\nv1,2024,,否\n"}});
  const Table& t = data.year(2024)->of(UnitKind::village);
  CHECK(t.at(0, 0) == 5);
  CHECK(t.at(0, 1) == 0);
  REQUIRE(data.corrections.size() == 1);
  CHECK(data.corrections[0].item == 1);
  CHECK(data.corrections[0].before == 1);
}

TEST_CASE("a correction adds a unit and a year the data did not have") {
  const DataSet data =
      corrected("id,year,x,ok\nv1,2024,5,是\n", {{"fix/a.yaml", "year: 2023\nvalues: {v2: {x: 4}}\n"}});
  REQUIRE(data.year(2023) != nullptr);
  CHECK(data.year(2023)->of(UnitKind::village).at(1, 0) == 4);
  CHECK(std::isnan(data.year(2023)->of(UnitKind::village).at(0, 0)));
  CHECK(data.corrections.size() == 1);
}

TEST_CASE("the same cell corrected twice is an error naming both places, in one file or two") {
  const auto e = correction_error(
      "id,year,x,ok\nv1,2024,5,是\n",
      {{"fix/a.csv", "id,year,x\nv1,2024,6\n"}, {"fix/b.csv", "id,year,indicator,value\nv1,2024,x,7\n"}});
  INFO(e);
  CHECK(e.find("fix/b.csv:2:11: error: the value of 'x' for village 'v1' in 2024 is corrected twice: here and at "
               "fix/a.csv:2:9; keep one") != std::string::npos);
  const auto same_file = correction_error("id,year,x,ok\n", {{"fix/a.csv", "id,year,x\nv1,2024,6\nv1,2024,6\n"}});
  CHECK(same_file.find("fix/a.csv:3:9: error: the value of 'x' for village 'v1' in 2024 is corrected twice: here "
                       "and at fix/a.csv:2:9") != std::string::npos);
}

TEST_CASE("a corrections file is checked as data is, and a cell twice in the data stays an error") {
  const auto bad = correction_error("id,year,x,ok\nv1,2024,5,是\n", {{"fix/a.csv", "id,year,x\nv1,2024,abc\n"}});
  CHECK(bad.find("fix/a.csv:2:9: error: 'abc' is not a number") != std::string::npos);
  const auto twice =
      correction_error("id,year,x,ok\nv1,2024,5,是\nv1,2024,6,是\n", {{"fix/a.csv", "id,year,x\nv1,2024,7\n"}});
  CHECK(twice.find("is given twice") != std::string::npos);
}

TEST_CASE("the same values from data and corrections give the same data, whatever the reader's path") {
  // A plain decimal takes the quick path in data; in a correction it must still be recorded.
  const DataSet data = corrected("id,year,x,ok\nv1,2024,5,是\n", {{"fix/a.csv", "id,year,x,ok\nv1,2024,5.25,1\n"}});
  CHECK(data.year(2024)->of(UnitKind::village).at(0, 0) == 5.25);
  CHECK(data.corrections.size() == 2);
  const DataSet plain = load_data(base_assessment(), {{"d.csv", "id,year,x,ok\nv1,2024,5.25,1\n"}});
  CHECK(plain.year(2024)->of(UnitKind::village).row(0) == data.year(2024)->of(UnitKind::village).row(0));
}

TEST_CASE("a year whose rows give no value is no year of the data: never the default, and named when asked for") {
  const std::string scheme = "missing: zero\nindicators: [{id: a, weight: 60}, {id: b, weight: 40}]\n";
  // 2025 as a data-entry template gives it before anything is filled in: ids, the year, blanks.
  const std::string blank_2025 = "v1,2025,,\nv2,2025,,\n";
  TempDir dir;
  const Run run = test::run_files(dir, test::villages_only(2, scheme, "id,year,a,b\nv1,2024,30,20\n" + blank_2025));
  CHECK(run.eval.year == 2024);
  CHECK(run.data.year(2025) == nullptr);
  CHECK(run.data.blank_years == std::vector<int>{2025});
  try {
    (void)run_assessment(dir.path(), 2025, false);
    FAIL("a blank year was evaluated");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("no value was entered for 2025: its rows in the data files are blank") !=
          std::string::npos);
    CHECK(std::string(e.what()).find("choose one of the years 2024 with --year") != std::string::npos);
  }
  // One value anywhere in the year makes it a year of the data, a correction too.
  TempDir one;
  const Run filled =
      test::run_files(one, test::villages_only(2, scheme, "id,year,a,b\nv1,2024,30,20\nv1,2025,,\nv2,2025,,5\n"));
  CHECK(filled.eval.year == 2025);
  CHECK(filled.data.blank_years.empty());
  // Only blank years: said so, not "no data".
  TempDir none;
  try {
    (void)test::run_files(none, test::villages_only(2, scheme, "id,year,a,b\n" + blank_2025));
    FAIL("a blank year was taken for data");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("the data files name the years 2025 but give no value in any of them") !=
          std::string::npos);
  }
}

TEST_CASE("a year only a ledger rates is a year of the data; its blank rows are not a blank year") {
  // Every item from the ledger: the data rows name only the units and the year.
  TempDir dir;
  dir.write(test::villages_only(2, "indicators: [{id: s, name: 服务, weight: 100, ledger: {per: 10}}]\n",
                                "id,year\nv1,2024\nv2,2024\nv1,2025\nv2,2025\n"));
  dir.write("xingji.yaml",
            "name: 测试\nvillages: villages.yaml\nschemes: {village: scheme.yaml}\ndata: data.csv\n"
            "ledgers: [ledger.csv]\n");
  dir.write("ledger.csv", "id,date,item,count\nv1,2024-03-01,s,2\nv2,2024-04-01,s,1\n");
  const Run run = run_assessment(dir.path(), std::nullopt, false);
  CHECK(run.eval.year == 2024);  // 2025 has neither a value nor an event
  CHECK(run.data.blank_years == std::vector<int>{2025});
  CHECK(run.eval.of(UnitKind::village).units[0].own == doctest::Approx(20));
  CHECK(run.eval.of(UnitKind::village).units[1].own == doctest::Approx(10));
}
