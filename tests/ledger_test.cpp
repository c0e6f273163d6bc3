#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "xingji/ledger.hpp"
#include "xingji/manifest.hpp"

using namespace xingji;
using test::TempDir;

namespace {

// An assessment of villages v1..vN rated only by ledgers: `scheme` is the scheme's body and
// `ledger` the rows of its ledger file under its header.
std::map<std::string, std::string> ledger_files(int n, const std::string& scheme, const std::string& ledger) {
  std::string roster;
  for (int i = 1; i <= n; ++i) {
    roster += "- {id: v" + std::to_string(i) + ", name: 村" + std::to_string(i) +
              ", township: " + (i % 2 == 1 ? "甲镇" : "乙镇") + "}\n";
  }
  return {{"xingji.yaml",
           "name: 测试\nvillages: villages.yaml\nschemes: {village: scheme.yaml}\ndata: data.csv\n"
           "ledgers: [ledger.csv]\n"},
          {"villages.yaml", roster},
          {"scheme.yaml", scheme},
          {"data.csv", "id\n"},
          {"ledger.csv", "id,date,item,count,note\n" + ledger}};
}

// One ledger leaf `s` worth 100 with these caps (month, quarter, year), one point an event.
std::string one_leaf(const std::string& caps) {
  return "indicators:\n  - {id: s, name: 服务, weight: 100, ledger: {per: 1, caps: {" + caps + "}}}\n";
}

Assessment load(const TempDir& dir, const std::map<std::string, std::string>& files) {
  dir.write(files);
  return load_assessment(dir.path());
}

std::optional<Date> day(const char* text) { return parse_date(text); }

// A unit's line of the standings, by its roster index.
const LedgerStanding& line_of(const LedgerStandings& st, int unit) {
  for (const LedgerStanding& l : st.units) {
    if (l.unit == unit) return l;
  }
  FAIL("no such unit in the standings");
  return st.units.front();
}

double points_of(const Assessment& a, const char* until, int unit = 0) {
  return line_of(ledger_standings(a, UnitKind::village, day(until)), unit).points.front();
}

}  // namespace

TEST_CASE("standings in the middle of a month count its events so far against the month's whole cap") {
  TempDir dir;
  const Assessment a = load(dir, ledger_files(1, one_leaf("month: 4"),
                                              "v1,2024-03-02,s,1,\n"
                                              "v1,2024-03-10,s,2,\n"
                                              "v1,2024-03-20,s,3,\n"));
  CHECK(points_of(a, "2024-03-01") == 0);
  CHECK(points_of(a, "2024-03-05") == 1);
  // 1 + 2 on the 12th: the month is not over, yet its cap is 4 whole, not 12/31 of it.
  CHECK(points_of(a, "2024-03-12") == 3);
  CHECK(points_of(a, "2024-03-20") == 4);
  CHECK(points_of(a, "2024-03-31") == 4);
}

