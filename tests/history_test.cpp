#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "helpers.hpp"
#include "xingji/history.hpp"
#include "xingji/manifest.hpp"

using namespace xingji;
using test::TempDir;
using test::villages_only;

namespace {

const std::string kScheme =
    "missing: zero\nindicators: [{id: a, weight: 100}]\n"
    "stars: [{stars: 3, min: 80}, {stars: 2, min: 60}, {stars: 1, min: 40}]\n";

History history_of(const TempDir& dir, const std::map<std::string, std::string>& files,
                   std::optional<int> unit = std::nullopt) {
  dir.write(files);
  const Assessment a = load_assessment(dir.path());
  return history(a, load_data(a), UnitKind::village, unit);
}

// The history of the unit with this roster index.
const UnitHistory& of_unit(const History& h, int unit) {
  for (const UnitHistory& u : h.units) {
    if (u.unit == unit) return u;
  }
  FAIL("no such unit in the history");
  return h.units.front();
}

std::vector<std::optional<int>> changes(const UnitHistory& u) {
  std::vector<std::optional<int>> out;
  for (const HistoryYear& y : u.years) out.push_back(y.change);
  return out;
}

// Every year of every unit against `score --year Y` of the same assessment.
void check_against_score(const std::string& path, UnitKind kind) {
  const Assessment a = load_assessment(path);
  const DataSet data = load_data(a);
  const History h = history(a, data, kind);
  REQUIRE(h.years.size() == data.years.size());
  REQUIRE(h.units.size() == a.roster.size(kind));
  for (std::size_t k = 0; k < h.years.size(); ++k) {
    const Run run = run_assessment(path, h.years[k], false);
    const KindResult& result = run.eval.of(kind);
    std::vector<std::size_t> levels(static_cast<std::size_t>(h.max_stars) + 1);
    for (const UnitHistory& u : h.units) {
      const UnitScore& r = result.units[static_cast<std::size_t>(u.unit)];
      const HistoryYear& y = u.years[k];
      const std::string where =
          path + " " + std::string(a.roster.id_of(UnitRef{kind, u.unit})) + " " + std::to_string(h.years[k]);
      INFO(where);
      CHECK(y.year == h.years[k]);
      CHECK(y.final.str() == r.shown.str());
      CHECK(y.stars == r.stars);
      CHECK(y.rank == r.rank);
      CHECK(y.not_submitted == r.not_submitted);
      ++levels[static_cast<std::size_t>(r.stars)];
    }
    CHECK(h.levels[k] == levels);
    if (k + 1 == h.years.size()) {
      // Listed in the latest year's rank order, ties by id: the order `rank` lists.
      REQUIRE(result.ranking.size() == h.units.size());
      for (std::size_t i = 0; i < h.units.size(); ++i) CHECK(h.units[i].unit == result.ranking[i].unit);
    }
  }
}

}  // namespace

TEST_CASE("history gives every year's final score, stars and rank as score --year gives them") {
  for (const char* example : {"examples/tiantai", "examples/chunan", "examples/kangding", "examples/henan"}) {
    check_against_score(example, UnitKind::village);
  }
  check_against_score("examples/tiantai", UnitKind::alliance);
}

TEST_CASE("a change in stars is counted between years that follow each other") {
  TempDir dir;
  const History h = history_of(dir, villages_only(2, kScheme,
                                                  "id,year,a\n"
                                                  "v1,2020,50\nv1,2021,85\nv1,2022,65\nv1,2024,90\nv1,2025,90\n"
                                                  "v2,2020,90\nv2,2021,90\nv2,2022,45\nv2,2024,40\nv2,2025,85\n"));
  CHECK(h.years == std::vector<int>{2020, 2021, 2022, 2024, 2025});
  // 2024 follows no year with data: nothing to compare, as 2020.
  CHECK(changes(of_unit(h, 0)) == std::vector<std::optional<int>>{std::nullopt, 2, -1, std::nullopt, 0});
  CHECK(changes(of_unit(h, 1)) == std::vector<std::optional<int>>{std::nullopt, 0, -2, std::nullopt, 2});
}

