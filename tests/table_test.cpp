#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "base/text.hpp"
#include "write/table.hpp"

using namespace xingji;

namespace {

std::string text_of(const TextTable& t, std::size_t width) {
  std::string out;
  render_text(t, out, width);
  return out;
}

// A score table in small: rank, id, name, a score, stars, and two lists (one empty).
TextTable villages() {
  TextTable t;
  t.column("排名", true);
  t.whole_column("编号");
  t.column("村");
  t.column("本村得分", true);
  t.whole_column("星级");
  t.column("否决");
  t.column("缺项");
  t.row();
  for (const char* c : {"1", "tangxia", "塘下村", "103.93", "★★★★☆", "", "集体收入增幅、群众满意度"}) t.cell(c);
  t.row();
  for (const char* c : {"12", "zhangjia", "张家桐村", "50.05", "★☆☆☆☆", "", ""}) t.cell(c);
  return t;
}

std::size_t widest_line(const std::string& text) {
  std::istringstream in(text);
  std::size_t widest = 0;
  for (std::string line; std::getline(in, line);) widest = std::max(widest, display_width(line));
  return widest;
}

}  // namespace

TEST_CASE("without a width, or within one, a table is printed in full as it always was") {
  const std::string full =
      "排名  编号      村        本村得分  星级   否决  缺项\n"
      "----  --------  --------  --------  -----  ----  ------------------------\n"
      "   1  tangxia   塘下村      103.93  ★★★★☆        集体收入增幅、群众满意度\n"
      "  12  zhangjia  张家桐村     50.05  ★☆☆☆☆\n";
  CHECK(text_of(villages(), 0) == full);
  CHECK(widest_line(full) == 73);
  // Exactly as wide as the terminal still fits: nothing is dropped or wrapped.
  CHECK(text_of(villages(), 73) == full);
  CHECK(text_of(villages(), 200) == full);
}

TEST_CASE("a table too wide first loses the columns without data, header and all") {
  const std::string out = text_of(villages(), 70);
  CHECK(out ==
        "排名  编号      村        本村得分  星级   缺项\n"
        "----  --------  --------  --------  -----  ------------------------\n"
        "   1  tangxia   塘下村      103.93  ★★★★☆  集体收入增幅、群众满意度\n"
        "  12  zhangjia  张家桐村     50.05  ★☆☆☆☆\n");
  CHECK(out.find("否决") == std::string::npos);
}

TEST_CASE("then long text wraps within its column at a 、 while numbers, ids and stars stay whole") {
  const std::string out = text_of(villages(), 60);
  CHECK(out ==
        "排名  编号      村        本村得分  星级   缺项\n"
        "----  --------  --------  --------  -----  --------------\n"
        "   1  tangxia   塘下村      103.93  ★★★★☆  集体收入增幅、\n"
        "                                           群众满意度\n"
        "  12  zhangjia  张家桐村     50.05  ★☆☆☆☆\n");
  CHECK(widest_line(out) <= 60);
}

TEST_CASE("the widest text column wraps first, each down to eight cells") {
  TextTable t;
  t.column("名称");
  t.column("说明");
  t.row();
  t.cell("平桥红色联盟");          // 12 cells
  t.cell("封顶50%，保底20000元");  // 20 cells
  // 34 cells; 30 takes 4 from the wider 说明 alone, which then breaks after its ，.
  CHECK(text_of(t, 30) ==
        "名称          说明\n"
        "------------  -----------\n"
        "平桥红色联盟  封顶50%，\n"
        "              保底20000元\n");
  // Far too narrow: both columns at eight cells, one space apart, as narrow as the table can
  // be; the ， that would start a line takes the character before it along.
  CHECK(text_of(t, 10) ==
        "名称     说明\n"
        "-------- --------\n"
        "平桥红色 封顶50\n"
        "联盟     %，保底2\n"
        "         0000元\n");
}

