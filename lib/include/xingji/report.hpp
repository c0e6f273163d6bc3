#pragma once
/// The yearly report (`report`): Markdown to paste into a department's summary, or the
/// village table with the points of every top-level area as CSV for Excel or WPS.

#include <ostream>
#include <string>

#include "xingji/run.hpp"
#include "xingji/views.hpp"

namespace xingji {

/// The report of `run` in `format` (md or csv; others throw Error).
void render_report(const Run& run, Format format, std::ostream& out);
/// The same as a string.
[[nodiscard]] std::string render_report(const Run& run, Format format);

}  // namespace xingji