TEST_CASE("a rise is a higher shown score than the year before; an equal score or a gap ends the run") {
  TempDir dir;
  const History h = history_of(dir, villages_only(4, kScheme,
                                                  "id,year,a\n"
                                                  // rises 2021, 2022, 2023: three years
                                                  "v1,2020,50\nv1,2021,51\nv1,2022,52\nv1,2023,53\nv1,2024,40\n"
                                                  // 50.001 shows as 50.00: no rise; then 2 years
                                                  "v2,2020,50\nv2,2021,50.001\nv2,2022,60\nv2,2023,61\nv2,2024,61\n"
                                                  // never rises
                                                  "v3,2020,90\nv3,2021,80\nv3,2022,70\nv3,2023,60\nv3,2024,50\n"
                                                  // two runs of one year: the latest is named
                                                  "v4,2020,50\nv4,2021,60\nv4,2022,55\nv4,2023,50\nv4,2024,58\n"));
  CHECK(of_unit(h, 0).longest_rise == 3);
  CHECK(of_unit(h, 0).rise_last == 2023);
  CHECK(of_unit(h, 1).longest_rise == 2);
  CHECK(of_unit(h, 1).rise_last == 2023);
  CHECK(of_unit(h, 2).longest_rise == 0);
  CHECK(of_unit(h, 2).rise_last == 0);
  CHECK(of_unit(h, 3).longest_rise == 1);
  CHECK(of_unit(h, 3).rise_last == 2024);

  TempDir gap;
  const History g = history_of(gap, villages_only(1, kScheme, "id,year,a\nv1,2020,50\nv1,2021,60\nv1,2023,70\n"));
  CHECK(g.units.front().longest_rise == 1);
  CHECK(g.units.front().rise_last == 2021);
}

TEST_CASE("a year a unit sent nothing is rated as score rates it but compared with no year") {
  TempDir dir;
  // v2 sends nothing in 2022 (未报送, rated 0 under missing: zero); v1 keeps the year's data.
  const History h = history_of(dir, villages_only(2, kScheme,
                                                  "id,year,a\n"
                                                  "v1,2021,50\nv1,2022,60\nv1,2023,70\nv1,2024,80\n"
                                                  "v2,2021,50\nv2,2023,65\nv2,2024,85\n"));
  const UnitHistory& v2 = of_unit(h, 1);
  CHECK(v2.years[1].not_submitted);
  CHECK(v2.years[1].final.str() == "0.00");
  CHECK(v2.years[1].stars == 0);
  CHECK(v2.years[1].rank == 2);
  CHECK(changes(v2) == std::vector<std::optional<int>>{std::nullopt, std::nullopt, std::nullopt, 1});
  // 2023's 65 over 2022's 0 is no rise: the run is 2024 alone.
  CHECK(v2.longest_rise == 1);
  CHECK(v2.rise_last == 2024);
  CHECK(of_unit(h, 0).longest_rise == 3);
}

TEST_CASE("units per star level count every star count down to none, per year") {
  TempDir dir;
  const History h = history_of(dir, villages_only(4, kScheme,
                                                  "id,year,a\n"
                                                  "v1,2023,90\nv2,2023,85\nv3,2023,30\nv4,2023,61\n"
                                                  "v1,2024,59\nv2,2024,45\nv3,2024,39\nv4,2024,62\n"));
  CHECK(h.max_stars == 3);
  CHECK(h.levels == std::vector<std::vector<std::size_t>>{{1, 0, 1, 2}, {1, 2, 1, 0}});
}

TEST_CASE("ties share a rank as in rank, and units are listed by the latest year's ranking") {
  TempDir dir;
  const History h = history_of(dir, villages_only(3, kScheme, "id,year,a\nv1,2024,70\nv2,2024,80\nv3,2024,80\n"));
  REQUIRE(h.units.size() == 3);
  CHECK(h.units[0].unit == 1);
  CHECK(h.units[1].unit == 2);
  CHECK(h.units[2].unit == 0);
  CHECK(h.units[0].years[0].rank == 1);
  CHECK(h.units[1].years[0].rank == 1);
  CHECK(h.units[2].years[0].rank == 3);
}

TEST_CASE("a unit named shows only its own years, and the levels stay the kind's") {
  TempDir dir;
  const History h =
      history_of(dir, villages_only(2, kScheme, "id,year,a\nv1,2023,50\nv1,2024,90\nv2,2023,70\nv2,2024,30\n"), 1);
  CHECK(h.one_unit);
  REQUIRE(h.units.size() == 1);
  CHECK(h.units.front().unit == 1);
  CHECK(h.units.front().years[1].change == -2);
  CHECK(h.levels == std::vector<std::vector<std::size_t>>{{0, 1, 1, 0}, {1, 0, 0, 1}});
}

TEST_CASE("history of alliances that are not scored is refused") {
  TempDir dir;
  dir.write(villages_only(1, kScheme, "id,year,a\nv1,2024,50\n"));
  const Assessment a = load_assessment(dir.path());
  CHECK_THROWS_WITH_AS((void)history(a, load_data(a), UnitKind::alliance),
                       doctest::Contains("alliances are not scored"), Error);
}

