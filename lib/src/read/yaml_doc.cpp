#include "read/yaml_doc.hpp"

#include "read/yaml_events.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "base/files.hpp"
#include "base/i18n.hpp"
#include "base/suggest.hpp"
#include "base/text.hpp"
#include "xingji/number.hpp"

namespace xingji::detail {

std::string one_of(const std::vector<std::string_view>& names) {
  if (names.size() < 2) return names.empty() ? std::string() : std::string(names.front());
  // TRANSLATORS: the last two of a list of choices, "a, b or c": the others before them
  // (joined by ", "), then the last one.
  return _f("{} or {}", fmt::join(names.begin(), names.end() - 1, _(", ")), names.back());
}

std::string read_file(const std::string& path) {
  if (is_folder(path)) throw Error(Location{path, 0, 0}, _("is a folder; give a file"));
  // One allocation of the file's size and one read: a stringstream would hold it twice.
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw Error(Location{path, 0, 0}, _("cannot open file; check that the path is right and readable"));
  std::string text(regular_file_size(f).value_or(0), '\0');
  std::size_t got = text.empty() ? 0 : std::fread(text.data(), 1, text.size(), f);
  text.resize(got);
  // A pipe or a file that grew: read the rest in pieces.
  char chunk[65536];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, f)) > 0;) text.append(chunk, n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) throw Error(Location{path, 0, 0}, _("cannot read the file"));
  return text;
}

std::optional<std::pair<std::size_t, std::string>> hand_typed_problem(std::string_view text) {
  constexpr std::string_view kWideSpace = "\xE3\x80\x80", kWideColon = "\xEF\xBC\x9A";
  std::size_t block_indent = std::string_view::npos;  // inside a block scalar (| or >) more indented than this
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    std::size_t i = 0;
    while (i < line.size()) {  // the indentation: spaces, and what should not be there
      if (line[i] == ' ') {
        ++i;
      } else if (line[i] == '\t') {
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) break;
        if (block_indent != std::string_view::npos && i > block_indent) break;
        return std::pair{start + i, std::string(_("a tab indents this line, but YAML indents with spaces only; "
                                                  "replace the tab with spaces"))};
      } else if (line.substr(i).starts_with(kWideSpace)) {
        if (block_indent != std::string_view::npos && i > block_indent) break;
        return std::pair{start + i, std::string(_("a full-width space (　) indents this line, but YAML indents with "
                                                  "ASCII spaces; replace it with spaces"))};
      } else {
        break;
      }
    }
    const std::size_t indent = i;
    const bool blank = i >= line.size() || line[i] == '\r' || line[i] == '#';
    if (!blank && block_indent != std::string_view::npos && indent > block_indent) {
      start = end + 1;
      continue;  // text of a block scalar: anything goes
    }
    if (!blank) block_indent = std::string_view::npos;
    if (!blank) {
      if (line.substr(i).starts_with("- ")) i += 2;
      const std::size_t key = i;
      while (i < line.size() &&
             (std::isalnum(static_cast<unsigned char>(line[i])) != 0 || line[i] == '_' || line[i] == '-')) {
        ++i;
      }
      const std::string_view name = line.substr(key, i - key);
      if (!name.empty() && line.substr(i).starts_with(kWideColon)) {
        return std::pair{start + i, _f("a full-width colon (：) follows the key '{}', but YAML needs an ASCII colon "
                                       "and a space: write `{}: ...`",
                                       name, name)};
      }
      if (!name.empty() && i < line.size() && line[i] == ':' && line.substr(i + 1).starts_with(kWideSpace)) {
        return std::pair{start + i + 1, _f("a full-width space (　) follows '{}:', but YAML needs an ASCII space "
                                           "after the colon: write `{}: ...`",
                                           name, name)};
      }
      // A block scalar starts: its lines (more indented) are text, not YAML.
      std::string_view rest = line.substr(0, std::min(line.find(" #"), line.size()));
      while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\r')) rest.remove_suffix(1);
      while (!rest.empty() &&
             (rest.back() == '-' || rest.back() == '+' || std::isdigit(static_cast<unsigned char>(rest.back())) != 0)) {
        rest.remove_suffix(1);
      }
      if (!rest.empty() && (rest.back() == '|' || rest.back() == '>') && rest.size() >= 2 &&
          (rest[rest.size() - 2] == ' ' || rest[rest.size() - 2] == ':')) {
        block_indent = indent;
      }
    }
    start = end + 1;
  }
  return std::nullopt;
}

