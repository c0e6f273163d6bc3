// The quick XML scanner a workbook's parts are read with (read/xml.hpp): what it reads it
// reads as expat does, whatever pieces the bytes come in; what it does not handle, or what
// is not well-formed, it gives up on (and the part is read again by expat).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "read/xml.hpp"

using xingji::detail::ExpatXml;
using xingji::detail::QuickXml;
using xingji::detail::XmlHandler;

namespace {

class Recorder : public XmlHandler {
 public:
  std::vector<std::string> calls;
  void start(std::string_view name, const char** atts) override {
    std::string call = "<" + std::string(name);
    for (std::size_t i = 0; atts[i] != nullptr; i += 2) call += std::string(" ") + atts[i] + "=" + atts[i + 1];
    calls.push_back(call);
  }
  void end(std::string_view name) override { calls.push_back("/" + std::string(name)); }
  void text(const char* s, std::size_t n) override {
    if (calls.empty() || calls.back().front() != 'T') calls.emplace_back("T");
    calls.back().append(s, n);
  }
  void reset() override { calls.clear(); }
};

struct Outcome {
  bool finished = false;
  std::vector<std::string> calls;
};

// The scanner on `xml` fed `piece` bytes at a time.
Outcome quick(std::string_view xml, std::size_t piece = 65536) {
  Recorder r;
  QuickXml q(r);
  bool going = true;
  for (std::size_t at = 0; at < xml.size() && going; at += piece) {
    const auto part = xml.substr(at, piece);
    going = q.feed(part.data(), part.size());
  }
  return {going && q.finish(), r.calls};
}

Outcome expat(std::string_view xml) {
  Recorder r;
  ExpatXml x(r);
  x.feed(xml.data(), xml.size());
  x.finish();
  return {!x.doctype() && x.problem().empty(), r.calls};
}

const char* const kSheet =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<dimension ref=\"A1:C2\"/><sheetData>"
    "<row r=\"1\" spans=\"1:3\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" "
    "t=\"inlineStr\"><is><t>村名</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" s=\"3\"><v>330123000001</v></c><c r=\"C2\" t=\"str\"><f>A2&amp;\"x\"</f>"
    "<v>a &lt; b</v></c></row>"
    "</sheetData><pageMargins left='0.7' right=\"0.7\"/></worksheet>\n";

}  // namespace

TEST_CASE("the quick scanner reads a worksheet as expat does, in pieces of any size") {
  const Outcome e = expat(kSheet);
  REQUIRE(e.finished);
  for (const std::size_t piece :
       {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{64}, std::size_t{65536}}) {
    CAPTURE(piece);
    const Outcome q = quick(kSheet, piece);
    CHECK(q.finished);
    CHECK(q.calls == e.calls);
  }
  const Outcome q = quick(kSheet);
  CHECK(q.calls[0] ==
        "<worksheet xmlns=http://schemas.openxmlformats.org/spreadsheetml/2006/main "
        "xmlns:r=http://schemas.openxmlformats.org/officeDocument/2006/relationships");
  CHECK(std::find(q.calls.begin(), q.calls.end(), "T村名") != q.calls.end());
  CHECK(std::find(q.calls.begin(), q.calls.end(), "Ta < b") != q.calls.end());
}

TEST_CASE("the quick scanner replaces references and normalises attribute values as expat does") {
  for (const std::string_view xml : {
           std::string_view("<x:a x:v='1'>&amp;&lt;&gt;&quot;&apos;&#20013;&#x6587;&#x1F600;</x:a>"),
           std::string_view("<a b=\"x\ty\nz\" c = '&#9;&#10;' d='\"&amp;'>t\xc3\xa9\n\t</a >"),
           std::string_view("<a v=\">\" w=\"/\"/>"),
           std::string_view("<?xml version=\"1.0\" encoding=\"UTF-8\" "
                            "standalone=\"yes\"?>\r\n<a\r\nb=\"1\r\n2\r3\">x\r\ny\rz\r\r\n&#13;</a>\r\n"),
           std::string_view("<a><b/><b></b>]]x>]</a>\n\n"),
       }) {
    CAPTURE(xml);
    const Outcome e = expat(xml);
    REQUIRE(e.finished);
    const Outcome q = quick(xml, 3);
    CHECK(q.finished);
    CHECK(q.calls == e.calls);
  }
  CHECK(quick("<a b=\"x\ty\">&#9;</a>").calls == std::vector<std::string>{"<a b=x y", "T\t", "/a"});
  CHECK(quick("<x:c/>").calls == std::vector<std::string>{"<c", "/c"});  // the local name
  // Lines end in LF however they ended; in a value a line end is a space.
  CHECK(quick("<a b=\"1\r\n2\">x\r\ny\rz</a>", 4).calls == std::vector<std::string>{"<a b=1 2", "Tx\ny\nz", "/a"});
}

