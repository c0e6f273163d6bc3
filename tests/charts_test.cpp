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
  bool title = false;
};
struct Rect {
  double x = 0, y = 0, width = 0, height = 0;
};

std::vector<Text> texts(const std::string& svg) {
  std::vector<Text> out;
  const std::regex re(R"re(<text x="([0-9.]+)" y="([0-9.]+)"( text-anchor="(\w+)")?([^>]*)>([^<]*)</text>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    out.push_back(Text{std::stod(m[1]), std::stod(m[2]), m[4].matched ? m[4].str() : "start", m[6].str(),
                       m[5].str().find("font-size=\"14\"") != std::string::npos});
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

// Every text lies inside the viewBox by its estimated width (13 px a em, 14 for the title).
void check_inside(const std::string& svg) {
  const auto size = detail::svg_size(svg);
  REQUIRE(size.width > 0);
  REQUIRE(size.height > 0);
  for (const Text& t : texts(svg)) {
    const double w = detail::text_em(t.body) * (t.title ? 14 * 1.05 : 13);
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
