// Input as spreadsheets give it (spec 5): column names, skipped columns, empty columns and
// rows, full-width and percent values, ticks and crosses, shortened codes, encodings, and the
// points of a scheme that do not add up.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include "base/text.hpp"
#include "helpers.hpp"
#include "xingji/data.hpp"
#include "xingji/explain.hpp"
#include "xingji/manifest.hpp"
#include "xingji/number.hpp"
#include "xingji/run.hpp"
#include "xingji/views.hpp"

using namespace xingji;
using test::TempDir;

namespace {

const std::map<std::string, std::string> kFiles = {
    {"villages.yaml", "- {id: v1, name: 塘下村, township: 平桥镇}\n- {id: v2, name: 后岸村, township: 街头镇}\n"},
    {"scheme.yaml",
     "total: 100\nindicators:\n"
     "  - {id: rate, name: 三会一课落实率, unit: '%', weight: 50, scoring: {method: linear, zero: 0, full: 100}}\n"
     "  - {id: income, name: 集体收入, unit: 万元, weight: 30, scoring: {method: ratio}}\n"
     "  - {id: site, name: 阵地达标, weight: 20, scoring: {method: check}}\n"
     "veto: [{id: discipline, name: 违纪, max_stars: 1}]\n"
     "stars: [{stars: 5, min: 90}, {stars: 3, min: 60}, {stars: 1, min: 0}]\n"}};

const std::string kClean = "id,year,rate,income,site,discipline\nv1,2024,95,30,1,0\nv2,2024,80.5,12,0,1\n";

std::string manifest(const std::string& extra = {}) {
  return "villages: villages.yaml\nschemes: {village: scheme.yaml}\ndata: d.csv\n" + extra;
}

// The JSON scores of the assessment with `data` as d.csv (raw bytes), or the error text.
std::string result_of(const std::string& data, const std::string& extra = {}) {
  TempDir dir;
  dir.write(kFiles);
  dir.write("xingji.yaml", manifest(extra));
  dir.write("d.csv", data);
  try {
    return render_scores(run_assessment(dir.path(), std::nullopt, false), Format::json);
  } catch (const Error& e) {
    return dir.relative(e.what());
  }
}

}  // namespace

TEST_CASE("an item column may be headed by its id, its name, or name（id） / name(id)") {
  const std::string clean = result_of(kClean);
  REQUIRE(clean.starts_with("{"));
  CHECK(result_of("id,year,三会一课落实率,集体收入（income）,阵地达标(site), 违纪 "
                  "\nv1,2024,95,30,1,0\nv2,2024,80.5,12,0,1\n") == clean);
  // The id inside the brackets decides, whatever the name before it says.
  CHECK(result_of("id,year,落实率（rate）,income,site,discipline\nv1,2024,95,30,1,0\nv2,2024,80.5,12,0,1\n") == clean);
  // Chinese headers of the id and the year; roster fields carried along are skipped.
  CHECK(result_of("编号,名称,乡镇,年度,rate,income,site,discipline\nv1,塘下村,平桥镇,2024,95,30,1,0\n"
                  "v2,后岸村,街头镇,2024,80.5,12,0,1\n") == clean);
}

TEST_CASE("columns the manifest ignores are skipped; any other unknown column says how to skip it") {
  const std::string clean = result_of(kClean);
  const std::string with_notes =
      "id,year,rate,income,site,discipline,备注,填表人\nv1,2024,95,30,1,0,核实,张三\n"
      "v2,2024,80.5,12,0,1,,\n";
  CHECK(result_of(with_notes, "ignore_columns: [备注, 填表人]\n") == clean);
  // A long CSV skips them too.
  CHECK(result_of("编号,名称,年度,indicator,value,备注\nv1,塘下村,2024,rate,95,\nv1,,2024,income,30,核实\n"
                  "v1,,2024,site,1,\nv1,,2024,discipline,0,\nv2,,2024,rate,80.5,\nv2,,2024,income,12,\n"
                  "v2,,2024,site,0,\nv2,,2024,discipline,1,\n",
                  "ignore_columns: [备注]\n") == clean);
  CHECK(result_of(with_notes, "ignore_columns: [备注]\n") ==
        "d.csv:1:40: error: column '填表人' is no item of the schemes (by id or name); if it holds no values, skip it "
        "with `ignore_columns: [填表人]` in the manifest");
  CHECK(result_of("id,year,rate,incme,site,discipline\nv1,2024,95,30,1,0\n") ==
        "d.csv:1:14: error: column 'incme' is no item of the schemes (by id or name), did you mean 'income'? If it "
        "holds no values, skip it with `ignore_columns: [incme]` in the manifest");
}

