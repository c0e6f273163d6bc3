#pragma once
// Internal: charts for the HTML report, drawn as inline SVG with real (selectable) text.
// Bars start at zero, values are written next to their bars, no text is rotated, and the
// picture is sized so that no label is clipped: text widths are estimated (a Chinese
// character or a full-width form as 1 em, ASCII as about 0.55 em).

#include <string>
#include <string_view>
#include <vector>

namespace xingji::detail {

/// The estimated width of `text` in em: 1 for a character outside ASCII (Chinese,
/// full-width forms, ★☆), 0.55 for ASCII (0.3 for a space).
[[nodiscard]] double text_em(std::string_view text);

/// The fill of a bar: `level` from 0 (darkest) to `levels` - 1 (lightest) of one blue hue,
/// distinct in grey print.
[[nodiscard]] std::string ramp(int level, int levels);

/// One bar: its label left of it, its length `value` (negative values are drawn as 0), and
/// `value_text` written just after its end (a row with neither is a label alone: a gap).
struct Bar {
  std::string label;
  double value = 0;
  std::string value_text;
  std::string fill = "#2b5c8a";
};

/// Horizontal bars under a title, all from the same zero line, scaled so that the longest bar
/// stands for `full` (or for the largest value, when that is larger or `full` is 0): charts
/// that are read together (the top and the bottom) share one scale.
[[nodiscard]] std::string bar_chart(std::string_view title, const std::vector<Bar>& bars, double full = 0);

/// One stacked bar: its label, and its parts (counts) in the order of the chart's `parts`
/// (none: a label alone, a gap).
struct Stack {
  std::string label;
  std::vector<double> values;
};

/// Horizontal stacked bars under a title, a key of the parts (named `parts`, filled from
/// dark to light) above them; each part's count is written inside it where it fits, each
/// bar's total after its end.
[[nodiscard]] std::string stack_chart(std::string_view title, const std::vector<std::string>& parts,
                                      const std::vector<Stack>& stacks);

/// One column of a column chart: its label under the zero line (a year), its height `value`
/// (negative values are drawn as 0) and `value_text` written above it. A gap (a year with
/// nothing to show) has no column at all, not one of height 0: its `value_text` (未报送)
/// stands just above the zero line.
struct ColumnBar {
  std::string label;
  double value = 0;
  std::string value_text;
  std::string fill = "#2b5c8a";
  bool gap = false;
};

/// Columns left to right (years), all from one drawn zero line, scaled so that the tallest
/// stands for `full` (or for the largest value, when that is larger or `full` is 0): the
/// charts of a table's rows share one scale. Each column's slot is at least `slot_em` em
/// wide, so that charts drawn one under another line up. `small`: a chart for a table's
/// cell (a sparkline with its values and labels written): smaller text, and the title only
/// in the picture's <title>, not drawn.
[[nodiscard]] std::string column_chart(std::string_view title, const std::vector<ColumnBar>& columns, double full = 0,
                                       double slot_em = 0, bool small = false);

/// The size of an SVG drawn here: its width and height in px (its viewBox).
struct SvgSize {
  double width = 0, height = 0;
};
/// The viewBox of an SVG drawn here (for tests).
[[nodiscard]] SvgSize svg_size(std::string_view svg);

}  // namespace xingji::detail
