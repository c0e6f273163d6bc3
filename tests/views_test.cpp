#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "app.hpp"
#include "helpers.hpp"
#include "write/batch.hpp"
#include "write/csv_line.hpp"
#include "write/table.hpp"
#include "xingji/report.hpp"
#include "xingji/views.hpp"

using namespace xingji;
using test::run_files;
using test::TempDir;
using test::villages_only;

namespace {
std::map<std::string, std::string> ranked_files() {
  auto files =
      villages_only(6, "indicators: [{id: a, weight: 100}]\nstars: [{stars: 5, min: 90}, {stars: 1, min: 0}]\n",
                    "id,year,a\nv1,2024,90\nv2,2024,80\nv3,2024,80\nv4,2024,70\nv5,2024,60\nv6,2024,60\n");
  files["villages.yaml"] =
      "- {id: v1, name: 村1, township: 东镇}\n- {id: v2, name: 村2, township: 西镇}\n- {id: v3, name: 村3, township: "
      "东镇}\n"
      "- {id: v4, name: 村4, township: 西镇}\n- {id: v5, name: 村5, township: 东镇}\n- {id: v6, name: 村6, township: "
      "西镇}\n";
  return files;
}

int run_cli(const std::vector<std::string>& args, std::string& out, std::string& err) {
  std::vector<const char*> argv{"xingji"};
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream o, e;
  const int rc = xingji::cli::run(static_cast<int>(argv.size()), argv.data(), o, e);
  out = o.str();
  err = e.str();
  return rc;
}
}  // namespace

TEST_CASE("--top keeps a tie at the cut whole") {
  TempDir dir;
  const Run run = run_files(dir, ranked_files());
  RankOptions o;
  o.top = 2;
  CHECK(render_ranking(run, o, Format::csv) ==
        "rank,id,name,score,stars\n1,v1,村1,90.00,5\n2,v2,村2,80.00,1\n2,v3,村3,80.00,1\n");
}

TEST_CASE("--bottom keeps a tie at the cut whole and lists best first") {
  TempDir dir;
  const Run run = run_files(dir, ranked_files());
  RankOptions o;
  o.bottom = 1;
  CHECK(render_ranking(run, o, Format::csv) == "rank,id,name,score,stars\n5,v5,村5,60.00,1\n5,v6,村6,60.00,1\n");
}

TEST_CASE("--by ranks within each group, groups in roster order") {
  TempDir dir;
  const Run run = run_files(dir, ranked_files());
  RankOptions o;
  o.by = "township";
  CHECK(render_ranking(run, o, Format::csv) ==
        "rank,id,name,township,score,stars\n1,v1,村1,东镇,90.00,5\n2,v3,村3,东镇,80.00,1\n3,v5,村5,东镇,60.00,1\n"
        "1,v2,村2,西镇,80.00,1\n2,v4,村4,西镇,70.00,1\n3,v6,村6,西镇,60.00,1\n");
}

TEST_CASE("stars are drawn filled and hollow") {
  CHECK(star_text(3, 5) == "★★★☆☆");
  CHECK(star_text(0, 5) == "☆☆☆☆☆");
}

TEST_CASE("a change in stars is said in words") {
  CHECK(star_change_text(1) == "晋1星");
  CHECK(star_change_text(-2) == "降2星");
  CHECK(star_change_text(0) == "持平");
}

TEST_CASE("the report sums villages up by township: count, mean final, stars, backward") {
  const Run run = run_assessment("examples/chunan", std::nullopt, true);
  const std::string md = render_report(run, Format::md);
  const auto at = md.find("## 按乡镇汇总");
  REQUIRE(at != std::string::npos);
  CHECK(at < md.find("## 村排名"));
  // Every township once, with as many villages as the roster gives it.
  std::map<std::string, int> villages;
  for (int u = 0; u < static_cast<int>(run.assessment.roster.size(UnitKind::village)); ++u) {
    villages[std::string(*run.assessment.roster.field(UnitRef{UnitKind::village, u}, "township"))]++;
  }
  REQUIRE(villages.size() == 5);
  for (const auto& town : villages) {
    CHECK(md.find(fmt::format("| {} | {} |", town.first, town.second), at) != std::string::npos);
  }
}

