#include "write/table.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>

#include <fmt/format.h>

#include "base/text.hpp"

namespace xingji {

std::size_t TextTable::column(std::string title, bool align_right) {
  header.push_back(std::move(title));
  right.push_back(align_right);
  whole.push_back(align_right);
  drop.push_back(0);
  decimals.push_back(-1);
  change.push_back(false);
  return header.size() - 1;
}

std::size_t TextTable::whole_column(std::string title) {
  const std::size_t c = column(std::move(title));
  whole[c] = true;
  return c;
}

namespace {

// The narrowest a text column is wrapped to: four Chinese characters.
constexpr std::size_t kTextFloor = 8;
// The narrowest a header over narrower numbers is wrapped to: two Chinese characters.
constexpr std::size_t kHeaderFloor = 4;

const std::string kNoCell;

const std::string& cell_of(const std::vector<std::string>& cells, std::size_t c) {
  return c < cells.size() ? cells[c] : kNoCell;
}

std::size_t total_width(const std::vector<std::size_t>& width, const std::vector<std::size_t>& shown,
                        std::size_t gap = 2) {
  std::size_t total = 0;
  for (const std::size_t c : shown) total += width[c];
  return total + gap * (shown.empty() ? 0 : shown.size() - 1);
}

// Narrows the widest column with room left above its floor by one cell, until the table
// fits in `limit`; on a tie the rightmost, so that names at the left stay whole longest.
void narrow(std::vector<std::size_t>& width, const std::vector<std::size_t>& floor,
            const std::vector<std::size_t>& shown, std::size_t limit, std::size_t gap) {
  for (std::size_t total = total_width(width, shown, gap); total > limit; --total) {
    std::size_t widest = width.size();
    for (const std::size_t c : shown) {
      if (width[c] > floor[c] && (widest == width.size() || width[c] >= width[widest])) widest = c;
    }
    if (widest == width.size()) return;
    --width[widest];
  }
}

// A header over as few lines as its width allows, each as even as they can be: 本村/得分,
// not 本村得/分.
std::vector<std::string> wrap_header(std::string_view text, std::size_t width) {
  std::vector<std::string> lines = wrap_text(text, width);
  for (; width > 1; --width) {
    std::vector<std::string> narrower = wrap_text(text, width - 1);
    if (narrower.size() != lines.size()) break;
    lines = std::move(narrower);
  }
  return lines;
}

}  // namespace

void render_text(const TextTable& t, std::string& out, std::size_t limit) {
  const std::size_t n = t.header.size();
  std::vector<std::size_t> width(n), data(n);
  for (std::size_t c = 0; c < n; ++c) width[c] = display_width(t.header[c]);
  for (const auto& r : t.rows) {
    for (std::size_t c = 0; c < r.size() && c < n; ++c) data[c] = std::max(data[c], display_width(r[c]));
  }
  for (std::size_t c = 0; c < n; ++c) width[c] = std::max(width[c], data[c]);
  std::vector<std::size_t> shown(n);
  for (std::size_t c = 0; c < n; ++c) shown[c] = c;
  const bool fit = limit > 0 && total_width(width, shown) > limit;
  std::string_view gap = "  ";
  std::vector<std::string> left_out;  // optional columns with data that did not fit
  if (fit) {
    // Columns without data say nothing, and a table without rows keeps its header.
    if (!t.rows.empty()) std::erase_if(shown, [&](std::size_t c) { return data[c] == 0; });
    // Text first, the widest first; then headers wider than their numbers. Each try starts
    // from the full widths, so a table that fits once its ids are gone is not narrowed more.
    const std::vector<std::size_t> full(width);
    auto squeeze = [&](std::size_t spaces) {
      width = full;
      std::vector<std::size_t> floor(width);
      for (const std::size_t c : shown) {
        if (!t.whole[c]) floor[c] = std::min(width[c], kTextFloor);
      }
      narrow(width, floor, shown, limit, spaces);
      for (const std::size_t c : shown) {
        if (t.whole[c]) floor[c] = std::max(data[c], std::min(width[c], kHeaderFloor));
      }
      narrow(width, floor, shown, limit, spaces);
      return total_width(width, shown, spaces) <= limit;
    };
    // Still too wide: the ids beside the names go, then the columns close up to one space.
    if (!squeeze(2)) {
      std::erase_if(shown, [&](std::size_t c) { return t.drop[c] == 1; });
      if (!squeeze(2)) {
        gap = " ";
        // Then the optional columns, one order at a time, until the table fits.
        const int last = t.drop.empty() ? 0 : *std::max_element(t.drop.begin(), t.drop.end());
        for (int order = 2; !squeeze(1) && order <= last; ++order) {
          std::erase_if(shown, [&](std::size_t c) {
            if (t.drop[c] != order) return false;
            left_out.push_back(t.header[c]);
            return true;
          });
        }
      }
    }
  }
  // A row as its cells' lines side by side: one line a row unless a cell was wrapped.
  std::vector<std::vector<std::string>> lines(n);
  auto wrap_row = [&](const std::vector<std::string>& cells) {
    std::size_t height = 1;
    for (const std::size_t c : shown) {
      lines[c] = &cells == &t.header ? wrap_header(t.header[c], width[c]) : wrap_text(cell_of(cells, c), width[c]);
      height = std::max(height, lines[c].size());
    }
    return height;
  };
  if (fit) {
    // A column as wide as its widest line: wrapping at a break may leave it narrower.
    std::vector<std::size_t> used(n);
    auto measure = [&](const std::vector<std::string>& cells) {
      wrap_row(cells);
      for (const std::size_t c : shown) {
        for (const auto& l : lines[c]) used[c] = std::max(used[c], display_width(l));
      }
    };
    measure(t.header);
    for (const auto& r : t.rows) measure(r);
    width = used;
  }
  auto line = [&](const std::vector<std::string>& cells) {
    const std::size_t height = fit ? wrap_row(cells) : 1;
    for (std::size_t k = 0; k < height; ++k) {
      std::string text;
      for (std::size_t i = 0; i < shown.size(); ++i) {
        const std::size_t c = shown[i];
        const std::string& cell = !fit ? cell_of(cells, c) : k < lines[c].size() ? lines[c][k] : kNoCell;
        if (i > 0) text += gap;
        text += t.right[c] ? pad_left(cell, width[c]) : pad_right(cell, width[c]);
      }
      while (!text.empty() && text.back() == ' ') text.pop_back();
      out += text;
      out += '\n';
    }
  };
  line(t.header);
  std::string rule;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (i > 0) rule += gap;
    rule.append(width[shown[i]], '-');
  }
  out += rule;
  out += '\n';
  for (const auto& r : t.rows) line(r);
  if (!left_out.empty()) {
    const std::string note =
        fmt::format("（窗口太窄，未显示：{}；加宽窗口或用 --format csv 可看全部）", fmt::join(left_out, "、"));
    for (const auto& l : wrap_text(note, limit)) {
      out += l;
      out += '\n';
    }
  }
}