TEST_CASE("the quick scanner gives up on what it leaves to expat, having reported only what expat reports") {
  for (const std::string_view xml : {
           std::string_view("<a><!-- note --></a>"),
           std::string_view("<a><![CDATA[<b>]]></a>"),
           std::string_view("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>"),
           std::string_view("\xef\xbb\xbf<a/>"),
           std::string_view("\n<a/>"),
           std::string_view("<?xml version=\"1.0\"?><?mso-application progid=\"Excel.Sheet\"?><a/>"),
           std::string_view("<?xml version=\"1.0\" encoding=\"GB2312\"?><a/>"),
           std::string_view("<数据>1</数据>"),
           std::string_view("<a>1</a><!-- after -->"),
           std::string_view("<?xml version=\"1.1\"?><a/>"),
       }) {
    CAPTURE(xml);
    const Outcome q = quick(xml);
    CHECK_FALSE(q.finished);
    const Outcome e = expat(xml);
    REQUIRE(q.calls.size() <= e.calls.size());
    for (std::size_t i = 0; i < q.calls.size(); ++i) CHECK(e.calls[i].starts_with(q.calls[i]));
  }
}

TEST_CASE("the quick scanner gives up on XML that is not well-formed, which expat then refuses") {
  for (const std::string_view xml : {
           std::string_view("<a><b></a></b>"),
           std::string_view("<a x=\"1\" x=\"2\"/>"),
           std::string_view("<a x=\"1\"y=\"2\"/>"),
           std::string_view("<a x=1/>"),
           std::string_view("<a/><b/>"),
           std::string_view("<a/>junk"),
           std::string_view("<a>"),
           std::string_view(""),
           std::string_view("<a>]]></a>"),
           std::string_view("<a x=\"<\"/>"),
           std::string_view("<a>&bogus;</a>"),
           std::string_view("<a>&#0;</a>"),
           std::string_view("<a>&#xD800;</a>"),
           std::string_view("<a>&amp</a>"),
           std::string_view("<a>\x01</a>"),
           std::string_view("<a>\xed\xa0\x80</a>"),
           std::string_view("<a>\xef\xbf\xbe</a>"),
           std::string_view("<a>\xc0\xaf</a>"),
           std::string_view("<a>\xe6\x9d</a>"),
           std::string_view("<1a/>"),
           std::string_view("</a>"),
           std::string_view("<a / >"),
       }) {
    CAPTURE(xml);
    CHECK_FALSE(quick(xml).finished);
    CHECK_FALSE(expat(xml).finished);
  }
}

TEST_CASE("the quick scanner reads long text as it comes, but gives up on a long tag and deep nesting") {
  // Text is read as far as it is whole (not inside a reference, a character or "]]>").
  const std::string long_text = "<a>" + std::string(std::size_t{3} << 20, 'x') + "&amp;]]</a>";
  CHECK(quick(long_text, 65536).finished);
  CHECK(quick(long_text, 65536).calls == expat(long_text).calls);
  const std::string long_tag = "<a b=\"" + std::string(std::size_t{3} << 20, 'x') + "\"/>";
  CHECK_FALSE(quick(long_tag, 65536).finished);
  CHECK(quick(long_tag, long_tag.size()).finished);  // in one piece, nothing is kept
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<a>";
  for (int i = 0; i < 300; ++i) deep += "</a>";
  CHECK_FALSE(quick(deep).finished);
  CHECK(expat(deep).finished);
}