namespace {

// A manifest or scheme needs a few hundred nodes; a national scheme a few thousand.
constexpr std::size_t kMaxNodes = 100000;

// Aliases let a few lines stand for a tree too large to walk (`&b [*a, *a, ...]` nested,
// the "billion laughs") or an endless one (`&a [*a]`); yaml-cpp shares the aliased node, so
// loading is cheap but every later walk is not. Walks the tree as readers will, aliases
// expanded, and returns the first node past kMaxNodes, or a null node when the tree is
// within bounds. An explicit stack: a cycle must not overflow the call stack.
YAML::Node first_node_past_limit(const YAML::Node& root) {
  std::vector<YAML::Node> todo{root};
  std::size_t seen = 0;
  while (!todo.empty()) {
    YAML::Node n = todo.back();
    todo.pop_back();
    if (++seen > kMaxNodes) return n;
    if (n.IsSequence()) {
      for (const auto& child : n) todo.push_back(child);
    } else if (n.IsMap()) {
      for (const auto& kv : n) {
        todo.push_back(kv.first);
        todo.push_back(kv.second);
      }
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

}  // namespace

Location YamlDoc::at(const YAML::Mark& mark) const {
  if (mark.is_null() || mark.line < 0) return Location{file_, 0, 0};
  const auto pos = static_cast<std::size_t>(mark.pos < 0 ? 0 : mark.pos);
  return Location{file_, mark.line + 1, char_column(text_, pos)};
}

Location YamlDoc::at(const YAML::Node& node) const { return at(node.Mark()); }

YamlDoc::YamlDoc(std::string file, std::string text) : file_(std::move(file)), text_(std::move(text)) {
  if (text_.starts_with("\xEF\xBB\xBF")) text_.replace(0, 3, "");
  if (auto bad = invalid_text_at(text_); bad != std::string_view::npos) {
    std::size_t line =
        1 + static_cast<std::size_t>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    throw Error(Location{file_, static_cast<int>(line), char_column(text_, bad)},
                not_text_message(text_, bad, _("the file is not valid UTF-8 (saved as GBK?); save it as UTF-8")));
  }
  // What a person typing YAML in a Chinese input method gets wrong, named before yaml-cpp
  // reports it as something else (spec 5).
  if (const auto problem = hand_typed_problem(text_)) {
    throw Error(Location{file_,
                         1 + static_cast<int>(std::count(
                                 text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(problem->first), '\n')),
                         char_column(text_, problem->first)},
                problem->second);
  }
  try {
    root_ = YAML::Load(text_);
  } catch (const YAML::ParserException& e) {
    throw Error(at(e.mark), yaml_error(e));
  }
  if (!root_ || root_.IsNull())
    throw Error(Location{file_, 0, 0}, _("the file is empty; it must hold a YAML document"));
  if (YAML::Node past = first_node_past_limit(root_); past.IsDefined()) {
    throw Error(at(past), _f("aliases (*name) expand this file to more than {} values, or into a loop; "
                             "write the repeated parts out or use fewer aliases",
                             kMaxNodes));
  }
}

void YamlDoc::check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                         std::initializer_list<std::string_view> required, std::string_view what,
                         Diagnostics& diag) const {
  std::vector<std::string_view> names(allowed);
  std::vector<std::string> seen;
  // TRANSLATORS: in the messages about keys, {} after "in" names the mapping: "the manifest",
  // "indicator 'x'", "'dual'", "'then' of allocation 'fund'".
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!it->first.IsScalar()) {
      diag.add(at(it->first), _f("a key in {} must be plain text", what));
      continue;
    }
    const auto& key = it->first.Scalar();
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      diag.add(at(it->first), _f("duplicate key '{}' in {}; give it once", key, what));
      continue;
    }
    seen.push_back(key);
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      diag.add(at(it->first), with_suggestion(_f("unknown key '{}' in {}", key, what), key, names));
    }
  }
  for (auto key : required) {
    if (std::find(seen.begin(), seen.end(), std::string(key)) == seen.end()) {
      diag.add(at(map), _f("missing required key '{}' in {}", key, what));
    }
  }
}

bool YamlDoc::expect_map(const YAML::Node& node, std::string_view what, Diagnostics& diag) const {
  if (node.IsMap()) return true;
  diag.add(at(node), _f("{} must be a mapping of `key: value` lines", what));
  return false;
}

bool YamlDoc::expect_seq(const YAML::Node& node, std::string_view what, Diagnostics& diag) const {
  if (node.IsSequence()) return true;
  diag.add(at(node), _f("{} must be a list (lines starting with '- ')", what));
  return false;
}

std::optional<std::string> YamlDoc::text(const YAML::Node& map, const char* key, Diagnostics& diag) const {
  YAML::Node v = map[key];
  if (!v || v.IsNull()) return std::nullopt;
  if (!v.IsScalar()) {
    diag.add(at(v), _f("'{}' must be a single value, not a list or mapping", key));
    return std::nullopt;
  }
  return std::string(trim(v.Scalar()));
}

std::optional<double> YamlDoc::number(const YAML::Node& map, const char* key, Diagnostics& diag) const {
  YAML::Node v = map[key];
  if (!v || v.IsNull()) return std::nullopt;
  if (v.IsScalar()) {
    if (auto x = parse_number(v.Scalar())) return x;
  }
  diag.add(at(v), _f("'{}' must be a number, not '{}'", key, v.IsScalar() ? v.Scalar() : "..."));
  return std::nullopt;
}

std::optional<long long> YamlDoc::integer(const YAML::Node& map, const char* key, Diagnostics& diag) const {
  YAML::Node v = map[key];
  if (!v || v.IsNull()) return std::nullopt;
  if (v.IsScalar()) {
    if (auto x = parse_integer(v.Scalar())) return x;
  }
  diag.add(at(v), _f("'{}' must be a whole number, not '{}'", key, v.IsScalar() ? v.Scalar() : "..."));
  return std::nullopt;
}

}  // namespace xingji::detail
