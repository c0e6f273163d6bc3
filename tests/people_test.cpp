// People kinds, linked leaves and ledger items (spec 6), through a whole run.
#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <string>

#include "base/parallel.hpp"
#include "helpers.hpp"
#include "xingji/explain.hpp"
#include "xingji/ledger.hpp"
#include "xingji/manifest.hpp"
#include "xingji/run.hpp"

using xingji::test::TempDir;

namespace {

// Three villages (v3 in no alliance, v2 vetoed), one alliance, and cadres p1..p4: p4 has no
// village. The cadre scheme links the village's stars (steps) and the alliance's total
// (against full marks), takes a ledger leaf, a deduct leaf and a ledger bonus.
std::map<std::string, std::string> people_files(const std::string& ledger, const std::string& missing = "zero") {
  return {
      {"xingji.yaml",
       "name: 测试\nvillages: villages.yaml\nalliances: alliances.yaml\n"
       "schemes: {village: sv.yaml, alliance: sa.yaml}\n"
       "people: {cadre: {name: 村干部, roster: cadres.csv, scheme: sc.yaml}}\n"
       "data: [data.csv]\nledgers: [ledger.csv]\n"},
      {"villages.yaml",
       "- {id: v1, name: 甲村, alliance: a1}\n- {id: v2, name: 乙村, alliance: a1}\n- {id: v3, name: 丙村}\n"},
      {"alliances.yaml", "- {id: a1, name: 联盟一}\n"},
      {"sv.yaml",
       "total: 100\nindicators:\n  - {id: x, weight: 100}\nveto:\n  - {id: bad, max_stars: 1}\n"
       "stars: [{stars: 5, min: 90}, {stars: 3, min: 70}, {stars: 1, min: 0}]\n"},
      {"sa.yaml", "total: 100\nindicators:\n  - {id: y, weight: 100}\n"},
      {"sc.yaml",
       "total: 100\nmissing: " + missing +
           "\nindicators:\n"
           "  - {id: vs, weight: 20, link: {of: village, value: stars}, scoring: {method: steps, steps: [{min: 5, "
           "points: 20}, {min: 3, points: 12}, {min: 1, points: 4}]}}\n"
           "  - {id: at, weight: 20, link: {of: alliance}}\n"
           "  - {id: service, weight: 30, ledger: {per: 2, caps: {month: 4, quarter: 10, year: 20}}}\n"
           "  - {id: conduct, weight: 30, ledger: {per: 5, deduct: true}}\n"
           "adjustments:\n  - {id: honor, kind: bonus, cap: 5, ledger: {per: 1, caps: {quarter: 3}}}\n"},
      {"cadres.csv", "id,name,village,role\np1,张一,v1,书记\np2,李二,v2,主任\np3,王三,v3,书记\np4,赵四,,委员\n"},
      {"data.csv", "id,year,x,y,bad\nv1,2024,95,,\nv2,2024,92,,是\nv3,2024,75,,\na1,2024,,80,\n"},
      {"ledger.csv", ledger},
  };
}

const xingji::UnitScore& cadre(const xingji::Run& run, int p) {
  return run.eval.kinds[2].units[static_cast<std::size_t>(p)];
}

double value(const xingji::Run& run, int p, const char* item) {
  const auto& s = run.assessment.kinds[2].scheme.value();
  return xingji::rated_values(run.data, run.eval, xingji::UnitKind{2})
      .at(static_cast<std::size_t>(p), static_cast<std::size_t>(s.find_item(item)));
}

}  // namespace

