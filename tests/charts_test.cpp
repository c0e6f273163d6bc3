// Charts of the HTML report (spec 8): bars from zero, proportional, and no label clipped.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <regex>
#include <string>
#include <vector>

#include "write/charts.hpp"
#include "xingji/report.hpp"
#include "xingji/run.hpp"

using namespace xingji;

namespace {

struct Text {
  double x = 0, y = 0;
  std::string anchor, body;
  double font = 0;  // its own font-size, 0 when it has the picture's
  bool bold = false;
};
struct Rect {
  double x = 0, y = 0, width = 0, height = 0;
};

std::vector<Text> texts(const std::string& svg) {
  std::vector<Text> out;
  const std::regex re(R"re(<text x="([0-9.]+)" y="([0-9.]+)"( text-anchor="(\w+)")?([^>]*)>([^<]*)</text>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    const std::string extra = m[5].str();
    std::smatch size;
    const bool sized = std::regex_search(extra, size, std::regex(R"re(font-size="([0-9.]+)")re"));
    out.push_back(Text{std::stod(m[1]), std::stod(m[2]), m[4].matched ? m[4].str() : "start", m[6].str(),
                       sized ? std::stod(size[1]) : 0, extra.find("bold") != std::string::npos});
  }
  return out;
}

std::vector<Rect> rects(const std::string& svg) {
  std::vector<Rect> out;
  const std::regex re(R"re(<rect x="([0-9.]+)" y="([0-9.]+)" width="([0-9.]+)" height="([0-9.]+)")re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    out.push_back(Rect{std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4])});
  }
  return out;
}

// The picture's font-size, which its texts have unless they give their own.
double svg_font(const std::string& svg) {
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, std::regex(R"re(<svg [^>]*font-size="([0-9.]+)")re")));
  return std::stod(m[1]);
}

// Every text lies inside the viewBox by its estimated width (in em of its font-size, bold
// text 5 % wider).
void check_inside(const std::string& svg) {
  const auto size = detail::svg_size(svg);
  REQUIRE(size.width > 0);
  REQUIRE(size.height > 0);
  const double font = svg_font(svg);
  for (const Text& t : texts(svg)) {
    const double w = detail::text_em(t.body) * (t.font > 0 ? t.font : font) * (t.bold ? 1.05 : 1);
    const double left = t.anchor == "end" ? t.x - w : t.anchor == "middle" ? t.x - w / 2 : t.x;
    const double right = left + w;
    CHECK_MESSAGE(left >= -0.01, t.body);
    CHECK_MESSAGE(right <= size.width + 0.01, t.body);
    CHECK_MESSAGE(t.y <= size.height, t.body);
    CHECK_MESSAGE(t.y >= 10, t.body);
  }
}

}  // namespace

TEST_CASE("text widths count a Chinese or full-width character as 1 em and ASCII as 0.55") {
  CHECK(detail::text_em("") == 0);
  CHECK(detail::text_em("下姜村") == doctest::Approx(3));
  CHECK(detail::text_em("★★★☆☆") == doctest::Approx(5));
  CHECK(detail::text_em("（）") == doctest::Approx(2));
  CHECK(detail::text_em("98.25") == doctest::Approx(5 * 0.55));
  CHECK(detail::text_em("1 下姜村") == doctest::Approx(0.55 + 0.3 + 3));
}

TEST_CASE("bars start at zero, are proportional, and no label is clipped however long") {
  const std::vector<detail::Bar> bars{
      {"下姜村", 50, "50.00"},
      {"一个名字非常非常非常非常非常长的行政村（含自然村）", 100, "100.00 ★★★★★"},
      {"无", 0, "0"},
      {"负", -5, "-5"},
  };
  const std::string svg = detail::bar_chart("很长的标题：各星级数量以及别的说明文字", bars);
  check_inside(svg);
  const auto r = rects(svg);
  REQUIRE(r.size() == 2);  // no bar for 0 or below
  CHECK(r[0].x == doctest::Approx(r[1].x));
  CHECK(r[1].width == doctest::Approx(2 * r[0].width).epsilon(0.01));
  // The zero line is where the bars start.
  CHECK(svg.find(fmt::format("x1=\"{:.1f}\"", r[0].x)) != std::string::npos);
  CHECK(svg.find("<title>很长的标题") != std::string::npos);
}

TEST_CASE("charts read together share a scale") {
  const std::vector<detail::Bar> bottom{{"甲", 25, "25"}, {"乙", 50, "50"}};
  const auto own = rects(detail::bar_chart("后", bottom));
  const auto shared = rects(detail::bar_chart("后", bottom, 100));
  REQUIRE(own.size() == 2);
  REQUIRE(shared.size() == 2);
  CHECK(shared[1].width == doctest::Approx(own[1].width / 2).epsilon(0.01));
  CHECK(shared[0].width == doctest::Approx(own[0].width / 2).epsilon(0.01));
}