TEST_CASE("empty columns at the right and empty rows at the bottom are skipped; a value without a header is not") {
  const std::string clean = result_of(kClean);
  CHECK(result_of("\xEF\xBB\xBFid,year,rate,income,site,discipline,,,\r\nv1,2024,95,30,1,0,,,\r\n"
                  "v2,2024,80.5,12,0,1,,,\r\n,,,,,,,,\r\n,,,,,,,,\r\n") == clean);
  CHECK(result_of("id,year,rate,income,site,discipline,,\nv1,2024,95,30,1,0,,\nv2,2024,80.5,12,0,1,,迟交\n") ==
        "d.csv:3:22: error: column 8 has no header but holds '迟交'; head it with an item's id or name, or clear it");
}

TEST_CASE("values as a sheet holds them: full-width, with spaces, 95% for a percent, ticks and crosses") {
  const std::string clean = result_of(kClean);
  CHECK(result_of("id,year,rate,income,site,discipline\nv1,2024,９５%,\u3000３０ ,√,×\nv2,2024,80.5％,12,✗,有\n") ==
        clean);
  CHECK(result_of("id,year,rate,income,site,discipline\nv1,2024,95,30,对,无\nv2,2024,８０．５,１２,错,✓\n") == clean);
  CHECK(result_of("id,year,rate,income,site,discipline\nv1,2024,95,30%,1,0\n") ==
        "d.csv:2:12: error: '30%' has a percent sign, but 'income' counts in 万元; give the number in 万元 alone");
}

TEST_CASE("an id Excel turned into scientific notation is refused, saying what happened") {
  const std::string e = result_of("id,year,rate,income,site,discipline\n3.30123E+11,2024,95,30,1,0\n");
  CHECK(e.starts_with("d.csv:2:1: error: '3.30123E+11' is a code Excel turned into a number (scientific notation)"));
  CHECK(result_of("id,year,rate,income,site,discipline\n3E5x,2024,95,30,1,0\n")
            .starts_with("d.csv:2:1: error: unknown unit '3E5x'"));
}

TEST_CASE("each CSV file is read in its own encoding, unless one is forced") {
  // 是 and 否 in GBK, and a village name: not UTF-8.
  const std::string gbk =
      "id,name,year,rate,income,site,discipline\nv1,\xCC\xC1\xCF\xC2\xB4\xE5,2024,95,30,\xCA\xC7,"
      "\xB7\xF1\nv2,,2024,80.5,12,\xB7\xF1,\xCA\xC7\n";
  CHECK(result_of(gbk) == result_of(kClean));
  CHECK(result_of(gbk, "encoding: gbk\n") == result_of(kClean));
  CHECK(result_of(gbk, "encoding: utf-8\n").starts_with("d.csv:2:4: error: the file is not valid UTF-8"));
  CHECK(result_of(kClean, "encoding: latin1\n")
            .starts_with("xingji.yaml:4:11: error: 'encoding' must be utf-8, gbk or gb18030, not 'latin1'"));
  // Rows already stored when the first GBK byte comes (late in a large file read in halves)
  // are read again with the rest, once.
  std::string late = "id,year,rate,income,site,discipline\nv1,2024,95,30,1,0\n";
  while (late.size() < (std::size_t{3} << 19)) late += "\n";  // blank lines: 1.5 MiB, split in two
  late += "v2,2024,80.5,12,\xB7\xF1,\xCA\xC7\n";
  CHECK(result_of(late) == result_of(kClean));
  TempDir dir;
  dir.write("u.csv", "名称\n塘下村\n");
  dir.write("g.csv", "\xC3\xFB\xB3\xC6\n");
  dir.write("nul.csv", std::string("id\0", 3));
  CHECK(csv_encoding(dir.file("u.csv")) == "utf-8");
  CHECK(csv_encoding(dir.file("g.csv")) == "gb18030");
  CHECK(csv_encoding(dir.file("nul.csv")) == "utf-8");  // the reader says what a NUL is
  CHECK(csv_encoding(dir.file("g.csv"), "utf-8") == "utf-8");
  // A character cut by the end of a read block is carried into the next one.
  std::string big(std::size_t{1} << 20, 'a');
  big.replace(big.size() - 1, 1, "塘");  // its first byte is the block's last
  big += "下村\n";
  dir.write("big.csv", big);
  CHECK(csv_encoding(dir.file("big.csv")) == "utf-8");
  dir.write("bad-end.csv", big + "\xE5\xA1");  // cut at the file's end
  CHECK(csv_encoding(dir.file("bad-end.csv")) == "gb18030");
}

