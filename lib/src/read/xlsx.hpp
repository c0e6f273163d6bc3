#pragma once
// Internal: reading a sheet of an `.xlsx` workbook (spec 8) as the CSV text a spreadsheet
// would save, so that rosters, data and corrections in workbooks go through the same readers
// as CSV files. A workbook is a zip archive of XML: minizip reads its entries as streams and
// expat parses them as they come (no tree of the sheet is built); shared strings are kept
// once. Nothing in a workbook is trusted for sizes: what is read is counted as it comes, and
// a workbook past the limits below is refused, never allocated for.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "base/files.hpp"

namespace xingji::detail {

/// What a hostile workbook may cost before it is refused.
struct XlsxLimits {
  std::size_t xml_bytes = std::size_t{1} << 30;       ///< XML inflated, all entries together
  std::size_t string_bytes = std::size_t{256} << 20;  ///< shared strings kept
  std::size_t csv_bytes = std::size_t{512} << 20;     ///< the sheet's text
  /// A date cell is read as its day, 2024-03-18 (a ledger's dates, spec 6), not refused.
  bool dates = false;
};

/// A sheet as CSV text: line N is the sheet's row N (an empty row is a blank line) and field
/// K of a line is column K + 1 (A is field 0), so a place in the text is a cell of the sheet.
/// A number is its shortest text of at most 15 significant digits (Excel's precision), an
/// integer its digits; a boolean TRUE or FALSE; a formula its cached result; an error cell
/// its text (#DIV/0!). An empty string is an empty field.
struct SheetText {
  std::string sheet;  ///< the sheet's name
  std::string csv;
};

/// Reads sheet `sheet` (empty: the first) of the workbook at `path`, or of `bytes` when they
/// are given (then `path` only names it). Throws Error placed at the workbook, or at
/// FILE:SHEET!CELL for a cell: a file that is no workbook, a damaged one, a sheet that is not
/// there (naming those that are), a date where a number or text is meant, a workbook past
/// `limits`.
[[nodiscard]] SheetText read_sheet(const std::string& path, const std::string* bytes, const std::string& sheet,
                                   const XlsxLimits& limits = {});

/// Whether `path` names an old Excel workbook (`.xls`, `.et` of WPS), which is not read.
[[nodiscard]] bool old_excel(std::string_view path);
/// What to do with one: save it as .xlsx or CSV.
[[nodiscard]] std::string old_excel_message();

}  // namespace xingji::detail
