#pragma once
/// A table of text cells and its three renderings: a terminal (Chinese counted two cells
/// wide), CSV (RFC 4180, quoted when needed) and Markdown.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace xingji {

/// Rows of text under a header; numeric columns are right-aligned on a terminal.
struct TextTable {
  std::vector<std::string> header;
  /// Per column: align right. Right-aligned columns hold numbers: a workbook stores their
  /// cells that read as numbers as numbers (anything else, such as 3星 or —, as text); every
  /// other column is text, so an id like 330100000001 keeps its digits.
  std::vector<bool> right;
  std::vector<bool> whole;  ///< per column: never wrapped to fit a terminal (numbers, ids, stars)
  /// Per column, when a terminal too narrow leaves it out: 0 never; 1 first and silently (an
  /// id beside its name, see spare_column); 2 and up after that, in that order, with a note
  /// under the table naming it (see optional_column).
  std::vector<int> drop;
  /// Per column of numbers, for a workbook: the decimals its numbers show (a score's
  /// precision), or -1 for as written.
  std::vector<int> decimals;
  /// Per column of numbers: they are changes, shown with a + above zero (较上年).
  std::vector<bool> change;
  std::vector<std::vector<std::string>> rows;
  /// Rows made on demand instead of kept in `rows`, for a workbook of a national table:
  /// `lazy_row(i, into)` appends row i (0 <= i < lazy_rows) to the scratch table `into`.
  std::size_t lazy_rows = 0;
  std::function<void(std::size_t, TextTable&)> lazy_row;

  /// Adds a column; returns its index. Right-aligned columns are numbers: never wrapped.
  std::size_t column(std::string title, bool align_right = false);
  /// Adds a left-aligned column whose cells are never wrapped (ids, stars, values with units).
  std::size_t whole_column(std::string title);
  /// Marks a column a terminal too narrow may leave out: the ids beside the names people read.
  void spare_column(std::size_t c) { drop[c] = 1; }
  /// Marks a column a terminal too narrow may leave out once the ids are gone and the columns
  /// close up: the lowest `order` (1, 2, ...) first. The table then says what it left out.
  void optional_column(std::size_t c, int order) { drop[c] = 1 + order; }
  /// Marks a column of numbers as shown to `places` decimals (scores: the precision), and as
  /// changes when `signed_change`; returns it.
  std::size_t fixed(std::size_t c, int places, bool signed_change = false) {
    decimals[c] = places;
    change[c] = signed_change;
    return c;
  }
  /// Starts a new row; cells are appended with `cell`.
  void row() { rows.emplace_back(); }
  void cell(std::string text) { rows.back().push_back(std::move(text)); }
  void cell(std::string_view text) { rows.back().emplace_back(text); }
  void cell(const char* text) { rows.back().emplace_back(text); }
};

/// Aligned columns separated by two spaces, a rule under the header. `width` (0: no limit)
/// is the terminal's: a table wider than that first loses its columns without data, then
/// its text columns are wrapped, the widest first, down to 8 cells each (their headers too),
/// then headers of the other columns down to their data; then it leaves out its spare
/// columns (ids beside names), then separates columns by one space, then leaves out its
/// optional columns one order at a time, naming them in a line under the table; a table that
/// still does not fit is printed that narrow. A table that fits is the one printed without a limit.
void render_text(const TextTable& t, std::string& out, std::size_t width = 0);
/// A text as an Excel formula giving it (`="330123000000"`): a CSV field Excel opens as that
/// text, where it would turn a long code into a number and drop its digits.
[[nodiscard]] std::string excel_text(std::string_view text);
/// RFC 4180 CSV with CRLF-free "\n" line ends; fields are quoted when they need it.
void render_csv(const TextTable& t, std::string& out);
/// A GitHub-flavoured Markdown table; `|` in cells is escaped.
void render_markdown(const TextTable& t, std::string& out);

/// One CSV field, quoted when it holds a comma, quote, newline or leading/trailing space.
[[nodiscard]] std::string csv_field(std::string_view text);
/// The same appended to `out` (no allocation of its own, for large outputs).
void append_csv_field(std::string& out, std::string_view text);
/// Whether a CSV field of `text` needs quotes.
[[nodiscard]] bool csv_needs_quotes(std::string_view text);
/// The most bytes a CSV field of `text` takes: every quote doubled, and two around it.
[[nodiscard]] constexpr std::size_t csv_field_room(std::string_view text) { return 2 * text.size() + 2; }
/// The field written at `out`, which has room for `csv_field_room(text)` bytes; returns its end.
char* write_csv_field(char* out, std::string_view text);
/// A JSON string literal with the escapes JSON requires.
[[nodiscard]] std::string json_string(std::string_view text);
/// A JSON list of string literals, `["a", "b"]`.
[[nodiscard]] std::string json_list(const std::vector<std::string>& texts);

}  // namespace xingji