TEST_CASE("full-width forms fold to ASCII, blanks of every width are trimmed") {
  CHECK(fold_full_width("95") == std::nullopt);
  CHECK(fold_full_width("９５．５％") == "95.5%");
  CHECK(fold_full_width("\u3000－３ ") == "-3");
  CHECK(fold_full_width(" 7") == "7");
  CHECK(fold_full_width("塘下村") == std::nullopt);
  CHECK(trim_blanks("\u3000 \xC2\xA0"
                    "备注\u3000") == "备注");
  CHECK(parse_check("√") == true);
  CHECK(parse_check("×") == false);
  CHECK(parse_check("有") == true);
  CHECK(parse_check("错") == false);
  CHECK(parse_check("√√") == std::nullopt);
}

TEST_CASE("points that do not add up are warned of, at the node; relative weights are not checked") {
  TempDir dir;
  dir.write("s.yaml",
            "total: 100\nindicators:\n  - id: org\n    name: 组织运行\n    weight: 20\n    children:\n"
            "      - {id: a, weight: 10}\n      - {id: b, weight: 8}\n  - {id: c, weight: 78}\n");
  const Scheme s = load_scheme(dir.file("s.yaml"));
  REQUIRE(s.warnings.size() == 2);
  CHECK(s.warnings[0].str() ==
        dir.file("s.yaml") +
            ":1:8: warning: the scheme is 100 points but its areas add up to 98; make them agree, "
            "or say `weights: relative` in the scheme if the weights are shares");
  CHECK(s.warnings[1].str() == dir.file("s.yaml") +
                                   ":3:5: warning: 组织运行 is 20 points but its items add up to 18; make them agree, "
                                   "or say `weights: relative` in the scheme if the weights are shares");
  dir.write("r.yaml", "weights: relative\nindicators:\n  - {id: a, weight: 3}\n  - {id: b, weight: 1}\n");
  CHECK(load_scheme(dir.file("r.yaml")).warnings.empty());
  dir.write("ok.yaml", "total: 10\nindicators:\n  - {id: a, weight: 2.5}\n  - {id: b, weight: 7.5}\n");
  CHECK(load_scheme(dir.file("ok.yaml")).warnings.empty());
}

TEST_CASE("a unit that sent nothing is one message under missing: error, and marked when it is rated") {
  const std::string only_v1 = "id,year,rate,income,site,discipline\nv1,2024,95,30,1,0\n";
  CHECK(result_of(only_v1) ==
        "xingji.yaml: error: village 'v2' sent no data for 2024: none of its items has a value; add its row to the "
        "data, or set `missing: zero` or `missing: mean` in scheme.yaml to rate it as not submitted (未报送)");
  TempDir dir;
  dir.write(kFiles);
  std::string scheme = kFiles.at("scheme.yaml");
  dir.write("scheme.yaml", "missing: zero\n" + scheme);
  dir.write("xingji.yaml", manifest());
  dir.write("d.csv", only_v1);
  const Run run = run_assessment(dir.path(), std::nullopt, false);
  const auto& units = run.eval.of(UnitKind::village).units;
  CHECK_FALSE(units[0].not_submitted);
  CHECK(units[1].not_submitted);
  CHECK(
      render_scores(run, Format::json).find("\"missing\": [\"rate\", \"income\", \"site\"], \"not_submitted\": true") !=
      std::string::npos);
  // A unit with one value is not "not submitted", only missing some.
  dir.write("d.csv", only_v1 + "v2,2024,,,,0\n");
  CHECK_FALSE(run_assessment(dir.path(), std::nullopt, false).eval.of(UnitKind::village).units[1].not_submitted);
}