TEST_CASE("a table that cannot fit is as narrow as it can be, never cutting numbers or ids") {
  const std::string out = text_of(villages(), 20);
  CHECK(out.find("tangxia") != std::string::npos);
  CHECK(out.find("zhangjia") != std::string::npos);
  CHECK(out.find("103.93") != std::string::npos);
  CHECK(out.find("★★★★☆") != std::string::npos);
  // Headers wider than their numbers wrap last: 本村得分 over 103.93 takes two lines; the
  // columns close up to one space.
  CHECK(out ==
        "排名 编号     村         本村 星级  缺项\n"
        "                         得分\n"
        "---- -------- -------- ------ ----- --------\n"
        "   1 tangxia  塘下村   103.93 ★★★★☆ 集体收入\n"
        "                                    增幅、\n"
        "                                    群众满意\n"
        "                                    度\n"
        "  12 zhangjia 张家桐村  50.05 ★☆☆☆☆\n");
}

TEST_CASE("a table too wide leaves out its spare columns (ids beside names) before closing up, and only then") {
  TextTable t;
  t.spare_column(t.whole_column("编号"));
  t.column("村");
  t.column("得分", true);
  t.row();
  t.cell("tangxia");
  t.cell("塘下村");
  t.cell("103.93");
  const std::string full = "编号     村        得分\n-------  ------  ------\ntangxia  塘下村  103.93\n";
  CHECK(text_of(t, 0) == full);   // no limit
  CHECK(text_of(t, 23) == full);  // fits: the id stays
  CHECK(text_of(t, 16) == "村        得分\n------  ------\n塘下村  103.93\n");
  CHECK(text_of(t, 13) == "村       得分\n------ ------\n塘下村 103.93\n");
}

TEST_CASE("a table without rows keeps its header at any width") {
  TextTable t;
  t.column("排名", true);
  t.column("否决");
  CHECK(text_of(t, 5) == "排名 否决\n---- ----\n");
}

TEST_CASE("still too wide, a table leaves out its optional columns in their order and says which") {
  TextTable t;
  t.column("村");
  t.optional_column(t.column("乡镇"), 1);
  t.optional_column(t.column("定级依据"), 2);
  t.optional_column(t.column("空列"), 1);  // no data: left out first, and not named
  t.column("得分", true);
  t.row();
  for (const char* c : {"塘下村", "平桥镇", "必备条件", "", "103.93"}) t.cell(c);
  // The note under the table, its lines joined (a break takes the space it is at).
  auto note = [](const std::string& text) {
    const auto at = text.find("（");
    std::string joined;
    for (const char c : text.substr(at == std::string::npos ? text.size() : at)) {
      if (c != '\n' && c != ' ') joined += c;
    }
    return joined;
  };
  // Fits closed up to one space: nothing left out.
  CHECK(text_of(t, 30) ==
        "村     乡镇   定级依据   得分\n------ ------ -------- ------\n塘下村 平桥镇 必备条件 103.93\n");
  // The first order goes, and the note says so, wrapped to the width.
  const std::string narrower = text_of(t, 24);
  CHECK(narrower.starts_with("村     定级依据   得分\n------ -------- ------\n塘下村 必备条件 103.93\n"));
  CHECK(note(narrower) == "（窗口太窄，未显示：乡镇；加宽窗口或用--formatcsv可看全部）");
  CHECK(widest_line(narrower) <= 24);
  // Then the next; what is never optional stays however narrow.
  const std::string narrowest = text_of(t, 14);
  CHECK(narrowest.starts_with("村       得分\n------ ------\n塘下村 103.93\n"));
  CHECK(note(narrowest) == "（窗口太窄，未显示：乡镇、定级依据；加宽窗口或用--formatcsv可看全部）");
  CHECK(widest_line(narrowest) <= 14);
  // Without a limit every column with data is there and nothing is said.
  CHECK(note(text_of(t, 0)).empty());
  CHECK(text_of(t, 0).find("乡镇") != std::string::npos);
}

TEST_CASE("--excel writes a text as the formula Excel shows as that text, quoted for CSV") {
  CHECK(excel_text("330123000000") == "=\"330123000000\"");
  CHECK(excel_text("a\"b") == "=\"a\"\"b\"");
  TextTable t;
  t.column("id");
  t.row();
  t.cell(excel_text("0012"));
  std::string out;
  render_csv(t, out);
  CHECK(out == "id\n\"=\"\"0012\"\"\"\n");
}