TEST_CASE("a linked leaf takes its village's stars after a veto, and its alliance's total") {
  TempDir dir;
  const auto run = xingji::test::run_files(dir, people_files("id,date,item\n"));
  // v1 95 -> 5 stars; v2 92 but vetoed -> 1 star; v3 75 -> 3 stars, no alliance.
  CHECK(value(run, 0, "vs") == 5);
  CHECK(value(run, 1, "vs") == 1);
  CHECK(value(run, 2, "vs") == 3);
  CHECK(value(run, 0, "at") == 80);
  CHECK(value(run, 1, "at") == 80);
  // A person in a village outside any alliance, and one without a village: missing links.
  CHECK(std::isnan(value(run, 2, "at")));
  CHECK(std::isnan(value(run, 3, "vs")));
  CHECK(std::isnan(value(run, 3, "at")));
  // Points: steps on stars, alliance total / 100 of 20; no events: ledger 0, deduct full.
  CHECK(cadre(run, 0).own == doctest::Approx(20 + 16 + 0 + 30));
  CHECK(cadre(run, 1).own == doctest::Approx(4 + 16 + 0 + 30));
  CHECK(cadre(run, 2).own == doctest::Approx(12 + 0 + 0 + 30));  // missing: zero
  CHECK(cadre(run, 2).missing);
  CHECK_FALSE(cadre(run, 2).not_submitted);  // links and ledgers are not data a unit sends
}

TEST_CASE("a missing link under missing: mean takes the mean achievement of the people with one") {
  TempDir dir;
  const auto run = xingji::test::run_files(dir, people_files("id,date,item\n", "mean"));
  // p1, p2 have at = 80 (achievement 0.8): p3 and p4 get 0.8 of 20.
  CHECK(cadre(run, 2).own == doctest::Approx(12 + 16 + 30));
  CHECK(cadre(run, 3).own == doctest::Approx((20 + 4 + 12) / 3.0 + 16 + 30));
}

TEST_CASE("ledger caps apply to month, quarter and year sums, whatever the order of events") {
  // p1's service at per 2, month cap 4, quarter cap 10, year cap 20: Jan 6 -> 4, Feb 4, Mar 2
  // (Q1 10), Apr 8 -> 4, May 4, Jun 4 (Q2 12 -> 10), Jul 10 -> 4: year 24 -> 20.
  const std::string events =
      "2024-01-05,service,1\n2024-01-31,service,2\n2024-02-01,service,2\n2024-03-31,service,1\n"
      "2024-04-01,service,4\n2024-05-10,service,2\n2024-06-30,service,2\n2024-07-01,service,5\n";
  std::string forward = "id,date,item,count\n", backward = forward;
  std::vector<std::string> lines;
  for (std::size_t at = 0, next; at < events.size(); at = next + 1) {
    next = events.find('\n', at);
    lines.push_back("p1," + events.substr(at, next - at) + "\n");
  }
  for (const auto& l : lines) forward += l;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) backward += *it;
  TempDir a, b;
  const auto one = xingji::test::run_files(a, people_files(forward));
  const auto two = xingji::test::run_files(b, people_files(backward));
  CHECK(value(one, 0, "service") == 20);
  CHECK(value(two, 0, "service") == 20);
  CHECK(cadre(one, 0).own == cadre(two, 0).own);
}

TEST_CASE("counts finer than a thousandth and sums past two million counts add up exactly") {
  // Sums are first kept in thousandths in 32 bits: a count of 0.0005 (p1) and three million
  // events in one month (p2) do not fit, and the ledger is read again in 1e-9 counts.
  TempDir dir;
  const auto run = xingji::test::run_files(
      dir, people_files("id,date,item,count\np1,2024-03-01,service,0.0005\np1,2024-03-02,service,0.25\n"
                        "p2,2024-01-05,service,1000000\np2,2024-01-06,service,1000000\np2,2024-01-07,service,1000000\n"
                        "p3,2024-02-01,service,1.5\n"));
  CHECK(value(run, 0, "service") == doctest::Approx(0.501));  // (0.0005 + 0.25) x 2
  CHECK(value(run, 1, "service") == 4);                       // the month cap
  CHECK(value(run, 2, "service") == 3);
  // Thousandths alone stay narrow, with the same values.
  TempDir other;
  const auto plain = xingji::test::run_files(other, people_files("id,date,item,count\np3,2024-02-01,service,1.5\n"));
  CHECK(value(plain, 2, "service") == 3);
}