TEST_CASE("the caps of a month, a quarter and a year end on their last day") {
  TempDir dir;
  // Month cap 4, quarter cap 6, year cap 12; one point an event.
  const Assessment a = load(dir, ledger_files(1, one_leaf("month: 4, quarter: 6, year: 12"),
                                              "v1,2023-12-31,s,5,last year\n"
                                              "v1,2024-01-31,s,5,\n"
                                              "v1,2024-02-01,s,4,\n"
                                              "v1,2024-03-31,s,3,\n"
                                              "v1,2024-04-01,s,5,\n"
                                              "v1,2024-06-30,s,1,\n"
                                              "v1,2024-07-01,s,1,\n"
                                              "v1,2024-12-31,s,3,\n"));
  // The year before counts only in its own year.
  CHECK(points_of(a, "2023-12-31") == 4);
  CHECK(points_of(a, "2024-01-01") == 0);
  CHECK(points_of(a, "2024-01-31") == 4);  // 5, month cap 4
  CHECK(points_of(a, "2024-02-01") == 6);  // 4 + 4, quarter cap 6
  CHECK(points_of(a, "2024-03-31") == 6);
  CHECK(points_of(a, "2024-04-01") == 10);  // a new month and quarter: 6 + 4
  CHECK(points_of(a, "2024-06-30") == 11);
  CHECK(points_of(a, "2024-07-01") == 12);
  CHECK(points_of(a, "2024-12-30") == 12);
  // 6 + 5 + 1 + 3 = 15 over the year, year cap 12.
  CHECK(points_of(a, "2024-12-31") == 12);
  // Without --until: the day of the last event.
  const LedgerStandings st = ledger_standings(a, UnitKind::village);
  CHECK(st.until.str() == "2024-12-31");
  CHECK(st.units.front().points.front() == 12);

  SUBCASE("each cap's cut falls on the events that went over it, in date order") {
    const LedgerAccount acc = ledger_account(a, UnitRef{UnitKind::village, 0}, day("2024-12-31"));
    REQUIRE(acc.entries.size() == 7);
    struct Want {
      const char* date;
      double points, month, quarter, year, kept;
    };
    const Want want[] = {{"2024-01-31", 5, 1, 0, 0, 4}, {"2024-02-01", 4, 0, 2, 0, 2}, {"2024-03-31", 3, 0, 3, 0, 0},
                         {"2024-04-01", 5, 1, 0, 0, 4}, {"2024-06-30", 1, 0, 0, 0, 1}, {"2024-07-01", 1, 0, 0, 0, 1},
                         {"2024-12-31", 3, 0, 0, 3, 0}};
    double kept = 0;
    for (std::size_t k = 0; k < acc.entries.size(); ++k) {
      const LedgerEntry& e = acc.entries[k];
      INFO(e.event.date.str());
      CHECK(e.event.date.str() == want[k].date);
      CHECK(e.points == want[k].points);
      CHECK(e.month_cut == want[k].month);
      CHECK(e.quarter_cut == want[k].quarter);
      CHECK(e.year_cut == want[k].year);
      CHECK(e.item_cut == 0);
      CHECK(e.kept == want[k].kept);
      CHECK(e.points - e.month_cut - e.quarter_cut - e.year_cut - e.item_cut == e.kept);
      kept += e.kept;
    }
    CHECK(kept == 12);
    REQUIRE(acc.items.size() == 1);
    CHECK(acc.items.front().points == 12);
    CHECK(acc.items.front().trace.year == 15);
    CHECK(acc.shown.str() == "12.00");
    CHECK(acc.rank == 1);
    CHECK(acc.units == 1);
  }
}

TEST_CASE("events in any order give the same standings") {
  const std::string scheme =
      "indicators:\n"
      "  - {id: s, name: 服务, weight: 20, ledger: {per: 2, caps: {month: 4, year: 20}}}\n"
      "  - {id: p, name: 承诺, weight: 8, ledger: {per: 2, caps: {quarter: 4}}}\n";
  std::vector<std::string> rows = {"v1,2024-01-18,s,2,\n", "v1,2024-02-20,s,,\n",  "v1,2024-03-30,s,,\n",
                                   "v1,2024-03-31,s,2,\n", "v1,2024-04-01,s,,\n",  "v1,2024-05-20,s,2,\n",
                                   "v1,2024-07-11,s,,\n",  "v1,2024-08-20,s,2,\n", "v1,2024-10-20,s,,\n",
                                   "v2,2024-02-01,p,3,\n", "v2,2024-03-01,p,,\n",  "v2,2024-05-01,p,1,\n",
                                   "v1,2024-06-01,p,1,\n", "v2,2024-03-31,s,3,\n"};
  auto standings = [&](const std::vector<std::string>& order) {
    TempDir dir;
    std::string ledger;
    for (const auto& r : order) ledger += r;
    return ledger_standings(load(dir, ledger_files(2, scheme, ledger)), UnitKind::village, day("2024-12-31"));
  };
  const LedgerStandings in_order = standings(rows);
  // c0201's 为民服务积分 of the Yancheng example: 26 points, 2 over March's cap, 4 over the year's.
  CHECK(line_of(in_order, 0).points == std::vector<double>{20, 2});
  CHECK(line_of(in_order, 1).points == std::vector<double>{4, 6});
  std::vector<std::string> reversed(rows.rbegin(), rows.rend());
  std::vector<std::string> shuffled;
  for (std::size_t k = 0; k < rows.size(); ++k) shuffled.push_back(rows[(k * 5) % rows.size()]);
  for (const auto& order : {reversed, shuffled}) {
    const LedgerStandings other = standings(order);
    REQUIRE(other.units.size() == in_order.units.size());
    for (std::size_t k = 0; k < other.units.size(); ++k) {
      CHECK(other.units[k].unit == in_order.units[k].unit);
      CHECK(other.units[k].points == in_order.units[k].points);
      CHECK(other.units[k].shown == in_order.units[k].shown);
      CHECK(other.units[k].rank == in_order.units[k].rank);
    }
  }
}

