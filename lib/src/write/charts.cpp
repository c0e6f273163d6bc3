#include "write/charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>

#include "write/html.hpp"

namespace xingji::detail {

namespace {

constexpr double kFont = 13;       // px, labels and values
constexpr double kTitleFont = 14;  // px, bold
constexpr double kRow = 22;        // px per bar
constexpr double kBar = 14;        // px, the thickness of a bar
constexpr double kPad = 8;         // px around the picture
constexpr double kGap = 6;         // px between a label and its bar, a bar and its value
constexpr double kBars = 320;      // px, the length of the longest bar
constexpr double kTitle = 28;      // px, the title's band
constexpr double kKey = 22;        // px, the key's band
constexpr double kSwatch = 12;     // px

double width_px(std::string_view text, double font) { return text_em(text) * font; }

void text(std::string& out, double x, double y, std::string_view anchor, std::string_view s,
          std::string_view extra = "") {
  fmt::format_to(std::back_inserter(out), "<text x=\"{:.1f}\" y=\"{:.1f}\"{}{}{}>", x, y,
                 anchor == "start" ? "" : fmt::format(" text-anchor=\"{}\"", anchor), extra.empty() ? "" : " ", extra);
  append_html_escaped(out, s);
  out += "</text>\n";
}

// The start of a picture; its title drawn at the top unless `drawn` is false (a chart in a
// table's cell, whose title the table's heading says), always in <title> for a reader or a
// tooltip.
void open_svg(std::string& out, std::string_view title, double width, double height, double font = kFont,
              std::string_view css_class = "chart", bool drawn = true) {
  fmt::format_to(std::back_inserter(out),
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{3}\" viewBox=\"0 0 {0:.1f} {1:.1f}\" "
                 "width=\"{0:.1f}\" height=\"{1:.1f}\" font-size=\"{2}\" role=\"img\">\n<title>",
                 width, height, font, css_class);
  append_html_escaped(out, title);
  out += "</title>\n";
  if (drawn) {
    text(out, kPad, kTitle - 10, "start", title, fmt::format("font-size=\"{}\" font-weight=\"bold\"", kTitleFont));
  }
}

// The baseline of a line of text centred on a band whose middle is at `mid` (about 0.35 em
// below the middle, which every renderer honours, unlike dominant-baseline).
double baseline(double mid) { return mid + 0.35 * kFont; }

}  // namespace

double text_em(std::string_view text) {
  double em = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      em += c == ' ' ? 0.3 : 0.55;
    } else if ((c & 0xC0) != 0x80) {
      em += 1;  // the first byte of a character outside ASCII
    }
  }
  return em;
}

std::string ramp(int level, int levels) {
  // From dark blue to light blue: the lightness alone tells the levels apart on grey paper.
  constexpr double dark[3] = {8, 48, 107}, light[3] = {198, 219, 239};
  const double t = levels <= 1 ? 0 : static_cast<double>(std::clamp(level, 0, levels - 1)) / (levels - 1);
  int rgb[3];
  for (int i = 0; i < 3; ++i) rgb[i] = static_cast<int>(std::lround(dark[i] + (light[i] - dark[i]) * t));
  return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

std::string bar_chart(std::string_view title, const std::vector<Bar>& bars, double full) {
  double label_w = 0, value_w = 0, most = std::max(full, 0.0);
  for (const Bar& b : bars) {
    label_w = std::max(label_w, width_px(b.label, kFont));
    value_w = std::max(value_w, width_px(b.value_text, kFont));
    most = std::max(most, b.value);
  }
  const double zero = kPad + label_w + kGap;
  const double width = std::max(zero + kBars + kGap + value_w + kPad, 2 * kPad + width_px(title, kTitleFont) * 1.05);
  const double height = kTitle + kRow * static_cast<double>(bars.size()) + kPad;
  std::string out;
  open_svg(out, title, width, height);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double mid = kTitle + kRow * (static_cast<double>(i) + 0.5);
    const double len = most > 0 ? std::max(b.value, 0.0) / most * kBars : 0;
    text(out, zero - kGap, baseline(mid), "end", b.label);
    if (len > 0) {
      fmt::format_to(std::back_inserter(out),
                     "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\" "
                     "stroke=\"#333\" stroke-width=\"0.5\"/>\n",
                     zero, mid - kBar / 2, len, kBar, b.fill);
    }
    if (!b.value_text.empty()) text(out, zero + len + kGap, baseline(mid), "start", b.value_text);
  }
  // The zero line all bars start from.
  fmt::format_to(std::back_inserter(out),
                 "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#111\"/>\n</svg>\n", zero,
                 kTitle, height - kPad);
  return out;
}

