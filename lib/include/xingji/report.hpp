#pragma once
/// The yearly report (`report`): Markdown to paste into a department's summary, the village
/// table with the points of every top-level area as CSV, or a workbook for Excel or WPS.

#include <ostream>
#include <string>

#include "xingji/output.hpp"
#include "xingji/run.hpp"
#include "xingji/views.hpp"

namespace xingji {

/// The report of `run` in `format` (md, csv or html; others throw Error); `excel_ids` as for render_scores.
void render_report(const Run& run, Format format, std::ostream& out, bool excel_ids = false);
/// The same as a string.
[[nodiscard]] std::string render_report(const Run& run, Format format);

/// The report as an .xlsx workbook (spec 8): a sheet per section of the Markdown report that
/// shows a table, named after its heading, and 按乡镇: per township its villages, their mean
/// final score, villages per star level and, with tiers, the backward ones. Written into
/// `file`'s temporary file; the caller commits it. Throws Error.
void write_report_xlsx(const Run& run, AtomicFile& file);

}  // namespace xingji
