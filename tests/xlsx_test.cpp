// Reading .xlsx workbooks (spec 8): each sheet read as the CSV text a spreadsheet would save,
// with places as cells. The workbooks here are written part by part with minizip, so each
// test says exactly what the XML holds.
#include <doctest/doctest.h>
#include <minizip/zip.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "helpers.hpp"
#include "read/xlsx.hpp"
#include "xingji/data.hpp"
#include "xingji/error.hpp"
#include "xingji/manifest.hpp"
#include "xingji/output.hpp"
#include "xingji/template.hpp"

using namespace xingji;
using test::TempDir;

namespace {

const char* const kNs = R"( xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")"
                        R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";

// Writes a zip archive of `parts` (name to content) at `path`.
void write_zip(const std::string& path, const std::map<std::string, std::string>& parts) {
  zipFile z = zipOpen64(path.c_str(), 0);
  REQUIRE(z != nullptr);
  for (const auto& [name, text] : parts) {
    zip_fileinfo info{};
    REQUIRE(zipOpenNewFileInZip(z, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 6) == ZIP_OK);
    REQUIRE(zipWriteInFileInZip(z, text.data(), static_cast<unsigned>(text.size())) == ZIP_OK);
    REQUIRE(zipCloseFileInZip(z) == ZIP_OK);
  }
  REQUIRE(zipClose(z, nullptr) == ZIP_OK);
}

// The parts of a workbook whose sheets are (name, sheetData XML); shared strings and the
// cell styles' number formats (numFmtId per style) as given.
std::map<std::string, std::string> workbook(const std::vector<std::pair<std::string, std::string>>& sheets,
                                            const std::vector<std::string>& strings = {},
                                            const std::vector<int>& formats = {},
                                            const std::string& custom_formats = "") {
  std::map<std::string, std::string> parts;
  std::string book = std::string("<workbook") + kNs + "><sheets>";
  std::string rels = R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    book += "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
            "Target=\"worksheets/sheet" +
            n + ".xml\"/>";
    parts["xl/worksheets/sheet" + n + ".xml"] =
        std::string("<worksheet") + kNs + "><sheetData>" + sheets[i].second + "</sheetData></worksheet>";
  }
  book += "</sheets></workbook>";
  rels +=
      R"(<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)";
  rels +=
      R"(<Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)";
  rels += "</Relationships>";
  parts["xl/workbook.xml"] = book;
  parts["xl/_rels/workbook.xml.rels"] = rels;
  std::string sst = std::string("<sst") + kNs + ">";
  for (const auto& s : strings) sst += s.starts_with("<") ? "<si>" + s + "</si>" : "<si><t>" + s + "</t></si>";
  parts["xl/sharedStrings.xml"] = sst + "</sst>";
  std::string styles = std::string("<styleSheet") + kNs + ">";
  if (!custom_formats.empty()) styles += "<numFmts>" + custom_formats + "</numFmts>";
  styles += "<cellXfs><xf numFmtId=\"0\"/>";
  for (const int f : formats) styles += "<xf numFmtId=\"" + std::to_string(f) + "\"/>";
  parts["xl/styles.xml"] = styles + "</cellXfs></styleSheet>";
  return parts;
}

// The CSV text of sheet `sheet` of a workbook made of `parts`, or the error message.
std::string sheet_text(const std::map<std::string, std::string>& parts, const std::string& sheet = "") {
  TempDir dir;
  write_zip(dir.file("b.xlsx"), parts);
  // Read from memory under the name b.xlsx, so that messages name the same place in every test.
  std::ifstream in(dir.file("b.xlsx"), std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const std::string b = bytes.str();
  try {
    return detail::read_sheet("b.xlsx", &b, sheet).csv;
  } catch (const Error& e) {
    return std::string("error: ") + e.what();
  }
}

}  // namespace