TEST_CASE("CSV fields are quoted only when they need it") {
  CHECK(csv_field("塘下村") == "塘下村");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"x\"") == "\"say \"\"x\"\"\"");
  CHECK(csv_field(" lead") == "\" lead\"");
  CHECK(csv_field("trail ") == "\"trail \"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("cr\r") == "\"cr\r\"");
  CHECK(csv_field("") == "");
  CHECK(csv_field("mid dle") == "mid dle");
  // Written into a buffer of the room it asks for, even when every byte is a quote.
  const std::string quotes(5, '"');
  std::string room(csv_field_room(quotes), '\0');
  room.resize(static_cast<std::size_t>(write_csv_field(room.data(), quotes) - room.data()));
  CHECK(room == std::string(12, '"'));
  // Long fields are looked at eight bytes at a time: a special byte at any place is found,
  // and spaces, hyphens or Chinese text inside do not ask for quotes.
  const std::string base = "塘下村 东片-2组 (旧) 村委会";
  for (std::size_t at = 0; at <= base.size(); ++at) {
    for (const char special : {',', '"', '\n', '\r'}) {
      std::string text = "x" + base + "x";
      text.insert(at + 1, 1, special);
      CHECK(csv_needs_quotes(text));
    }
  }
  CHECK_FALSE(csv_needs_quotes("x" + base + "x"));
  CHECK(csv_needs_quotes(base + " "));
  CHECK(json_string("a\"b\\\n\x01") == "\"a\\\"b\\\\\\n\\u0001\"");
}

TEST_CASE("the score JSON has the spec's shape with null alliance fields") {
  TempDir dir;
  const Run run = run_files(dir, villages_only(1, "indicators: [{id: a, weight: 100}]\n", "id,year,a\nv1,2024,81.5\n"));
  CHECK(render_scores(run, Format::json) ==
        "{\"name\": \"测试\", \"year\": 2024,\n \"villages\": [\n  {\"id\": \"v1\", \"name\": \"村1\", \"alliance\": "
        "null, "
        "\"own\": 81.50, \"alliance_total\": null, \"final\": 81.50, \"stars\": 0, \"rank\": 1, \"veto\": [], "
        "\"missing\": [], \"indicators\": {\"a\": 81.50}}\n ],\n \"alliances\": []}\n");
}

TEST_CASE("the command returns 0, 1 or 2 and prints errors as FILE:LINE:COL") {
  TempDir dir;
  dir.write(villages_only(1, "indicators: [{id: a, weight: 100}]\n", "id,year,a\nv1,2024,120\n"));
  std::string out, err;
  CHECK(run_cli({"score", dir.path()}, out, err) == 1);
  CHECK(err.find("data.csv:2:9: error: direct points 120") != std::string::npos);
  CHECK(out.empty());
  CHECK(run_cli({"score", dir.path(), "--format", "xml"}, out, err) == 2);
  CHECK(run_cli({"frobnicate"}, out, err) == 2);
  CHECK(run_cli({"--version"}, out, err) == 0);
  CHECK(out.find("xingji 0.") == 0);
  dir.write("data.csv", "id,year,a\nv1,2024,99\n");
  CHECK(run_cli({"score", dir.path(), "--format", "csv"}, out, err) == 0);
  CHECK(out.find("village,1,v1,村1,,,99.00,,,99.00,0,,\n") != std::string::npos);
}

namespace {
// Lines of `ranking` written one by one in rank order: what write_ranked must give.
template <class Head, class Tail>
std::string in_rank_order(const Ranking& ranking, Head head, Tail tail) {
  std::string out;
  for (const Placed& p : ranking) {
    head(out, p);
    tail(out, static_cast<std::size_t>(p.unit));
  }
  return out;
}

// A ranking of `n` of `units` units (every `step`-th), in a shuffled order.
Ranking shuffled_ranking(std::size_t units, std::size_t step, unsigned seed) {
  Ranking r;
  for (std::size_t u = 0; u < units; u += step) r.push_back(Placed{static_cast<int>(u), 0});
  std::uint64_t x = seed;
  for (std::size_t i = r.size(); i > 1; --i) {  // Fisher-Yates with a fixed LCG
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    std::swap(r[i - 1], r[static_cast<std::size_t>((x >> 33) % i)]);
  }
  for (std::size_t i = 0; i < r.size(); ++i) r[i].rank = static_cast<int>(i / 3 + 1);  // ties of three
  return r;
}
}  // namespace