TEST_CASE("a year that does not evaluate fails the history, as score --year would") {
  TempDir dir;
  auto files = villages_only(2, "indicators: [{id: a, weight: 100}]\nstars: [{stars: 1, min: 0}]\n",
                             "id,year,a\nv1,2023,50\nv1,2024,60\nv2,2024,70\n");
  CHECK_THROWS_WITH_AS((void)history_of(dir, files), doctest::Contains("'v2' sent no data for 2023"), Error);
}

TEST_CASE("history as CSV is a row per unit and year, as JSON spec 8's shape") {
  TempDir dir;
  const auto files = villages_only(2, kScheme, "id,year,a\nv1,2023,50\nv1,2024,90\nv2,2023,70\nv2,2024,30\n");
  const History h = history_of(dir, files);
  const Assessment a = load_assessment(dir.path());
  CHECK(render_history(a, h, Format::csv) ==
        "id,name,year,final,stars,rank,change,longest_rise\n"
        "v1,村1,2023,50.00,1,2,,1\n"
        "v1,村1,2024,90.00,3,1,2,1\n"
        "v2,村2,2023,70.00,2,1,,0\n"
        "v2,村2,2024,30.00,0,2,-2,0\n");
  CHECK(
      render_history(a, h, Format::json) ==
      "{\"name\": \"测试\", \"level\": \"village\", \"years\": [2023, 2024],\n"
      " \"units\": [\n"
      "  {\"id\": \"v1\", \"name\": \"村1\", \"years\": [{\"year\": 2023, \"final\": 50.00, \"stars\": 1, \"rank\": 2, "
      "\"change\": null}, {\"year\": 2024, \"final\": 90.00, \"stars\": 3, \"rank\": 1, \"change\": 2}], "
      "\"longest_rise\": 1},\n"
      "  {\"id\": \"v2\", \"name\": \"村2\", \"years\": [{\"year\": 2023, \"final\": 70.00, \"stars\": 2, \"rank\": 1, "
      "\"change\": null}, {\"year\": 2024, \"final\": 30.00, \"stars\": 0, \"rank\": 2, \"change\": -2}], "
      "\"longest_rise\": 0}\n"
      " ],\n"
      " \"levels\": {\n"
      "  \"2023\": {\"3\": 0, \"2\": 1, \"1\": 1, \"0\": 0},\n"
      "  \"2024\": {\"3\": 1, \"2\": 0, \"1\": 0, \"0\": 1}\n"
      " }}\n");
}

TEST_CASE("history for people says changes in words as the report does: 晋1星, 降2星, 持平") {
  TempDir dir;
  const auto files =
      villages_only(3, kScheme, "id,year,a\nv1,2023,50\nv1,2024,65\nv2,2023,70\nv2,2024,30\nv3,2023,90\nv3,2024,95\n");
  const History h = history_of(dir, files);
  const Assessment a = load_assessment(dir.path());
  const std::string md = render_history(a, h, Format::md);
  CHECK(md.find("| v1 | 村1 | 50.00 | ★☆☆ | 3 | 65.00 | ★★☆ | 2 | 晋1星 | 1 | 2024 |") != std::string::npos);
  CHECK(md.find("| v2 | 村2 | 70.00 | ★★☆ | 2 | 30.00 | ☆☆☆ | 3 | 降2星 | 0 |  |") != std::string::npos);
  CHECK(md.find("| v3 | 村3 | 90.00 | ★★★ | 1 | 95.00 | ★★★ | 1 | 持平 | 1 | 2024 |") != std::string::npos);
}

