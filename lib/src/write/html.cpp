#include "write/html.hpp"

#include <fmt/format.h>

#include <iterator>

namespace xingji::detail {

void append_html_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

std::string html_escape(std::string_view text) {
  std::string out;
  append_html_escaped(out, text);
  return out;
}

void render_html(const TextTable& t, std::string& out, const std::vector<std::string>* links, std::size_t link_column) {
  const auto cell = [&](const char* tag, std::size_t c, std::string_view text, const std::string* link) {
    const bool right = c < t.right.size() && t.right[c];
    fmt::format_to(std::back_inserter(out), "<{}{}>", tag, right ? " class=\"n\"" : "");
    if (link != nullptr) {
      out += "<a href=\"";
      append_html_escaped(out, *link);
      out += "\">";
    }
    append_html_escaped(out, text);
    if (link != nullptr) out += "</a>";
    fmt::format_to(std::back_inserter(out), "</{}>", tag);
  };
  out += "<table>\n<thead><tr>";
  for (std::size_t c = 0; c < t.header.size(); ++c) cell("th", c, t.header[c], nullptr);
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool linked = links != nullptr && c == link_column && r < links->size();
      cell("td", c, row[c], linked ? &(*links)[r] : nullptr);
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

namespace {

// Chinese fonts first by the names Debian's fonts-noto-cjk and Windows give them; on paper,
// A4 with its margins; a page per `.page`; rows and short blocks never cut across pages.
constexpr const char* kStyle = R"(<style>
@page { size: A4; margin: 14mm 14mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  font-size: 11pt; line-height: 1.5; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 210mm; padding: 12mm 16mm; }
h1 { font-size: 20pt; text-align: center; letter-spacing: 0.3em; margin: 0 0 2mm; }
h1.index { font-size: 15pt; letter-spacing: 0; }
h2 { font-size: 13pt; margin: 5mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #333;
  break-after: avoid; }
p.sub { text-align: center; margin: 0 0 5mm; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
th, td { border: 0.75pt solid #555; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: #e8e8e8; font-weight: bold; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr, li, .keep { break-inside: avoid; }
thead { display: table-header-group; }
ul { margin: 1mm 0; padding-left: 6mm; }
table.facts th { width: 16%; }
table.facts td { width: 34%; }
.stars { letter-spacing: 0.05em; white-space: nowrap; }
.sign { margin-top: 10mm; text-align: right; line-height: 2.2; }
.page + .page { break-before: page; }
ul.cols { columns: 2; column-gap: 8mm; }
.notice { font-size: 9pt; line-height: 1.3; }
.notice h1 { font-size: 17pt; }
.notice p.sub { margin-bottom: 3mm; }
.notice h2 { font-size: 10.5pt; margin: 2.5mm 0 1mm; }
.notice p { margin: 1mm 0; }
.notice th, .notice td { padding: 0.2mm 1.5mm; }
.notice td:first-child { white-space: nowrap; }
.notice .sign { margin-top: 4mm; line-height: 1.5; }
.sign span { margin-left: 24mm; }
ul.details { margin: 0; padding-left: 4mm; font-size: 0.92em; list-style: circle; }
ul:not(.cols) > li > ul.details { columns: 2; column-gap: 6mm; }
@media screen { .page + .page { border-top: 1pt dashed #999; margin-top: 12mm; padding-top: 12mm; } }
@media print { body { padding: 0; max-width: none; } }
</style>
)";

// What a document of tables and charts (the report, the history) adds: tables a little
// smaller whose cells break between words only (a name is never cut into single
// characters), charts that never split, long tables on a page of their own.
constexpr const char* kDocumentStyle = R"(<style>
table { font-size: 9.5pt; }
th, td { padding: 0.8mm 1.5mm; word-break: keep-all; overflow-wrap: break-word; }
figure { margin: 3mm 0; break-inside: avoid; }
svg.chart { display: block; max-width: 100%; height: auto; }
section.long { break-before: page; }
h3 { font-size: 11.5pt; margin: 3mm 0 1mm; break-after: avoid; }
code { font-family: inherit; background: #f0f0f0; padding: 0 0.5mm; }
</style>
)";

}  // namespace

std::string_view document_style() { return kDocumentStyle; }

std::string html_begin(std::string_view title, std::string_view more_style) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  append_html_escaped(out, title);
  out += "</title>\n";
  out += kStyle;
  out += more_style;
  out += "</head>\n<body>\n";
  return out;
}

std::string html_end() { return "</body>\n</html>\n"; }

}  // namespace xingji::detail
