// Notices (考评结果告知单, spec 8) and the HTML they are written in.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "write/html.hpp"
#include "xingji/explain.hpp"
#include "xingji/run.hpp"

using namespace xingji;

TEST_CASE("HTML text is escaped, and a table's numbers are right-aligned") {
  CHECK(detail::html_escape("a<b & \"c\">") == "a&lt;b &amp; &quot;c&quot;&gt;");
  TextTable t;
  t.column("村");
  t.column("得分", true);
  t.row();
  t.cell("下<姜>村");
  t.cell("9.5");
  std::string out;
  const std::vector<std::string> links{"x&y.html"};
  detail::render_html(t, out, &links, 0);
  CHECK(out ==
        "<table>\n<thead><tr><th>村</th><th class=\"n\">得分</th></tr></thead>\n<tbody>\n"
        "<tr><td><a href=\"x&amp;y.html\">下&lt;姜&gt;村</a></td><td class=\"n\">9.5</td></tr>\n</tbody>\n</table>\n");
}

TEST_CASE("a notice names items, adjustments and vetoes, never their ids, and says the unit's result") {
  const Run run = run_assessment("examples/chunan", std::nullopt, false);
  const Explanation e = explain(run, "下姜村");
  std::ostringstream md;
  render_notices(run, {e}, Format::md, md);
  const std::string text = md.str();
  CHECK(text.starts_with("# 考评结果告知单\n"));
  CHECK(text.find("| 村 | 下姜村 |") != std::string::npos);
  CHECK(text.find("| 排名 | 第1名（共11个） |") != std::string::npos);
  CHECK(text.find("省级以上荣誉") != std::string::npos);
  for (const char* id : {"xiajiang", "honor", "violation", "major_incident", "team ", "secretary"}) {
    CAPTURE(id);
    CHECK(text.find(id) == std::string::npos);
  }
  // The same explanation by `explain` keeps the ids.
  CHECK(render_explanation(run, e, Format::md).find("honor 省级以上荣誉") != std::string::npos);

  std::ostringstream html;
  render_notices(run, {e, explain(run, "pingkeng")}, Format::html, html);
  const std::string page = html.str();
  CHECK(page.starts_with("<!DOCTYPE html>"));
  CHECK(page.find("@page { size: A4;") != std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
  std::size_t pages = 0;
  for (auto at = page.find("<div class=\"page notice\">"); at != std::string::npos;
       at = page.find("<div class=\"page notice\">", at + 1)) {
    ++pages;
  }
  CHECK(pages == 2);
}