TEST_CASE("a ranked table made in bands has the bytes of one made in rank order") {
  auto head = [](std::string& o, const Placed& p) { o += std::to_string(p.rank) + ','; };
  // Tails of varying length, some empty and some long, so buffer offsets are exercised.
  auto tail = [](std::string& o, std::size_t u) {
    if (u % 97 == 0) return;
    o += 'u' + std::to_string(u);
    if (u % 31 == 0) o.append(300 + u % 50, 'x');
    o += '\n';
  };
  // One band, several bands with a short last one, and a ranking of only some units.
  for (const auto& shape : std::vector<std::pair<std::size_t, std::size_t>>{
           {50000, 1}, {detail::kRankedBand * 2 + 12345, 1}, {detail::kRankedBand * 3, 2}}) {
    // Named copies, not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.
    const std::size_t units = shape.first, step = shape.second;
    CAPTURE(units);
    CAPTURE(step);
    const Ranking ranking = shuffled_ranking(units, step, 7);
    std::string text = "header\n";
    std::ostringstream os;
    detail::write_ranked(ranking, text, os, head, tail);
    detail::Flusher{text, os}.all();
    CHECK(os.str() == "header\n" + in_rank_order(ranking, head, tail));
  }
}

TEST_CASE("the score CSV lists a unit's missing leaves in scheme order") {
  TempDir dir;
  const auto run =
      run_files(dir, villages_only(3,
                                   "missing: zero\nindicators:\n"
                                   "  - {id: p, weight: 50, children: [{id: a, weight: 1}, {id: b, weight: 1}]}\n"
                                   "  - {id: c, weight: 50}\n",
                                   "id,year,c,b,a\nv1,2024,1,,\nv2,2024,,1,0.5\nv3,2024,4,0.5,1\n"));
  std::ostringstream out;
  render_scores(run, Format::csv, out);
  std::istringstream lines(out.str());
  std::map<std::string, std::string> missing;  // id -> the last column
  for (std::string line; std::getline(lines, line);) {
    const auto id_at = line.find(',', line.find(',') + 1) + 1;
    missing[line.substr(id_at, line.find(',', id_at) - id_at)] = line.substr(line.rfind(',') + 1);
  }
  CHECK(missing["v1"] == "a;b");
  CHECK(missing["v2"] == "c");
  CHECK(missing["v3"] == "");
}

TEST_CASE("a CSV line is the same made in the scratch buffer or on the heap") {
  // Short texts fit the line's scratch buffer; a long name (a pasted paragraph) takes the heap.
  for (const std::size_t size : {std::size_t{3}, std::size_t{400}, std::size_t{5000}}) {
    CAPTURE(size);
    std::string name;
    for (std::size_t i = 0; i < size; ++i) name += i % 7 == 0 ? "\"," : "村";
    std::string out = "before\n";
    {
      detail::CsvLine line(out, detail::CsvLine::room({"v1", name}));
      line.field("v1").ch(',').field(name).ch(',').number(-42).ch(',').score(Rounded{123456, 2});
    }
    std::string expected = "before\nv1,";
    append_csv_field(expected, name);
    expected += ",-42,1234.56";
    CHECK(out == expected);
  }
}

TEST_CASE("COLUMNS fits a terminal table to its width; without it, or for -o FILE, the table is whole") {
  std::string full, err;
  REQUIRE(run_cli({"score", "examples/tiantai"}, full, err) == 0);
  ::setenv("COLUMNS", "80", 1);
  std::string fitted;
  REQUIRE(run_cli({"score", "examples/tiantai"}, fitted, err) == 0);
  TempDir dir;
  const std::string file = dir.file("score.txt");
  std::string none;
  REQUIRE(run_cli({"score", "examples/tiantai", "-o", file}, none, err) == 0);
  ::setenv("COLUMNS", "wide", 1);  // not a number: as if unset
  std::string junk;
  REQUIRE(run_cli({"score", "examples/tiantai"}, junk, err) == 0);
  ::unsetenv("COLUMNS");
  CHECK(fitted != full);
  CHECK(fitted.find("否决") != std::string::npos);
  std::ifstream in(file, std::ios::binary);
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == full);
  CHECK(junk == full);
}