TEST_CASE("a sheet reads as the CSV a spreadsheet saves: shared and inline strings, numbers, booleans, formulas") {
  const auto parts = workbook(
      {{"2024",
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>是否</t></is></c></row>)"
        R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>12.5</v></c><c r="C2" t="b"><v>1</v></c></row>)"
        R"(<row r="3"><c r="A3"><v>330123000000</v></c><c r="B3"><f>B2*2</f><v>25</v></c><c r="C3" t="b"><v>0</v></c></row>)"
        R"(<row r="4"><c r="A4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="B4" t="e"><v>#DIV/0!</v></c></row>)"}},
      {"id", "value", "甲,\"乙\""});
  CHECK(sheet_text(parts) ==
        "id,value,是否\n"
        "\"甲,\"\"乙\"\"\",12.5,TRUE\n"
        "330123000000,25,FALSE\n"
        "ab,#DIV/0!,\n");
}

TEST_CASE("numbers read as a wide General column shows them: digits, at most 15 significant, never E notation") {
  const auto parts =
      workbook({{"S", R"(<row r="1"><c r="A1"><v>0.30000000000000004</v></c><c r="B1"><v>1.5E-7</v></c>)"
                      R"(<c r="C1"><v>3.30123E+11</v></c><c r="D1"><v>-0</v></c><c r="E1"><v>-2.50</v></c></row>)"}});
  CHECK(sheet_text(parts) == "0.3,0.00000015,330123000000,0,-2.5\n");
  // Numbers the sheet already writes as shown are taken as they are; the rest are made so.
  const auto plain = workbook({{"S", R"(<row r="1"><c r="A1"><v>12.5</v></c><c r="B1"><v>2024</v></c>)"
                                     R"(<c r="C1"><v>-0.001</v></c><c r="D1"><v>100</v></c><c r="E1"><v>10.0</v></c>)"
                                     R"(<c r="F1"><v>007</v></c><c r="G1"><v>123456789012345</v></c>)"
                                     R"(<c r="H1"><v>1234567890.1234567</v></c><c r="I1"><v>0.000</v></c></row>)"}});
  CHECK(sheet_text(plain) == "12.5,2024,-0.001,100,10,7,123456789012345,1234567890.12346,0\n");
}

TEST_CASE("a percent format reads as the percentage a CSV shows; a date is refused at its cell") {
  const auto parts = workbook(
      {{"S", R"(<row r="1"><c r="A1" s="1"><v>0.985</v></c><c r="B1" s="2"><v>0.5</v></c></row>)"
             R"(<row r="3"><c r="C3" s="3"><v>45306</v></c><c r="D3" s="4"><v>45306.5</v></c></row>)"}},
      {}, {10, 164, 14, 165},
      R"(<numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>)");
  const std::string e = sheet_text(parts);
  CHECK(e.find("b.xlsx:S!C3: error: this cell holds a date (2024-01-15)") != std::string::npos);
  CHECK(e.find("b.xlsx:S!D3: error: this cell holds a date (2024-01-15)") != std::string::npos);
  const auto plain =
      workbook({{"S", R"(<row r="1"><c r="A1" s="1"><v>0.985</v></c><c r="B1" s="2"><v>0.5</v></c></row>)"}}, {},
               {10, 164}, R"(<numFmt numFmtId="164" formatCode="0.0%"/>)");
  CHECK(sheet_text(plain) == "98.5%,50%\n");
  // Quoted text and [colours] are no date tokens; "General" is none either.
  const auto text_formats = workbook(
      {{"S", R"(<row r="1"><c r="A1" s="1"><v>7</v></c><c r="B1" s="2"><v>8</v></c></row>)"}}, {}, {164, 165},
      R"(<numFmt numFmtId="164" formatCode="0&quot; days&quot;"/><numFmt numFmtId="165" formatCode="[Red]General"/>)");
  CHECK(sheet_text(text_formats) == "7,8\n");
}

TEST_CASE("empty rows are blank lines and missing cells empty fields, so a place in the text is a cell") {
  const auto parts = workbook(
      {{"S",
        R"(<row r="2"><c r="B2" t="inlineStr"><is><t>id</t></is></c><c r="D2" t="inlineStr"><is><t>x</t></is></c></row>)"
        R"(<row r="5"><c r="B5" t="inlineStr"><is><t>v1</t></is></c></row>)"
        R"(<row r="6"><c r="A6"/><c r="B6" t="s"><v>0</v></c></row>)"}},
      {""});
  // Row 5 is as wide as the header (the first row with a value); an empty string is nothing,
  // so row 6 is not there.
  CHECK(sheet_text(parts) == "\n,id,,x\n\n\n,v1,,\n");
}