TEST_CASE("a scheme without stars has no change in stars, and people see no star columns") {
  TempDir dir;
  const auto files = villages_only(2, "indicators: [{id: a, weight: 100}]\n",
                                   "id,year,a\nv1,2023,50\nv1,2024,70\n"
                                   "v2,2023,60\nv2,2024,60\n");
  const History h = history_of(dir, files);
  CHECK(h.max_stars == 0);
  CHECK(changes(of_unit(h, 0)) == std::vector<std::optional<int>>{std::nullopt, std::nullopt});
  CHECK(of_unit(h, 0).longest_rise == 1);
  CHECK(h.levels == std::vector<std::vector<std::size_t>>{{2}, {2}});
  const Assessment a = load_assessment(dir.path());
  const std::string md = render_history(a, h, Format::md);
  CHECK(md.find("星级 |") == std::string::npos);
  CHECK(md.find("变化") == std::string::npos);
  CHECK(md.find("各星级村数") == std::string::npos);
  CHECK(md.find("| v1 | 村1 | 50.00 | 2 | 70.00 | 1 | 1 | 2024 |") != std::string::npos);
  const std::string html = render_history(a, h, Format::html);
  CHECK(html.find("<th>星级</th>") == std::string::npos);
  CHECK(html.find("各星级村数") == std::string::npos);
  CHECK(html.find("颜色越深") == std::string::npos);
  CHECK(html.find("晋") == std::string::npos);
  CHECK(html.find("class=\"spark\"") != std::string::npos);
}

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("history as HTML holds the Markdown's figures by name, a chart per unit, and no script") {
  TempDir dir;
  // v2 sends nothing in 2023: its year is a gap in its chart, not a column of 0.
  const auto files =
      villages_only(2, kScheme, "id,year,a\nv1,2022,50\nv1,2023,65\nv1,2024,85\nv2,2022,70\nv2,2024,30\n");
  const History h = history_of(dir, files);
  const Assessment a = load_assessment(dir.path());
  const std::string html = render_history(a, h, Format::html);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("<title>测试 村历年星级（2022—2024年）</title>") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://www.w3.org/2000/svg") != std::string::npos);  // the SVG namespace, nothing loaded
  CHECK(count(html, "src=") == 0);
  CHECK(html.find("<h2>各星级村数</h2>") != std::string::npos);
  CHECK(html.find("<h2>历年得分与星级</h2>") != std::string::npos);
  CHECK(count(html, "<svg") == 3);  // the star levels, and a chart per unit
  CHECK(count(html, "class=\"spark\"") == 2);
  // By name only: the ids are for programs.
  CHECK(html.find("村1") != std::string::npos);
  CHECK(html.find("v1") == std::string::npos);
  // Every figure of the Markdown, in the unit's rows: scores, stars, ranks, changes, the run.
  CHECK(html.find("<td class=\"n\">2024</td><td class=\"n\">85.00</td><td class=\"stars\">★★★</td><td "
                  "class=\"n\">1</td><td>晋1星</td>") != std::string::npos);
  CHECK(html.find("2年<br>2023—2024") != std::string::npos);
  CHECK(html.find("<td>未报送</td>") != std::string::npos);
  // v2's chart: two columns and the gap's words where 2023's would stand.
  const std::size_t v2 = html.find("<title>村2历年最终得分</title>");
  REQUIRE(v2 != std::string::npos);
  const std::string chart = html.substr(v2, html.find("</svg>", v2) - v2);
  CHECK(count(chart, "<rect") == 2);
  CHECK(chart.find(">未报送</text>") != std::string::npos);
  CHECK(chart.find(">0.00</text>") == std::string::npos);
}

TEST_CASE("above 200 units the HTML history charts the first and the last 100 and says so, and lists all") {
  TempDir dir;
  std::string data = "id,year,a\n";
  for (int i = 1; i <= 250; ++i) data += fmt::format("v{0},2023,{1}\nv{0},2024,{2}\n", i, i % 97, (i * 7) % 101);
  const History h = history_of(dir, villages_only(250, kScheme, data));
  const Assessment a = load_assessment(dir.path());
  const std::string html = render_history(a, h, Format::html);
  CHECK(count(html, "<td class=\"name\"") == 250);
  CHECK(count(html, "class=\"spark\"") == 200);
  CHECK(html.find("共250个村，表中全部列出；走势图只画最新年度排名前100和后100的村。") != std::string::npos);
  CHECK(count(html, "只画排名前、后100名") == 50);
  // The charted ones are the first and the last in rank order.
  const auto charted = [&](const UnitHistory& u) {
    const std::string title = fmt::format("<title>{}历年最终得分</title>", a.roster.name_of(UnitRef{h.kind, u.unit}));
    return html.find(title) != std::string::npos;
  };
  CHECK(charted(h.units[0]));
  CHECK(charted(h.units[99]));
  CHECK_FALSE(charted(h.units[100]));
  CHECK_FALSE(charted(h.units[149]));
  CHECK(charted(h.units[150]));
  CHECK(charted(h.units[249]));
}

TEST_CASE("one unit's HTML history is its years, a chart of them and its run of rises") {
  TempDir dir;
  const auto files = villages_only(2, kScheme, "id,year,a\nv1,2023,50\nv1,2024,90\nv2,2023,70\nv2,2024,30\n");
  const History h = history_of(dir, files, 0);
  const Assessment a = load_assessment(dir.path());
  const std::string html = render_history(a, h, Format::html);
  CHECK(html.find("<title>测试 村1历年星级（2023—2024年）</title>") != std::string::npos);
  CHECK(count(html, "<svg") == 1);
  CHECK(html.find("村1历年最终得分</text>") != std::string::npos);  // a chart of its own, its title drawn
  CHECK(html.find("排名为在全部2个村中的名次") != std::string::npos);
  CHECK(html.find("<p>年年攀升：最长连续1年（2024年）</p>") != std::string::npos);
  CHECK(html.find("各星级村数") == std::string::npos);
}
