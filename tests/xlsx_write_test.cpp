// write/xlsx.cpp: tables as a workbook (xlsx_test.cpp tests the reader). The workbook is
// read back by unzipping its parts (minizip) and looking at the sheet's XML for what Excel
// reads: text cells, numbers and their formats, the frozen header and the filter.
#include <doctest/doctest.h>
#include <minizip/unzip.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "helpers.hpp"
#include "write/xlsx.hpp"
#include "xingji/output.hpp"

using namespace xingji;
using test::TempDir;

namespace {

// The part `name` of the zip file at `path`, empty when there is none.
std::string part(const std::string& path, const char* name) {
  unzFile zip = unzOpen(path.c_str());
  REQUIRE(zip != nullptr);
  std::string out;
  if (unzLocateFile(zip, name, 1) == UNZ_OK && unzOpenCurrentFile(zip) == UNZ_OK) {
    char buf[4096];
    for (int n; (n = unzReadCurrentFile(zip, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    unzCloseCurrentFile(zip);
  }
  unzClose(zip);
  return out;
}

// The opening tag of cell `ref` in a sheet's XML, empty when the cell is not there.
std::string cell(const std::string& sheet, const std::string& ref) {
  const std::size_t at = sheet.find("<c r=\"" + ref + "\"");
  if (at == std::string::npos) return "";
  return sheet.substr(at, sheet.find('>', at) - at + 1);
}

// Whether cell `ref` is a text cell holding `text`: written inline, as rows streamed to disk
// write their strings (constant-memory mode).
bool text_cell(const std::string& sheet, const std::string& ref, const std::string& text) {
  const std::size_t at = sheet.find("<c r=\"" + ref + "\"");
  if (at == std::string::npos) return false;
  const std::string whole = sheet.substr(at, sheet.find("</c>", at) - at);
  return whole.find(R"(t="inlineStr")") != std::string::npos && whole.find("<t>" + text + "</t>") != std::string::npos;
}

std::string bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A village table as the score workbook has one: rank, id, name, score, change, stars.
detail::Sheet villages() {
  TextTable t;
  t.column("排名", true);
  t.whole_column("编号");
  t.column("村");
  t.fixed(t.column("最终得分", true), 2);
  t.fixed(t.column("较上年", true), 2, true);
  t.column("星级");
  t.column("评定", true);
  t.row();
  for (const char* c : {"1", "330100000001", "塘下村", "85.50", "+1.25", "★★★★☆", "4星"}) t.cell(c);
  t.row();
  for (const char* c : {"2", "0012", "后岸村", "80.00", "-0.40", "★★★☆☆", "3星"}) t.cell(c);
  return detail::Sheet{"村", {{"", std::move(t), {}}}};
}

std::string write(const TempDir& dir, const std::string& name, const std::vector<detail::Sheet>& sheets) {
  const std::string path = dir.file(name);
  AtomicFile file(path);
  detail::write_workbook(sheets, "测试 2024年", file);
  file.commit();
  return path;
}

}  // namespace

TEST_CASE("a workbook keeps ids as text and scores as numbers shown to the precision") {
  TempDir dir;
  const std::string path = write(dir, "score.xlsx", {villages()});
  const std::string sheet = part(path, "xl/worksheets/sheet1.xml");
  const std::string styles = part(path, "xl/styles.xml");
  REQUIRE(!sheet.empty());
  // Ids are text, leading zeros and twelve digits kept; never numbers.
  CHECK(text_cell(sheet, "B2", "330100000001"));
  CHECK(text_cell(sheet, "B3", "0012"));
  // Ranks and scores are numbers; a score keeps its value and is shown with two decimals.
  CHECK(cell(sheet, "A2").find("t=") == std::string::npos);
  CHECK(cell(sheet, "D2").find("t=") == std::string::npos);
  CHECK(sheet.find("<v>85.5</v>") != std::string::npos);
  CHECK(sheet.find("<v>-0.4</v>") != std::string::npos);
  CHECK(styles.find(R"(formatCode="0.00")") != std::string::npos);
  CHECK(styles.find(R"(formatCode="+0.00;-0.00;0.00")") != std::string::npos);
  // Text in a column of numbers stays text.
  CHECK(text_cell(sheet, "G2", "4星"));
  // The header is frozen and the filter covers the table.
  CHECK(sheet.find(R"(ySplit="1")") != std::string::npos);
  CHECK(sheet.find(R"(<autoFilter ref="A1:G3"/>)") != std::string::npos);
  // The sheet is named as given, the workbook titled.
  CHECK(part(path, "xl/workbook.xml").find(R"(<sheet name="村")") != std::string::npos);
  CHECK(part(path, "docProps/core.xml").find("<dc:title>测试 2024年</dc:title>") != std::string::npos);
}

TEST_CASE("a sheet of several tables puts each under its title, neither frozen nor filtered") {
  TempDir dir;
  detail::Sheet sheet = villages();
  sheet.tables.front().title = "村：星级评定细则";
  sheet.tables.push_back(villages().tables.front());
  sheet.tables.back().title = "联盟";
  sheet.tables.back().notes = {"- 一票否决：发生严重违纪违法问题，最高1星"};
  const std::string path = write(dir, "report.xlsx", {sheet});
  const std::string xml = part(path, "xl/worksheets/sheet1.xml");
  CHECK(xml.find("ySplit") == std::string::npos);
  CHECK(xml.find("autoFilter") == std::string::npos);
  // Title, header, two rows and a blank row, then the second table's title.
  CHECK(text_cell(xml, "A6", "联盟"));
  CHECK(text_cell(xml, "A7", "排名"));
  CHECK(xml.find("最高1星") != std::string::npos);
}

TEST_CASE("the same tables give the same bytes, written at another time") {
  TempDir dir;
  const std::string first = write(dir, "a.xlsx", {villages()});
  // Past the two seconds a zip entry's time can tell apart.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  const std::string second = write(dir, "b.xlsx", {villages()});
  CHECK(bytes(first) == bytes(second));
}

TEST_CASE("sheet names keep to what Excel accepts") {
  std::vector<std::string> taken;
  CHECK(detail::sheet_name("资金分配：联盟共富资金", taken) == "资金分配：联盟共富资金");
  // Its forbidden characters become their full-width forms.
  CHECK(detail::sheet_name("a/b:c[d]*e?f\\g", taken) == "a／b：c［d］＊e？f＼g");
  // Cut to 31 characters, a Chinese character being one.
  const std::string long_heading = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三";
  const std::string cut = detail::sheet_name(long_heading, taken);
  CHECK(cut == "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");
  // Unique without regard to case, a number added within the 31.
  CHECK(detail::sheet_name(long_heading, taken) == "一二三四五六七八九十一二三四五六七八九十一二三四五六七八（2）");
  CHECK(detail::sheet_name("村", taken) == "村");
  CHECK(detail::sheet_name("村", taken) == "村（2）");
  CHECK(detail::sheet_name("村", taken) == "村（3）");
  CHECK(detail::sheet_name("Ab", taken) == "Ab");
  CHECK(detail::sheet_name("aB", taken) == "aB（2）");
  // Excel keeps History for itself; apostrophes may not start or end a name; nor may it be empty.
  CHECK(detail::sheet_name("history", taken) == "history（2）");
  CHECK(detail::sheet_name("'引'", taken) == "引");
  CHECK(detail::sheet_name("", taken) == "表");
}

TEST_CASE("columns are as wide as their text, Chinese counted twice, up to a limit") {
  CHECK(detail::column_width(4) == 6);  // 排名: two Chinese characters and padding
  CHECK(detail::column_width(200) == static_cast<double>(detail::kMaxColumnWidth));
}