TEST_CASE("rich text and phonetic guides: a string is its runs, without the guides") {
  const auto parts =
      workbook({{"S", R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)"}},
               {"<r><t>塘下</t></r><r><rPr><b/></rPr><t>村</t></r><rPh sb=\"0\" eb=\"1\"><t>とう</t></rPh>"});
  CHECK(sheet_text(parts) == "塘下村\n");
}

TEST_CASE("a sheet is chosen by name after '#', else the first shown; a missing one names those there") {
  const auto parts = workbook({{"说明", R"(<row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row>)"},
                               {"2024", R"(<row r="1"><c r="A1" t="inlineStr"><is><t>数据</t></is></c></row>)"}});
  CHECK(sheet_text(parts) == "说明\n");
  CHECK(sheet_text(parts, "2024") == "数据\n");
  CHECK(sheet_text(parts, "2023").find("the workbook has no sheet '2023' (its sheets: 说明, 2024)") !=
        std::string::npos);
}

TEST_CASE("damaged and hostile workbooks are refused with what is wrong, never read as something else") {
  TempDir dir;
  dir.write("not.xlsx", "id,year\nv1,2024\n");
  try {
    (void)detail::read_sheet(dir.file("not.xlsx"), nullptr, "");
    FAIL("a CSV file named .xlsx was read");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("is not an .xlsx workbook (it is no zip archive)") != std::string::npos);
  }
  // An XML bomb: a document type with entities is refused before anything is expanded.
  auto bomb = workbook({{"S", R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)"}});
  bomb["xl/sharedStrings.xml"] =
      R"(<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>)"
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>)";
  CHECK(sheet_text(bomb).find("declares a document type, which Excel never writes") != std::string::npos);
  // Cells out of order, past the last column, a string that is not there, XML cut short.
  CHECK(sheet_text(workbook({{"S", R"(<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>)"}}))
            .find("b.xlsx:S!A1: error: the worksheet is damaged (cell A1 comes after a cell below or right of it)") !=
        std::string::npos);
  CHECK(sheet_text(workbook({{"S", R"(<row r="1"><c r="XFE1"><v>1</v></c></row>)"}})).find("past column XFD") !=
        std::string::npos);
  CHECK(sheet_text(workbook({{"S", R"(<row r="1"><c r="A1" t="s"><v>7</v></c></row>)"}}))
            .find("shared string 7, which is not there") != std::string::npos);
  auto cut = workbook({{"S", R"(<row r="1"><c r="A1"><v>1</v></c></row>)"}});
  cut["xl/worksheets/sheet1.xml"].resize(cut["xl/worksheets/sheet1.xml"].size() - 10);
  CHECK(sheet_text(cut).find("is not well-formed XML") != std::string::npos);
}

TEST_CASE("a workbook past the limits is refused, whatever its parts claim") {
  std::string row = R"(<row r="1">)";
  for (int c = 1; c <= 200; ++c) row += "<c r=\"" + detail::cell_name(1, c) + "\"><v>1234567890</v></c>";
  row += "</row>";
  TempDir dir;
  write_zip(dir.file("b.xlsx"), workbook({{"S", row}}));
  detail::XlsxLimits small;
  small.csv_bytes = 1000;
  try {
    (void)detail::read_sheet(dir.file("b.xlsx"), nullptr, "", small);
    FAIL("a sheet past the text limit was read");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("the worksheet holds more than") != std::string::npos);
  }
  small = detail::XlsxLimits{};
  small.xml_bytes = 1000;
  try {
    (void)detail::read_sheet(dir.file("b.xlsx"), nullptr, "", small);
    FAIL("a workbook past the XML limit was read");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("unpacks to more than") != std::string::npos);
  }
}

