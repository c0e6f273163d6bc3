// Data in YAML: `{year: 2024, values: {<unit>: {<item>: value}}}`, read through yaml-cpp's
// event API (no node tree: memory does not grow with the file). A large file in the plain
// block style a program writes is read as two halves on two cores (split_yaml).
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <fmt/format.h>

#include "base/i18n.hpp"
#include "base/suggest.hpp"
#include "read/data_loader.hpp"
#include "read/split.hpp"

namespace xingji::detail {

namespace {

class DataYaml : public YAML::EventHandler {
 public:
  DataYaml(const Source& src, Loader& L) : src_(src), L_(L) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override { flush_pending(); }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { value_or_key(mark, std::nullopt); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    if (skipping()) return;
    L_.diag().add(at(mark), _("aliases (*name) are not allowed in data files; write the value out"));
    consume_value();
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string& value) override {
    value_or_key(mark, std::string_view(value));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(mark, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(mark, true);
  }
  void OnMapEnd() override { close(); }

  Location at(const YAML::Mark& m) const { return src_.at(m); }

 private:
  enum class Role { top, values, unit, skip };
  struct Frame {
    Role role = Role::skip;
    bool want_key = true;
    std::string key;
    YAML::Mark key_mark;
    std::optional<UnitRef> unit;
    int item = -1;
  };
  struct Pending {
    UnitRef unit;
    int item;
    std::string text;
    YAML::Mark mark;
  };

  static Frame make_frame(Role role) {
    Frame f;
    f.role = role;
    return f;
  }

  bool skipping() const { return skip_depth_ > 0; }

  void consume_value() {
    if (!stack_.empty()) stack_.back().want_key = true;
  }

  void open(const YAML::Mark& mark, bool is_map) {
    if (skipping()) {
      ++skip_depth_;
      return;
    }
    if (stack_.empty()) {
      if (!is_map) {
        L_.diag().add(at(mark),
                      _("a YAML data file must be a mapping: `year: 2024` and `values: {unit: {indicator: value}}`"));
        skip_depth_ = 1;
        return;
      }
      stack_.push_back(make_frame(Role::top));
      return;
    }
    Frame& parent = stack_.back();
    Role role = Role::skip;
    if (parent.want_key) {
      L_.diag().add(at(mark), _("a key must be plain text"));
    } else if (!is_map) {
      L_.diag().add(at(mark), _("a list is not expected here; give `indicator: value` pairs"));
    } else if (parent.role == Role::top && parent.key == "values") {
      role = Role::values;
    } else if (parent.role == Role::values && parent.unit) {
      role = Role::unit;
    } else if (parent.role == Role::values || parent.role == Role::top) {
      if (parent.role == Role::top) L_.diag().add(at(mark), _f("'{}' takes a single value, not a mapping", parent.key));
    } else {
      L_.diag().add(at(mark), _("a mapping is not expected here; a value must be a number or yes/no"));
    }
    const auto unit = parent.unit;
    parent.want_key = true;
    if (role == Role::skip) {
      skip_depth_ = 1;
      return;
    }
    stack_.push_back(make_frame(role));
    stack_.back().unit = unit;
  }

  void close() {
    if (skipping()) {
      --skip_depth_;
      return;
    }
    if (!stack_.empty()) stack_.pop_back();
  }

  void value_or_key(const YAML::Mark& mark, std::optional<std::string_view> text) {
    if (skipping() || stack_.empty()) return;
    Frame& f = stack_.back();
    if (auto problem = detail::scalar_problem(text)) {
      L_.diag().add(at(mark), *problem);
      f.want_key = !f.want_key;
      if (!f.want_key) f.key.clear();
      return;
    }
    if (f.want_key) {
      if (!text) {
        L_.diag().add(at(mark), _("an empty key; give an id"));
        f.want_key = false;
        f.key.clear();
        return;
      }
      key(f, mark, *text);
      return;
    }
    f.want_key = true;
    value(f, mark, text);
  }

  void key(Frame& f, const YAML::Mark& mark, std::string_view text) {
    f.want_key = false;
    f.key = std::string(text);
    f.key_mark = mark;
    f.item = -1;
    if (f.role == Role::top) {
      static constexpr std::string_view keys[] = {"year", "period", "values"};
      if (text != "year" && text != "values" && text != "period") {
        L_.diag().add(
            at(mark),
            with_suggestion(_f("unknown key '{}' in a data file (keys: year or period, values)", text), text, keys));
      } else if (text == "values" && seen_values_) {
        L_.diag().add(at(mark), _("'values' is given twice; merge them into one mapping"));
      } else if (text == "values") {
        seen_values_ = true;
      }
    } else if (f.role == Role::values) {
      f.unit = L_.unit(text, [&] { return at(mark); });
    } else if (f.role == Role::unit && f.unit) {
      f.item = L_.item(f.unit->kind, text, [&] { return at(mark); });
    }
  }

  void value(Frame& f, const YAML::Mark& mark, std::optional<std::string_view> text) {
    if (f.role == Role::top) {
      if (f.key == "year" || f.key == "period") {
        if (year_ || seen_year_) {
          L_.diag().add(at(f.key_mark), _f("'{}' is given twice (a file has one 'year' or one 'period')", f.key));
        } else if (!text) {
          L_.diag().add(at(mark), _f("'{}' is empty; write the year, e.g. 2024, or a quarter, e.g. 2024Q1", f.key));
        } else {
          seen_year_ = true;
          year_ = L_.period(*text, [&] { return at(mark); });
          if (year_) flush_pending();
        }
      } else if (f.key == "values" && text) {
        L_.diag().add(at(mark), _("'values' must be a mapping of unit ids to `indicator: value` pairs"));
      }
      return;
    }
    if (f.role == Role::values) {
      if (text && !trim(*text).empty() && f.unit) {
        L_.diag().add(at(mark), _f("unit '{}' needs a mapping of `indicator: value` pairs", f.key));
      }
      return;
    }
    if (f.role != Role::unit || !f.unit || f.item < 0 || !text) return;
    if (year_) {
      L_.cell(*f.unit, *year_, f.item, *text, [&] { return at(mark); });
    } else {
      pending_.push_back(Pending{*f.unit, f.item, std::string(*text), mark});
    }
  }

  // Values read before `year:` are kept until the year is known (only when year comes last).
  void flush_pending() {
    if (!year_) {
      if (!seen_year_ && (!pending_.empty() || !reported_no_year_)) {
        L_.diag().add(Location{src_.file, 0, 0}, _("the file gives no 'year'; add `year: 2024` at the top"));
        reported_no_year_ = true;
      }
      pending_.clear();
      return;
    }
    for (const auto& p : pending_) L_.cell(p.unit, *year_, p.item, p.text, [&] { return at(p.mark); });
    pending_.clear();
  }

  const Source& src_;
  Loader& L_;
  std::vector<Frame> stack_;
  int skip_depth_ = 0;
  std::optional<Period> year_;
  bool seen_year_ = false;
  bool seen_values_ = false;
  bool reported_no_year_ = false;
  std::vector<Pending> pending_;
};

}  // namespace

void read_yaml(const Source& src, Loader& L) {
  DataYaml handler(src, L);
  // TRANSLATORS: what a data file must hold, in "the file is empty; it must hold {}".
  parse_events(src, handler, L.diag(), _("`year:` and `values:`"));
}

// A YAML data file splits when the file is at least `min_size` bytes and written in the plain
// block style a program writes: `year:` (or `period:`) then `values:` at the left margin,
// the values to the end of the file, and no byte anywhere that could open a quoted, flow,
// block or aliased construct (quotes, brackets, braces, |, >, &, *, !, %, @, `, a tab, a
// list's `-` at a line start), every indented line a key (holds_key). Then a line indented
// exactly as the first unit key can only be the next unit key, and the file cut before it
// reads as two files with the same head. Anything else (or any doubt) gives nullopt and the
// file is read whole.
std::optional<YamlSplit> split_yaml(const std::string& path, std::size_t min_size) {
  YamlSplit out;
  bool seen_year = false, seen_values = false;
  std::size_t indent = 0;  // of unit keys, once known
  // Judges one whole line (without its line break) starting at file offset `start`.
  auto line = [&](std::string_view l, std::size_t start, std::size_t size) {
    const std::size_t end = start + l.size() + 1;  // after the line break, before trimming
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    const std::size_t lead = l.find_first_not_of(' ');
    if (lead == std::string_view::npos || l[lead] == '#') return true;  // blank or comment
    if (l[lead] == '-') return false;                                   // a list, or ---
    if (lead == 0) {
      if (seen_values) return false;  // a key after the values
      if (l.starts_with("year:") || l.starts_with("period:")) {
        if (seen_year) return false;
        seen_year = true;
        return true;
      }
      const std::string_view rest = l.starts_with("values:") ? l.substr(7) : std::string_view("x");
      const std::size_t more = rest.find_first_not_of(' ');
      if (!seen_year || (more != std::string_view::npos && rest[more] != '#')) return false;
      seen_values = true;
      out.head_end = end;
      return true;
    }
    if (!seen_values || !holds_key(l.substr(lead))) return false;
    if (indent == 0) indent = lead;
    if (lead < indent) return false;
    if (lead == indent && out.split == 0 && start >= size / 2) out.split = start;
    return true;
  };
  const auto size = each_plain_line(path, min_size, "\"'[]{}|>&*!%@`\t", line);
  if (!size || !seen_values || out.split == 0) return std::nullopt;
  out.size = *size;
  return out;
}

}  // namespace xingji::detail