TEST_CASE("a title does not repeat the year when the assessment's name holds it") {
  TempDir dir;
  dir.write(kFiles);
  dir.write("d.csv", kClean);
  dir.write("xingji.yaml", manifest("name: 2024年度村级星级评定\n"));
  const auto with_year = render_scores(run_assessment(dir.path(), std::nullopt, false), Format::md);
  CHECK(with_year.starts_with("# 2024年度村级星级评定\n"));
  dir.write("xingji.yaml", manifest("name: 村级星级评定\n"));
  CHECK(render_scores(run_assessment(dir.path(), std::nullopt, false), Format::md)
            .starts_with("# 村级星级评定 2024年\n"));
}

TEST_CASE("explain's advice is the next step up, counts per unit of the item, and 是 for a check gate") {
  TempDir dir;
  dir.write("villages.yaml", "- {id: v1, name: 江口村}\n");
  dir.write("scheme.yaml",
            "total: 100\nindicators:\n"
            "  - {id: income, name: 集体收入, unit: 万元, weight: 40, scoring: {method: steps, steps: "
            "[{min: 100, points: 40}, {min: 50, points: 30}, {min: 20, points: 20}]}}\n"
            "  - {id: members, name: 发展党员, unit: 人, weight: 30, scoring: {method: count, per: 10}}\n"
            "  - {id: site, name: 阵地达标, weight: 30, scoring: {method: check}}\n"
            "stars: [{stars: 5, min: 90, requires: [site]}, {stars: 1, min: 0}]\n");
  dir.write("xingji.yaml", manifest());
  dir.write("d.csv", "id,year,income,members,site\nv1,2024,14.7,1,否\n");
  const Run run = run_assessment(dir.path(), std::nullopt, false);
  const Explanation e = explain(run, "江口村");
  REQUIRE(e.next);
  std::map<std::string, std::string> how;
  for (const auto& g : e.next->gains) how[g.id] = g.how;
  CHECK(how["income"] == "达到≥20万元得20分");  // not ≥100万元, the top
  CHECK(how["members"] == "每人得10分");
  CHECK(std::find(e.next->conditions.begin(), e.next->conditions.end(), "必备条件：阵地达标须为“是”") !=
        e.next->conditions.end());
  dir.write("d.csv", "id,year,income,members,site\nv1,2024,60,1,是\n");
  const Run more = run_assessment(dir.path(), std::nullopt, false);
  const Explanation further = explain(more, "v1");
  REQUIRE(further.next);
  for (const auto& g : further.next->gains) {
    if (g.id == "income") CHECK(g.how == "达到≥100万元得40分");
  }
}

TEST_CASE("explain says a trimmed group with fewer than three ballots is averaged as it is") {
  TempDir dir;
  dir.write("villages.yaml", "- {id: v1, name: 江口村}\n");
  dir.write("scheme.yaml",
            "total: 100\nindicators:\n  - id: shuping\n    name: 双述双评\n    weight: 100\n    raters:\n"
            "      groups: {群众: 0.5, 镇党委: 0.5}\n      combine: trimmed\n"
            "stars: [{stars: 1, min: 0}]\n");
  dir.write("xingji.yaml", manifest());
  dir.write("d.csv",
            "id,year,indicator,value,rater\nv1,2024,shuping,80,群众\nv1,2024,shuping,90,群众\n"
            "v1,2024,shuping,70,镇党委\nv1,2024,shuping,80,镇党委\nv1,2024,shuping,99,镇党委\n");
  const Explanation e = explain(run_assessment(dir.path(), std::nullopt, false), "v1");
  const auto& detail = e.nodes.front().detail;
  REQUIRE(detail.size() == 2);
  CHECK(detail[0] == "群众（权重0.5）：2票，不足3票，直接平均 85");
  CHECK(detail[1] == "镇党委（权重0.5）：3票，去掉一个最高一个最低后平均 80");
}
