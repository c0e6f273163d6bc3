#pragma once
// Internal: tables as an .xlsx workbook (spec 8, "Writing .xlsx"), for `score`, `rank` and
// `report --format xlsx`.

#include <xlsxwriter.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "write/table.hpp"
#include "xingji/output.hpp"

namespace xingji::detail {

/// A table of a sheet: under its title when the sheet holds several, with lines of text
/// (what the Markdown says around it) under it.
struct SheetTable {
  std::string title;
  TextTable table;
  std::vector<std::string> notes;
};

/// A sheet of a workbook: its name as a heading gives it (made valid by write_workbook) and
/// its tables, one under another.
struct Sheet {
  std::string name;
  std::vector<SheetTable> tables;
};

/// Writes `sheets` as a workbook titled `title` into `file`'s temporary file (the caller
/// commits it). A sheet of one table has its header frozen and filters over it. Text columns
/// are text cells, right-aligned columns numbers where their cells read as numbers, shown to
/// the column's decimals. Throws Error at `file.path()` when the workbook cannot be written.
void write_workbook(const std::vector<Sheet>& sheets, const std::string& title, AtomicFile& file);

struct WorkbookFree {
  void operator()(lxw_workbook* wb) const;
};
/// A workbook being written (freed unwritten when dropped).
using Workbook = std::unique_ptr<lxw_workbook, WorkbookFree>;
/// A new workbook titled `title`, written into `file`'s temporary file, with a fixed creation
/// time so that the same inputs give the same bytes. With `stream_rows` (libxlsxwriter's
/// constant-memory mode) every sheet must be written row by row, top to bottom, and strings
/// are written inline. Throws Error at `file.path()`.
[[nodiscard]] Workbook new_workbook(const std::string& title, AtomicFile& file, bool stream_rows = false);
/// Fails the run (Error at `file.path()`) with the reason libxlsxwriter gave.
[[noreturn]] void fail(const AtomicFile& file, lxw_error err);
/// Writes the workbook out; throws Error at `file.path()` with the reason when it fails.
void close_workbook(Workbook wb, AtomicFile& file);

/// A sheet name Excel accepts, from a heading: `[]:*?/\` become their full-width forms, the
/// name is cut to 31 characters and made unique among `taken` (without regard to case) by a
/// number at its end; the name is added to `taken`.
[[nodiscard]] std::string sheet_name(std::string_view heading, std::vector<std::string>& taken);

/// How wide a column of these texts should be, in Excel's units (the width of a digit): a
/// Chinese character counts two, padding added, capped at kMaxColumnWidth.
[[nodiscard]] double column_width(std::size_t widest);
/// The widest a column grows; text in a column that would be wider wraps.
inline constexpr std::size_t kMaxColumnWidth = 50;

}  // namespace xingji::detail