std::string stack_chart(std::string_view title, const std::vector<std::string>& parts,
                        const std::vector<Stack>& stacks) {
  double label_w = 0, value_w = 0, most = 0;
  std::vector<double> totals;
  for (const Stack& s : stacks) {
    label_w = std::max(label_w, width_px(s.label, kFont));
    double total = 0;
    for (double v : s.values) total += std::max(v, 0.0);
    totals.push_back(total);
    value_w = std::max(value_w, width_px(fmt::format("{:g}", total), kFont));
    most = std::max(most, total);
  }
  double key_w = 0;
  for (const auto& p : parts) key_w += kSwatch + 4 + width_px(p, kFont) + 12;
  const double zero = kPad + label_w + kGap;
  const double width =
      std::max({zero + kBars + kGap + value_w + kPad, 2 * kPad + key_w, 2 * kPad + width_px(title, kTitleFont) * 1.05});
  const double top = kTitle + kKey;
  const double height = top + kRow * static_cast<double>(stacks.size()) + kPad;
  std::string out;
  open_svg(out, title, width, height);
  const int levels = static_cast<int>(parts.size());
  double x = kPad;
  for (int p = 0; p < levels; ++p) {
    const double mid = kTitle + kKey / 2 - 2;
    fmt::format_to(std::back_inserter(out),
                   "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#333\" "
                   "stroke-width=\"0.5\"/>\n",
                   x, mid - kSwatch / 2, kSwatch, kSwatch, ramp(p, levels));
    text(out, x + kSwatch + 4, baseline(mid), "start", parts[static_cast<std::size_t>(p)]);
    x += kSwatch + 4 + width_px(parts[static_cast<std::size_t>(p)], kFont) + 12;
  }
  for (std::size_t i = 0; i < stacks.size(); ++i) {
    const Stack& s = stacks[i];
    const double mid = top + kRow * (static_cast<double>(i) + 0.5);
    text(out, zero - kGap, baseline(mid), "end", s.label);
    double at = zero;
    for (std::size_t p = 0; p < s.values.size() && p < parts.size(); ++p) {
      const double v = std::max(s.values[p], 0.0);
      if (v <= 0 || most <= 0) continue;
      const double len = v / most * kBars;
      const int level = static_cast<int>(p);
      fmt::format_to(std::back_inserter(out),
                     "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\" "
                     "stroke=\"#333\" stroke-width=\"0.5\"/>\n",
                     at, mid - kBar / 2, len, kBar, ramp(level, levels));
      const std::string count = fmt::format("{:g}", v);
      if (len >= width_px(count, kFont) + 4) {
        // White on the darker half of the ramp, black on the lighter.
        text(out, at + len / 2, baseline(mid), "middle", count,
             2 * level < levels ? "fill=\"#fff\" font-size=\"11\"" : "font-size=\"11\"");
      }
      at += len;
    }
    if (!s.values.empty()) text(out, at + kGap, baseline(mid), "start", fmt::format("{:g}", totals[i]));
  }
  fmt::format_to(std::back_inserter(out),
                 "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#111\"/>\n</svg>\n", zero,
                 top, height - kPad);
  return out;
}

std::string column_chart(std::string_view title, const std::vector<ColumnBar>& columns, double full, double slot_em,
                         bool small) {
  // A cell's chart: 10 px text (7.5 pt on paper, as a table's small print) and 32 px of bars.
  const double font = small ? 10 : kFont, pad = small ? 3 : kPad, gap = small ? 6 : 12;
  const double bars = small ? 32 : 120, top = small ? pad : kTitle;
  double most = std::max(full, 0.0), slot_w = std::max(slot_em, 0.0);
  for (const ColumnBar& c : columns) {
    slot_w = std::max({slot_w, text_em(c.label), text_em(c.value_text)});
    if (!c.gap) most = std::max(most, c.value);
  }
  const double slot = slot_w * font + gap;
  const double bar_w = std::round(slot * 0.6);
  // The value band above the tallest column, the zero line, the labels' band under it.
  const double zero = top + font + 3 + bars;
  const double height = zero + font + 4 + pad;
  const double width = std::max(2 * pad + slot * static_cast<double>(columns.size()),
                                small ? 0 : 2 * kPad + width_px(title, kTitleFont) * 1.05);
  std::string out;
  open_svg(out, title, width, height, font, small ? "spark" : "chart", !small);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const ColumnBar& c = columns[i];
    const double mid = pad + slot * (static_cast<double>(i) + 0.5);
    const double len = c.gap || most <= 0 ? 0 : std::max(c.value, 0.0) / most * bars;
    if (len > 0) {
      fmt::format_to(std::back_inserter(out),
                     "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\" "
                     "stroke=\"#333\" stroke-width=\"0.5\"/>\n",
                     mid - bar_w / 2, zero - len, bar_w, len, c.fill);
    }
    // A gap's words in grey, so that on paper they read as a note, not as a value.
    if (!c.value_text.empty()) text(out, mid, zero - len - 3, "middle", c.value_text, c.gap ? "fill=\"#555\"" : "");
    text(out, mid, zero + font + 1, "middle", c.label);
  }
  // The zero line all columns stand on.
  fmt::format_to(std::back_inserter(out),
                 "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#111\"/>\n</svg>\n", pad,
                 zero, width - pad);
  return out;
}

SvgSize svg_size(std::string_view svg) {
  SvgSize size;
  const auto at = svg.find("viewBox=\"0 0 ");
  if (at == std::string_view::npos) return size;
  const char* p = svg.data() + at + 13;
  const char* end = svg.data() + svg.size();
  p = std::from_chars(p, end, size.width).ptr;
  if (p < end && *p == ' ') std::from_chars(p + 1, end, size.height);
  return size;
}

}  // namespace xingji::detail
