// How a roster file's records are laid out: a CSV roster's header, and where a long YAML
// list can be cut in two.
#include "base/text.hpp"
#include "read/roster_load.hpp"

namespace xingji {

std::vector<int> detail::read_header(CsvReader& csv, std::span<const std::string_view> known,
                                     std::span<const std::string_view> chinese, std::string_view what,
                                     Diagnostics& diag) {
  std::vector<int> columns;
  bool has_id = false;
  for (std::size_t i = 0; i < csv.fields().size(); ++i) {
    const auto name = trim_blanks(csv.fields()[i]);
    auto it = std::find(known.begin(), known.end(), name);
    // A sheet's Chinese header (编号, 名称, ...) names the same column (spec 5).
    if (const auto zh = std::find(chinese.begin(), chinese.end(), name); it == known.end() && zh != chinese.end()) {
      it = known.begin() + (zh - chinese.begin());
    }
    if (it == known.end()) {
      diag.add(csv.location(i), with_suggestion(_f("unknown column '{}' in {}", name, what), name, known));
      columns.push_back(-1);
      continue;
    }
    const int col = static_cast<int>(it - known.begin());
    if (std::find(columns.begin(), columns.end(), col) != columns.end()) {
      diag.add(csv.location(i), _f("column '{}' is given twice", name));
    }
    has_id = has_id || col == 0;
    columns.push_back(col);
  }
  if (!has_id) diag.add(csv.location(0), _f("{} needs an 'id' column", what));
  return columns;
}

namespace {
std::size_t list_split_min = std::size_t{64} << 10;
}  // namespace

std::size_t detail::list_split_min_size() { return list_split_min; }
void detail::set_list_split_min_size(std::size_t size) { list_split_min = size; }

std::optional<detail::ListSplit> detail::split_yaml_list(const std::string& path, std::size_t min_size) {
  detail::ListSplit out;
  int lines = 0;
  bool items = false;  // an item line seen
  // Judges one whole line (without its line break) starting at file offset `start`.
  auto line = [&](std::string_view l, std::size_t start, std::size_t size) {
    ++lines;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    int depth = 0;  // of flow collections: each must close on its own line
    for (const char c : l) {
      depth += c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
      if (depth < 0) return false;
    }
    if (depth != 0) return false;
    const std::size_t lead = l.find_first_not_of(' ');
    if (lead == std::string_view::npos || l[lead] == '#') return true;  // blank or comment
    if (lead > 0) {
      // More of an item: a key (`name: x`, `members:`) or an item of a list in it (`- v1`).
      const std::string_view rest = l.substr(lead);
      const bool entry = rest == "-" || rest.starts_with("- ");
      return items && (holds_key(rest) || entry);
    }
    // At the left margin only items: `-` then a space or the end of the line (not `---`).
    if (l.front() != '-' || (l.size() > 1 && l[1] != ' ')) return false;
    items = true;
    if (out.offset == 0 && start >= size / 2 && start > 0) {
      out.offset = start;
      out.lines = lines - 1;
    }
    return true;
  };
  const auto size = detail::each_plain_line(path, min_size, "\"'|>&*!%@`\t", line);
  if (!size || out.offset == 0) return std::nullopt;
  out.size = *size;
  return out;
}

}  // namespace xingji
