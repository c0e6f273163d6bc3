#pragma once
// Internal: HTML documents people print (notices, the report, the history): one self-contained
// file, CSS inline, no scripts, laid out for the screen and for A4 paper.

#include <string>
#include <string_view>
#include <vector>

#include "write/table.hpp"

namespace xingji::detail {

/// `text` with & < > " escaped, for an element's text or an attribute's value.
[[nodiscard]] std::string html_escape(std::string_view text);
void append_html_escaped(std::string& out, std::string_view text);

/// A table as HTML: a header row, right-aligned columns of numbers, rows that never split
/// across pages. With `links`, the cell of row i in column `link_column` links to links[i].
void render_html(const TextTable& t, std::string& out, const std::vector<std::string>* links = nullptr,
                 std::size_t link_column = 0);

/// The start of a document titled `title` (escaped here), with the style sheet, up to and
/// including <body>, with `more_style` (a <style> element) after the shared one;
/// html_end() closes it.
[[nodiscard]] std::string html_begin(std::string_view title, std::string_view more_style = {});
[[nodiscard]] std::string html_end();

/// The style a document of tables and charts (the report, the history) adds to the shared
/// one, as a <style> element for html_begin: smaller tables, charts (`svg.chart`) that never
/// split across pages, `section.long` starting on a new page.
[[nodiscard]] std::string_view document_style();

}  // namespace xingji::detail