TEST_CASE("a cap can take every point of an event, or of an item") {
  TempDir dir;
  const Assessment a =
      load(dir, ledger_files(1,
                             "indicators:\n  - {id: s, name: 服务, weight: 10, ledger: {per: 2, caps: {month: 4}}}\n"
                             "adjustments:\n  - {id: h, name: 表扬, kind: bonus, cap: 0, ledger: {per: 1}}\n",
                             "v1,2024-05-02,s,2,\n"
                             "v1,2024-05-03,s,1,over the month's cap\n"
                             "v1,2024-05-04,h,3,\n"));
  const LedgerStandings st = ledger_standings(a, UnitKind::village);
  CHECK(st.units.front().points == std::vector<double>{4, 0});
  const LedgerAccount acc = ledger_account(a, UnitRef{UnitKind::village, 0});
  REQUIRE(acc.entries.size() == 3);
  CHECK(acc.entries[1].points == 2);
  CHECK(acc.entries[1].month_cut == 2);
  CHECK(acc.entries[1].kept == 0);
  // An adjustment's cap of 0 takes all: the item's own cap, after the ledger's.
  CHECK(acc.entries[2].points == 3);
  CHECK(acc.entries[2].item_cut == 3);
  CHECK(acc.entries[2].kept == 0);
  CHECK(acc.total == 4);
}

TEST_CASE("deduct leaves and deductions count against the total") {
  TempDir dir;
  const Assessment a = load(dir, ledger_files(2,
                                              "indicators:\n"
                                              "  - {id: s, name: 服务, weight: 10, ledger: {per: 2}}\n"
                                              "  - {id: d, name: 党费, weight: 15, ledger: {per: 5, deduct: true}}\n"
                                              "adjustments:\n"
                                              "  - {id: b, name: 表扬, kind: bonus, cap: 5, ledger: {per: 1}}\n"
                                              "  - {id: c, name: 批评, kind: deduction, cap: 3, ledger: {per: 2}}\n",
                                              "v1,2024-01-05,s,3,\n"
                                              "v1,2024-02-05,d,4,\n"
                                              "v1,2024-03-05,b,2,\n"
                                              "v1,2024-04-05,c,2,\n"
                                              "v2,2024-04-05,s,1,\n"));
  const LedgerStandings st = ledger_standings(a, UnitKind::village);
  // The leaf's weight caps its deduction (扣完为止), the deduction's cap its own.
  CHECK(line_of(st, 0).points == std::vector<double>{6, -15, 2, -3});
  CHECK(line_of(st, 0).total == -10);
  CHECK(line_of(st, 0).shown.str() == "-10.00");
  CHECK(line_of(st, 1).points == std::vector<double>{2, 0, 0, 0});
  CHECK(st.units.front().unit == 1);  // 2 above -10
  const LedgerAccount acc = ledger_account(a, UnitRef{UnitKind::village, 0});
  REQUIRE(acc.entries.size() == 4);
  CHECK(acc.entries[1].points == -20);
  CHECK(acc.entries[1].item_cut == -5);
  CHECK(acc.entries[1].kept == -15);
  CHECK(acc.entries[3].points == -4);
  CHECK(acc.entries[3].item_cut == -1);
  CHECK(acc.entries[3].kept == -3);
  CHECK(acc.rank == 2);
}