TEST_CASE("events adding up past what a sum can hold are an error, not a sum that wraps around") {
  // 9,300 rows of a million events each for p1 in one month: 9.3e9 counts, past 64 bits of
  // 1e-9 counts.
  std::string ledger = "id,date,item,count\n";
  for (int i = 0; i < 9300; ++i) ledger += "p1,2024-01-05,service,1000000\n";
  TempDir dir;
  try {
    (void)xingji::test::run_files(dir, people_files(ledger));
    FAIL("no error");
  } catch (const xingji::Error& e) {
    const std::string what = e.what();
    CAPTURE(what);
    CHECK(what.find("ledger.csv: error: the events of 村干部 'p1' for 'service' add up to more than 9,223,372,036 in "
                    "one period of 2024") != std::string::npos);
  }
}

TEST_CASE("a deduct leaf is floored at zero, and a ledger bonus keeps its adjustment's cap") {
  TempDir dir;
  // conduct per 5 of weight 30: 7 events take 35 -> 0 points. honor per 1, quarter cap 3:
  // Q1 5 -> 3, Q2 2, Q3 1: 6, then the adjustment's cap 5.
  const auto run =
      xingji::test::run_files(dir, people_files("id,date,item,count\np2,2024-03-01,conduct,7\np2,2024-01-02,honor,5\n"
                                                "p2,2024-04-02,honor,2\np2,2024-09-30,honor,1\n"));
  CHECK(value(run, 1, "conduct") == 35);
  CHECK(value(run, 1, "honor") == 6);
  CHECK(cadre(run, 1).base == doctest::Approx(4 + 16 + 0 + 0));
  CHECK(cadre(run, 1).bonus == doctest::Approx(5));
}

TEST_CASE("a year of events without data is not rated, and an event of another year counts nowhere") {
  TempDir dir;
  const auto run = xingji::test::run_files(dir, people_files("id,date,item\np1,2023-06-01,service\n"));
  CHECK(run.eval.year == 2024);
  CHECK(value(run, 0, "service") == 0);
}

TEST_CASE("a large ledger read on two cores adds up as on one, also when a quoted note spans the cut") {
  // Over 1 MiB of events for p1..p4 with counts 1..5. In `spanning`, the note of the event in
  // the middle is quoted over thousands of lines, so that the line break the halves are cut
  // at is inside it; in `gb18030` the notes are in GB18030 (服务, as Excel in China saves
  // them), which the halves, read as UTF-8, find only once they have passed on events. Either
  // way the halves are given up and every event is counted once, not twice.
  enum Variant { plain, spanning, gb18030 };
  for (const Variant variant : {plain, spanning, gb18030}) {
    CAPTURE(variant);
    std::string half;
    long long sum = 0;
    int events = 0;
    for (int i = 0; i < 16000; ++i) {
      const int count = 1 + i % 5;
      half += "p" + std::to_string(1 + i % 4) + ",2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) +
              ",service," + std::to_string(count) +
              (variant == gb18030 && i > 12000 ? ",\xB7\xFE\xCE\xF1\n" : ",volunteer\n");
      sum += 2 * count;
      events += 2;
    }
    std::string middle = "p1,2024-05-05,service,1,\"";
    for (int i = 0; i < 4000; ++i) middle += "line " + std::to_string(i) + (variant == spanning ? "\n" : ";");
    middle += "\"\n";
    const std::string ledger = "id,date,item,count,note\n" + half + middle + half;
    REQUIRE(ledger.size() > (std::size_t{1} << 20));
    TempDir dir;
    dir.write(people_files(ledger));
    const auto a = xingji::load_assessment(dir.file("xingji.yaml"));
    std::atomic<long long> nanos{0};
    std::atomic<int> seen{0};
    int started_over = 0;
    xingji::read_ledger_batches(
        a,
        [&](std::span<const xingji::LedgerRow> rows) {
          for (const auto& r : rows) {
            nanos += std::llround(r.count * 1e9);
            ++seen;
          }
        },
        [&] {
          ++started_over;
          nanos = 0;
          seen = 0;
        });
    CHECK(seen == events + 1);
    CHECK(nanos == (sum + 1) * 1000000000LL);
    // On one core (XINGJI_THREADS=1) the file is never cut, so never started over.
    CHECK(started_over == (variant != plain && xingji::detail::two_cores() ? 1 : 0));
    // Read an event at a time, the same.
    long long one = 0;
    xingji::read_ledgers(a, [&](const xingji::LedgerRow& r) { one += std::llround(r.count * 1e9); });
    CHECK(one == (sum + 1) * 1000000000LL);
  }
}

