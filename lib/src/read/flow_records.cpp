// Rosters as programs write them, one record a line in YAML's flow style, read without
// yaml-cpp (which reads them at a few megabytes a second): a national alliance list of 5,000
// lines took 40-60 ms of a core, competing with the villages for it.

#include <array>

#include "read/yaml_events.hpp"

namespace xingji::detail {

namespace {

// The bytes a plain scalar may hold here: printable ASCII other than the flow and quoting
// indicators, ':' and '#' (which can end a scalar or start a comment) and '?' (which
// yaml-cpp refuses inside a flow mapping), and any byte of a UTF-8 sequence (checked as text
// separately). Stricter than YAML, never looser.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[static_cast<std::size_t>(c)] = true;
  for (const char c : std::string_view(",[]{}:#?\"'`")) t[static_cast<unsigned char>(c)] = false;
  for (int c = 0x80; c < 0x100; ++c) t[static_cast<std::size_t>(c)] = true;
  return t;
}();

// What may not start a plain scalar (YAML's indicators), besides a space.
constexpr std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`";

bool key_byte(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

YAML::Mark mark_at(std::size_t line_pos, int line, std::size_t column) {
  YAML::Mark m;
  m.pos = static_cast<int>(line_pos + column);
  m.line = line;
  m.column = static_cast<int>(column);
  return m;
}

// Reads one line (`pos`: where it starts in the text, `line`: its 0-based number) into `out`
// when it is `- {key: value, ...}`; `has` tells whether it held a record (blank and comment
// lines hold none). False for anything outside this subset of YAML.
bool parse_line(std::string_view l, std::size_t pos, int line, Record& out, bool& has) {
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  has = false;
  const std::size_t lead = l.find_first_not_of(' ');
  if (lead == std::string_view::npos || l[lead] == '#') return l.find('\t') == std::string_view::npos;
  if (!l.starts_with("- {")) return false;
  has = true;
  out.mark = mark_at(pos, line, 2);
  std::size_t fields = 0;
  std::size_t i = 3;
  const std::size_t n = l.size();
  auto spaces = [&] {
    while (i < n && l[i] == ' ') ++i;
  };
  for (;;) {
    spaces();
    const std::size_t k0 = i;
    while (i < n && key_byte(l[i])) ++i;
    if (i == k0 || i + 1 >= n || l[i] != ':' || l[i + 1] != ' ') return false;
    const std::size_t k1 = i;
    i += 2;
    spaces();
    const std::size_t v0 = i;
    if (i >= n) return false;
    std::string_view value;
    // No value is a null, which yaml-cpp places at the ',' or '}' that follows.
    if (l[i] != ',' && l[i] != '}') {
      if (kIndicators.find(l[i]) != std::string_view::npos) return false;
      while (i < n && kPlain[static_cast<unsigned char>(l[i])]) ++i;
      std::size_t v1 = i;
      while (v1 > v0 && l[v1 - 1] == ' ') --v1;
      value = l.substr(v0, v1 - v0);
      if (value == "~" || value == "null" || value == "Null" || value == "NULL") value = {};  // nulls too
      if (scalar_problem(value)) return false;
    }
    if (fields == out.fields.size()) out.fields.emplace_back();
    Field& f = out.fields[fields++];
    f.key.assign(l.data() + k0, k1 - k0);
    f.value.assign(value);
    f.is_list = false;
    f.items.clear();
    f.key_mark = mark_at(pos, line, k0);
    f.value_mark = mark_at(pos, line, v0);
    if (i >= n) return false;
    if (l[i] == '}') break;
    if (l[i] != ',') return false;
    ++i;
  }
  out.fields.resize(fields);
  for (++i; i < n; ++i) {
    if (l[i] != ' ') return false;
  }
  return true;
}

}  // namespace

FlowRead read_flow_records(const Source& src, const std::function<void(const Record&)>& each) {
  Record r;
  bool has = false;
  std::size_t records = 0;
  bool first = true;
  // First the whole text is checked, so that nothing is passed on when it has to be read
  // the other way; then it is read again, passing each record on.
  const bool plain = each_line(src, [&](std::string_view l, std::size_t pos, int line) {
    if (first && l.starts_with("\xEF\xBB\xBF")) return false;  // yaml-cpp's positions skip a byte-order mark
    first = false;
    if (!parse_line(l, pos, line, r, has)) return false;
    records += has ? 1 : 0;
    return true;
  });
  if (!plain || records == 0) return FlowRead::not_plain;
  const bool again = each_line(src, [&](std::string_view l, std::size_t pos, int line) {
    if (!parse_line(l, pos, line, r, has)) return false;
    if (has) each(r);
    return true;
  });
  return again ? FlowRead::done : FlowRead::changed;
}

}  // namespace xingji::detail