TEST_CASE("equal totals share a rank, the next rank skips, and ties are listed by id") {
  TempDir dir;
  const Assessment a = load(dir, ledger_files(5, one_leaf("year: 100"),
                                              "v3,2024-01-05,s,10,\n"
                                              "v2,2024-01-05,s,12,\n"
                                              "v1,2024-01-05,s,10,\n"
                                              "v4,2024-01-05,s,5,\n"));
  const LedgerStandings st = ledger_standings(a, UnitKind::village);
  std::vector<std::pair<int, int>> got;  // unit, rank
  for (const LedgerStanding& l : st.units) got.emplace_back(l.unit, l.rank);
  // v5 has no event: 0 points, last.
  CHECK(got == std::vector<std::pair<int, int>>{{1, 1}, {0, 2}, {2, 2}, {3, 4}, {4, 5}});
  CHECK(line_of(st, 4).total == 0);
}

TEST_CASE("a kind without ledger items and a kind without events are errors") {
  TempDir dir;
  const Assessment a = load(dir, ledger_files(1, one_leaf("month: 4"), ""));
  CHECK_THROWS_WITH_AS((void)ledger_standings(a, UnitKind::village), doctest::Contains("no event"), Error);
  CHECK(ledger_standings(a, UnitKind::village, day("2024-06-30")).units.front().total == 0);
  TempDir plain;
  auto files = ledger_files(1, "indicators: [{id: a, weight: 100}]\n", "");
  files["data.csv"] = "id,a\nv1,1\n";
  const Assessment b = load(plain, files);
  CHECK_THROWS_WITH_AS((void)ledger_standings(b, UnitKind::village, day("2024-06-30")),
                       doctest::Contains("no item of this scheme takes a ledger"), Error);
}

TEST_CASE("the standings by a roster field rank within each group, in every format") {
  TempDir dir;
  const Assessment a = load(dir, ledger_files(4, one_leaf("year: 100"),
                                              "v1,2024-01-05,s,3,\n"
                                              "v2,2024-01-05,s,4,\n"
                                              "v3,2024-01-05,s,5,\n"
                                              "v4,2024-01-05,s,4,\n"));
  const LedgerStandings st = ledger_standings(a, UnitKind::village, day("2024-06-30"));
  CHECK(render_ledger(a, st, "", Format::json) ==
        "{\"until\": \"2024-06-30\", \"units\": [\n"
        "  {\"id\": \"v3\", \"name\": \"村3\", \"points\": {\"s\": 5.00}, \"total\": 5.00, \"rank\": 1},\n"
        "  {\"id\": \"v2\", \"name\": \"村2\", \"points\": {\"s\": 4.00}, \"total\": 4.00, \"rank\": 2},\n"
        "  {\"id\": \"v4\", \"name\": \"村4\", \"points\": {\"s\": 4.00}, \"total\": 4.00, \"rank\": 2},\n"
        "  {\"id\": \"v1\", \"name\": \"村1\", \"points\": {\"s\": 3.00}, \"total\": 3.00, \"rank\": 4}\n"
        "]}\n");
  // 甲镇: v1, v3; 乙镇: v2, v4 (tied), in the order the roster first names them.
  CHECK(render_ledger(a, st, "township", Format::csv) ==
        "rank,id,name,township,s,total\n"
        "1,v3,村3,甲镇,5.00,5.00\n"
        "2,v1,村1,甲镇,3.00,3.00\n"
        "1,v2,村2,乙镇,4.00,4.00\n"
        "1,v4,村4,乙镇,4.00,4.00\n");
  CHECK_THROWS_WITH_AS((void)render_ledger(a, st, "role", Format::csv), doctest::Contains("--by takes a roster field"),
                       Error);
}