TEST_CASE("ledger dates are days of the calendar") {
  CHECK(xingji::parse_date("2024-02-29").has_value());
  CHECK_FALSE(xingji::parse_date("2023-02-29").has_value());
  CHECK(xingji::parse_date("2024/3/8")->str() == "2024-03-08");
  // The usual ten characters, taken at once when the day is at most 28, else checked as any.
  CHECK(xingji::parse_date("2024-12-28")->str() == "2024-12-28");
  CHECK(xingji::parse_date("2024-04-30")->str() == "2024-04-30");
  for (const char* bad : {"2024-13-01", "2024-00-10", "2024-01-00", "0999-01-01", "2024-1a-01", "2024-04-31",
                          "2024-02-30", "2024-01-2/", "2024-01-2:"})
    CHECK_FALSE(xingji::parse_date(bad).has_value());
  CHECK_FALSE(xingji::parse_date("2024-3/8").has_value());
  CHECK_FALSE(xingji::parse_date("24-03-08").has_value());
  CHECK_FALSE(xingji::parse_date("2024-13-01").has_value());
  CHECK_FALSE(xingji::parse_date("2024-03-08x").has_value());
}

TEST_CASE("explain names a linked unit and lists a ledger item's events by month with what the caps took") {
  TempDir dir;
  const auto run = xingji::test::run_files(
      dir, people_files("id,date,item,count,note\np1,2024-03-18,service,3,代办\np1,2024-03-02,service,,走访\n"));
  const auto e = xingji::explain(run, "p1");
  const auto& s = run.assessment.kinds[2].scheme.value();
  std::string vs, service;
  for (const auto& x : e.nodes) {
    for (const auto& d : x.detail)
      (x.node == s.find_node("vs") ? vs : x.node == s.find_node("service") ? service : vs) += d + "\n";
  }
  CHECK(vs.find("所在村：甲村") != std::string::npos);
  CHECK(service == "3月：03-02（走访），03-18×3（代办），计8分；月上限4分，核减4分\n全年计4分\n");
}

TEST_CASE("a name shared by a village and a cadre is found among the units of the kind asked for") {
  TempDir dir;
  auto files = people_files("id,date,item\n");
  files["cadres.csv"] = "id,name,village,role\np1,甲村,v1,书记\np2,李二,v2,主任\n";  // p1 named like v1
  dir.write(files);
  const xingji::Assessment a = xingji::load_assessment(dir.path());
  CHECK_THROWS_WITH_AS((void)xingji::find_unit(a, "甲村"), doctest::Contains("is the name of 2 units (v1, p1)"),
                       xingji::Error);
  const auto cadre_ref = xingji::find_unit(a, "甲村", xingji::UnitKind{2});
  CHECK(cadre_ref->kind == xingji::UnitKind{2});
  CHECK(cadre_ref->index == 0);
  CHECK(xingji::find_unit(a, "甲村", xingji::UnitKind::village)->kind == xingji::UnitKind::village);
  // An id is an id whatever the kind asked for; the caller says it is of another kind.
  CHECK(xingji::find_unit(a, "p2", xingji::UnitKind::village)->kind == xingji::UnitKind{2});
  CHECK_THROWS_AS((void)xingji::find_unit(a, "李二", xingji::UnitKind::village), xingji::Error);
}
