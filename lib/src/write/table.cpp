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
  return header.size() - 1;
}

void render_text(const TextTable& t, std::string& out) {
  std::vector<std::size_t> width(t.header.size());
  for (std::size_t c = 0; c < t.header.size(); ++c) width[c] = display_width(t.header[c]);
  for (const auto& r : t.rows) {
    for (std::size_t c = 0; c < r.size() && c < width.size(); ++c) width[c] = std::max(width[c], display_width(r[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < width.size(); ++c) {
      const std::string& cell = c < cells.size() ? cells[c] : std::string();
      if (c > 0) text += "  ";
      text += t.right[c] ? pad_left(cell, width[c]) : pad_right(cell, width[c]);
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text;
    out += '\n';
  };
  line(t.header);
  std::string rule;
  for (std::size_t c = 0; c < width.size(); ++c) {
    if (c > 0) rule += "  ";
    rule.append(width[c], '-');
  }
  out += rule;
  out += '\n';
  for (const auto& r : t.rows) line(r);
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