TEST_CASE("a workbook in memory reads as the same file on disk") {
  TempDir dir;
  write_zip(dir.file("b.xlsx"), workbook({{"S", R"(<row r="1"><c r="A1"><v>1</v></c></row>)"}}));
  std::ifstream in(dir.file("b.xlsx"), std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const std::string b = bytes.str();
  CHECK(detail::read_sheet("mem.xlsx", &b, "").csv == "1\n");
  const std::string truncated = b.substr(0, b.size() / 2);
  CHECK_THROWS_AS((void)detail::read_sheet("mem.xlsx", &truncated, ""), Error);
}

TEST_CASE("a place in a workbook is FILE:SHEET!CELL") {
  CHECK(Location{"data/平桥镇.xlsx#2024", 7, 4}.str() == "data/平桥镇.xlsx:2024!D7");
  CHECK(Location{"a.xlsx#S", 1, 28}.str() == "a.xlsx:S!AB1");
  CHECK(Location{"a.xlsx#S", 0, 0}.str() == "a.xlsx:S");
  CHECK(Location{"a.csv", 3, 5}.str() == "a.csv:3:5");
  CHECK(detail::cell_name(1, 16384) == "XFD1");
  CHECK(detail::split_sheet("data/a.XLSX#2024年") == std::pair<std::string, std::string>{"data/a.XLSX", "2024年"});
  CHECK(detail::split_sheet("data/a#b.csv").second.empty());
}

TEST_CASE("a template workbook reads back as the template's CSV, sheet 填表说明 second") {
  const Assessment a = load_assessment("examples/kangding");
  TemplateOptions o;
  o.year = 2024;
  for (const int quarter : {0, 2}) {
    o.quarter = quarter;
    const auto files = template_files(a, o);
    REQUIRE(files.size() == 1);
    std::ostringstream csv;
    write_template_csv(a, o, files.front(), csv);
    TempDir dir;
    AtomicFile out(dir.file("t.xlsx"));
    write_template_xlsx(a, o, files.front(), out);
    out.commit();
    const auto sheet = detail::read_sheet(dir.file("t.xlsx"), nullptr, "");
    CHECK(sheet.sheet == (quarter == 0 ? "2024年" : "2024Q2"));
    CHECK("\xEF\xBB\xBF" + sheet.csv == csv.str());
    const auto rules = detail::read_sheet(dir.file("t.xlsx"), nullptr, "填表说明");
    CHECK(rules.csv.find(quarter == 0 ? "规范化建设等级,standard,,等级：优秀=1" : "阵地建设,site,%,线性：50%得0分") !=
          std::string::npos);
  }
  // Grouped by township: a file each, in roster order, every unit in one.
  o.quarter = 0;
  o.by = "township";
  const auto groups = template_files(a, o);
  REQUIRE(groups.size() == 5);
  CHECK(groups.front().group == "炉城镇");
  std::size_t units = 0;
  for (const auto& g : groups) units += g.units.size();
  CHECK(units == a.roster.villages.size());
}

TEST_CASE("a part the quick scanner gives up on is read by expat from its start: the same text, nothing twice") {
  const std::string rows =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>甲</t></is></c></row>)"
      R"(<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2.5</v></c></row>)";
  const std::string plain = sheet_text(workbook({{"S", rows}}, {"id"}));
  CHECK(plain == "id,甲\n1,2.5\n");
  // A comment at the end, CDATA in a cell, carriage returns: what expat alone reads.
  CHECK(sheet_text(workbook({{"S", rows + "<!-- saved by a tool -->"}}, {"id"})) == plain);
  CHECK(
      sheet_text(workbook(
          {{"S",
            R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t><![CDATA[甲]]></t></is></c></row>)"
            "\r\n"
            R"(<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2.5</v></c></row>)"}},
          {"<t>id</t><!-- -->"})) == plain);
  // A date found by the quick scanner before it gives up is reported once, by expat's reading.
  const std::string dated =
      sheet_text(workbook({{"S", R"(<row r="1"><c r="A1" s="1"><v>45000</v></c></row><!-- -->)"}}, {}, {14}));
  CHECK(dated.find("2023-03-15") != std::string::npos);
  CHECK(dated.find("2023-03-15") == dated.rfind("2023-03-15"));
}