TEST_CASE("stacked bars add up to their totals and keep every label inside") {
  const std::vector<std::string> parts{"5星", "4星", "3星", "无星"};
  const std::vector<detail::Stack> stacks{{"平桥镇", {1, 2, 3, 0}}, {"很长很长很长很长的乡镇名", {0, 0, 12, 0}}};
  const std::string svg = detail::stack_chart("各乡镇星级构成", parts, stacks);
  check_inside(svg);
  const auto r = rects(svg);
  REQUIRE(r.size() == 4 + 3 + 1);  // the key, then the parts that are not empty
  const double first = r[4].width + r[5].width + r[6].width, second = r[7].width;
  CHECK(second == doctest::Approx(2 * first).epsilon(0.01));
  CHECK(r[4].x == doctest::Approx(r[7].x));
}

TEST_CASE("columns stand on one drawn zero line, proportional, their values above them, no label clipped") {
  const std::vector<detail::ColumnBar> columns{
      {"2022", 50, "50.0"}, {"2023", 100, "100.0"}, {"2024", -5, "-5.0"}, {"2025", 0, "一个很长的说明文字", "", true}};
  for (const bool small : {false, true}) {
    INFO("small: " << small);
    const std::string svg = detail::column_chart("很长的标题：下姜村历年最终得分及其说明", columns, 0, 0, small);
    check_inside(svg);
    const auto r = rects(svg);
    REQUIRE(r.size() == 2);  // no column for -5, none for the gap
    const double zero = r[0].y + r[0].height;
    CHECK(r[1].y + r[1].height == doctest::Approx(zero));
    CHECK(r[1].height == doctest::Approx(2 * r[0].height).epsilon(0.01));
    CHECK(r[0].width == doctest::Approx(r[1].width));
    CHECK(svg.find(fmt::format("y1=\"{0:.1f}\" x2=\"", zero)) != std::string::npos);  // the zero line
    for (const Text& t : texts(svg)) {
      if (t.body == "50.0") CHECK(t.y < r[0].y);
      if (t.body == "100.0") CHECK(t.y < r[1].y);
      if (t.body.starts_with("20")) CHECK(t.y > zero);                            // the years under the line
      if (t.body == "一个很长的说明文字" || t.body == "-5.0") CHECK(t.y < zero);  // just above it
    }
    // A small chart is for a table's cell: its title is in <title> only.
    CHECK(svg.find("<title>很长的标题") != std::string::npos);
    CHECK((svg.find(">很长的标题：下姜村历年最终得分及其说明</text>") == std::string::npos) == small);
    CHECK(svg.find(small ? "class=\"spark\"" : "class=\"chart\"") != std::string::npos);
  }
}

TEST_CASE("the charts of a table's rows share a scale and a width, whatever each one holds") {
  const std::vector<detail::ColumnBar> low{{"2023", 40, "40.0"}, {"2024", 50, "50.0"}};
  const std::vector<detail::ColumnBar> high{{"2023", 100, "100.0"}, {"2024", 0, "未报送", "", true}};
  const double slot = detail::text_em("未报送");
  const std::string a = detail::column_chart("甲", low, 100, slot, true);
  const std::string b = detail::column_chart("乙", high, 100, slot, true);
  CHECK(detail::svg_size(a).width == doctest::Approx(detail::svg_size(b).width));
  CHECK(detail::svg_size(a).height == doctest::Approx(detail::svg_size(b).height));
  const auto ra = rects(a), rb = rects(b);
  REQUIRE(ra.size() == 2);
  REQUIRE(rb.size() == 1);
  CHECK(ra[1].height == doctest::Approx(rb[0].height / 2).epsilon(0.01));
  // Its own scale: the taller of its own columns is full height.
  const auto own = rects(detail::column_chart("甲", low, 0, slot, true));
  CHECK(own[1].height == doctest::Approx(rb[0].height));
}

TEST_CASE("the ramp of star levels goes from dark to light") {
  CHECK(detail::ramp(0, 6) == "#08306b");
  CHECK(detail::ramp(5, 6) == "#c6dbef");
  CHECK(detail::ramp(0, 1) == "#08306b");
}

TEST_CASE("the HTML report holds every section of the Markdown report, charts, and no script") {
  const Run run = run_assessment("examples/tiantai", std::nullopt, true);
  const std::string md = render_report(run, Format::md);
  const std::string html = render_report(run, Format::html);
  std::size_t at = 0;
  int sections = 0;
  while ((at = md.find("\n## ", at)) != std::string::npos) {
    const std::size_t end = md.find('\n', at + 4);
    const std::string name = md.substr(at + 4, end - at - 4);
    CHECK_MESSAGE(html.find("<h2>" + name + "</h2>") != std::string::npos, name);
    ++sections;
    at = end;
  }
  CHECK(sections > 5);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("村：各星级数量") != std::string::npos);
  CHECK(html.find("联盟：各星级数量") != std::string::npos);
  CHECK(html.find("各乡镇村平均得分") != std::string::npos);
  CHECK(html.find("星级较2023年变化") != std::string::npos);
}