TEST_CASE("the events of many units read in one pass are each unit's, as unit_events gives them") {
  const std::string scheme =
      "indicators:\n"
      "  - {id: s, name: 服务, weight: 20, ledger: {per: 2, caps: {month: 4}}}\n"
      "  - {id: p, name: 承诺, weight: 8, ledger: {per: 2}}\n";
  // v2's events out of date order, two on one day (kept in file order), one of 2023.
  const std::string ledger =
      "v2,2024-03-01,p,,二\nv1,2024-01-18,s,2,\nv2,2024-02-01,p,3,一\nv2,2023-12-30,s,,\nv3,2024-05-01,s,,\n"
      "v2,2024-03-01,s,,三\n";
  TempDir dir;
  const Assessment a = load(dir, ledger_files(4, scheme, ledger));
  const UnitRef v1{UnitKind::village, 0}, v2{UnitKind::village, 1}, v3{UnitKind::village, 2}, v4{UnitKind::village, 3};
  const std::vector<UnitRef> asked = {v2, v1, v4, v2};  // v3 not asked, v2 twice
  for (const std::optional<int> year : {std::optional<int>{}, std::optional<int>{2024}}) {
    CAPTURE(year.value_or(0));
    const UnitEvents events(a, asked, year);
    for (const UnitRef& u : {v1, v2, v4}) {
      const std::vector<LedgerEvent> one = unit_events(a, u, year);
      const std::vector<LedgerEvent>& many = events.of(u);
      REQUIRE(many.size() == one.size());
      for (std::size_t k = 0; k < one.size(); ++k) {
        CHECK(many[k].unit.index == u.index);
        CHECK(many[k].item == one[k].item);
        CHECK(many[k].date == one[k].date);
        CHECK(many[k].count == one[k].count);
        CHECK(many[k].note == one[k].note);
        CHECK(many[k].where.line == one[k].where.line);
      }
    }
    CHECK(events.of(v3).empty());  // has an event, but was not asked for
    CHECK(events.of(v4).empty());  // asked for, has none
  }
  const std::vector<LedgerEvent> v2_all = unit_events(a, v2);
  REQUIRE(v2_all.size() == 4);
  CHECK(v2_all[0].date == Date{2023, 12, 30});
  CHECK(v2_all[1].note == "一");
  CHECK(v2_all[2].note == "二");  // same day as 三, earlier in the file
  CHECK(v2_all[3].note == "三");
  CHECK(unit_events(a, v2, 2024).size() == 3);
  CHECK(unit_events(a, v1).size() == 1);
}

TEST_CASE("ledger events dated after today are warned about at their rows, ten at most and then a count") {
  std::string ledger = "v1,2024-03-01,s,,\nv1,2024-12-31,s,,\n";
  for (int i = 1; i <= 12; ++i) ledger += "v2,2042-0" + std::to_string(i % 9 + 1) + "-01,s,,\n";
  TempDir dir;
  const Assessment a = load(dir, ledger_files(2, one_leaf("month: 3"), ledger));
  const std::vector<Diagnostic> w = future_events(a, Date{2024, 12, 31});
  REQUIRE(w.size() == 11);
  CHECK(w.front().where.line == 4);  // the first event after the last day: header, two rows
  CHECK(w.front().severity == Severity::warning);
  CHECK(w.front().message.find("dated 2042-02-01, after today") != std::string::npos);
  CHECK(w[9].where.line == 13);
  CHECK(w.back().message == "and 2 more events dated after today");
  CHECK(future_events(a, Date{2042, 12, 31}).empty());
  CHECK(future_events(a, Date{2042, 8, 31}).size() == 1);  // only 2042-09-01 is after it
}

TEST_CASE("a second ledger file with bad rows reports them, not an internal error") {
  TempDir dir;
  auto files = ledger_files(2, one_leaf("month: 3"), "v1,2024-03-01,bad,,\n");
  files["xingji.yaml"] =
      "name: 测试\nvillages: villages.yaml\nschemes: {village: scheme.yaml}\ndata: data.csv\n"
      "ledgers: [ledger.csv, more.csv]\n";
  files["more.csv"] = "id,date,item\nv2,2024-04-01,worse\n";
  const Assessment a = load(dir, files);
  try {
    read_ledgers(a, [](const LedgerRow&) {});
    FAIL("bad rows were read");
  } catch (const Error& e) {
    const std::string m = e.what();
    CHECK(m.find("ledger.csv:2:") != std::string::npos);
    CHECK(m.find("more.csv:2:") != std::string::npos);
    CHECK(m.find("'worse'") != std::string::npos);
    CHECK(m.find("internal error") == std::string::npos);
  }
}