namespace {
// The bytes that make a CSV field need quotes wherever they stand.
constexpr auto kQuoted = [] {
  std::array<bool, 256> t{};
  for (const char c : {',', '"', '\n', '\r'}) t[static_cast<unsigned char>(c)] = true;
  return t;
}();
}  // namespace

bool csv_needs_quotes(std::string_view text) {
  if (text.empty()) return false;
  if (text.front() == ' ' || text.back() == ' ') return true;
  // The bytes that need quotes are all below '-' (0x2D); Chinese text (bytes from 0x80),
  // letters and digits are not. Eight bytes at a time: (x - 0x2D..) & ~x & 0x80.. is not
  // zero exactly when some byte of x is below 0x2D; only such blocks are looked at closer.
  constexpr std::uint64_t kBelow = 0x2D2D2D2D2D2D2D2Dull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  auto quoted = [](std::string_view bytes) {
    return std::any_of(bytes.begin(), bytes.end(), [](char c) { return kQuoted[static_cast<unsigned char>(c)]; });
  };
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    if (((x - kBelow) & ~x & kHigh) != 0 && quoted(text.substr(i, 8))) return true;
  }
  return quoted(text.substr(i));
}

char* write_csv_field(char* out, std::string_view text) {
  // std::copy, not memcpy: an empty view may have no data pointer at all.
  if (!csv_needs_quotes(text)) return std::copy(text.begin(), text.end(), out);
  *out++ = '"';
  for (char c : text) {
    if (c == '"') *out++ = '"';
    *out++ = c;
  }
  *out++ = '"';
  return out;
}

void append_csv_field(std::string& out, std::string_view text) {
  const std::size_t at = out.size();
  out.resize(at + csv_field_room(text));
  out.resize(static_cast<std::size_t>(write_csv_field(out.data() + at, text) - out.data()));
}

std::string csv_field(std::string_view text) {
  std::string out;
  append_csv_field(out, text);
  return out;
}

std::string excel_text(std::string_view text) {
  std::string out = "=\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void render_csv(const TextTable& t, std::string& out) {
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out += ',';
      out += csv_field(cells[c]);
    }
    out += '\n';
  };
  line(t.header);
  for (const auto& r : t.rows) line(r);
}

void render_markdown(const TextTable& t, std::string& out) {
  // A cell with its `|` escaped and a line break made a space, which would end the row.
  auto cell = [&](const std::string& s) {
    out += ' ';
    for (char c : s) {
      if (c == '|') out += '\\';
      out += c == '\n' ? ' ' : c;
    }
    out += " |";
  };
  out += '|';
  for (const auto& h : t.header) cell(h);
  out += "\n|";
  for (std::size_t c = 0; c < t.header.size(); ++c) out += t.right[c] ? " ---: |" : " --- |";
  out += '\n';
  for (const auto& r : t.rows) {
    out += '|';
    for (const auto& s : r) cell(s);
    out += '\n';
  }
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string json_list(const std::vector<std::string>& texts) {
  std::string out = "[";
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) out += ", ";
    out += json_string(texts[i]);
  }
  out += ']';
  return out;
}

}  // namespace xingji
