#pragma once
// Internal: a roster while it is read, shared by its parts: read/roster.cpp (both files, then
// the checks), roster_villages.cpp, roster_alliances.cpp, roster_link.cpp (ids and members)
// and roster_records.cpp (a CSV roster's header, where a YAML list can be cut in two). The
// helpers here run once a record and stay inline, in the reader's translation unit.

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/i18n.hpp"
#include "base/parallel.hpp"
#include "base/suggest.hpp"
#include "read/csv.hpp"
#include "read/split.hpp"
#include "read/yaml_events.hpp"
#include "xingji/number.hpp"
#include "xingji/roster.hpp"

namespace xingji::detail {

// A member named by an alliance, kept with its place for messages.
struct MemberRef {
  std::string id;
  Position where;
};

// The roster being read, with what its checks need to know and the roster does not keep.
struct Loaded {
  Roster roster;
  BigVector<Position> alliance_field;                         // per village: where `alliance` was given
  std::vector<std::optional<std::vector<MemberRef>>> listed;  // per alliance: `members`, if given
  std::vector<Position> chair_where;

  Location village_at(Position p) const { return located(roster.villages_file, p); }
  Location alliance_at(Position p) const { return located(roster.alliances_file, p); }

  // A position whose column was left uncounted (YAML) is counted now, for a message.
  static Location located(const std::string& file, Position p) {
    if (p.column > 0 || p.offset < 0) return p.in(file);
    YAML::Mark m;
    m.line = p.line - 1;
    m.pos = static_cast<int>(p.offset);
    return Source{file, nullptr}.at(m);
  }
};

// Where a YAML value is, with its character column left for when a message needs it.
inline Position position(const YAML::Mark& m) { return Position{m.line + 1, 0, m.pos}; }

// A position read in the second half of a split file, moved to where it is in the file:
// `lines` lines and (when the half counted bytes from its own start) `bytes` bytes later.
inline void shift(Position& p, int lines, long bytes) {
  p.line += lines;
  if (p.offset >= 0) p.offset += bytes;
}

// Reads a YAML roster list with `read(source, rows, diag)`: a long one (see split_yaml_list)
// as two halves on two cores, the second half's positions then moved to their places in the
// whole file. Only a clean read of the halves counts: on any problem the file is read
// whole, and its messages are the reference.
template <class Rows, class Read>
Rows read_yaml_list(const std::string& path, Read&& read, Diagnostics& diag) {
  if (const auto at = two_cores() ? split_yaml_list(path, list_split_min_size()) : std::nullopt) {
    Rows first, second;
    Diagnostics first_diag, second_diag;
    try {
      both(
          [&] {
            read(Source{path, nullptr, {{0, at->offset}}}, first, first_diag);
          },
          [&] {
            read(Source{path, nullptr, {{at->offset, at->size}}}, second, second_diag);
          });
      if (first_diag.empty() && second_diag.empty()) {
        first.append(std::move(second), at->lines, static_cast<long>(at->offset));
        return first;
      }
    } catch (const Error&) {
      // read whole below
    }
  }
  Rows rows;
  read(Source{path, nullptr}, rows, diag);
  return rows;
}

/// What a roster record is in messages: `village 'v1'`, or `village '?'` without an id. Kept
/// as its two parts and formatted only into a message: a label string made for every record
/// would cost an allocation each in a roster of 500,000 villages.
struct RecordLabel {
  const char* kind;  ///< the kind's noun, marked with N_ ("village"), translated in the message
  std::string_view id;
};

}  // namespace xingji::detail

template <>
struct fmt::formatter<xingji::detail::RecordLabel> {
  constexpr auto parse(format_parse_context& ctx) { return ctx.begin(); }
  template <class Context>
  auto format(const xingji::detail::RecordLabel& label, Context& ctx) const {
    // TRANSLATORS: a unit in a message: its kind (village, alliance), then its id: "village 'v1'".
    const std::string text = xingji::_f("{} '{}'", xingji::tr(label.kind), label.id.empty() ? "?" : label.id);
    return fmt::format_to(ctx.out(), "{}", text);
  }
};

namespace xingji::detail {

// Unknown and repeated keys of a roster record, and required ones that are absent.
inline void check_fields(const Source& src, const Record& r, std::span<const std::string_view> known, RecordLabel what,
                         Diagnostics& diag) {
  for (std::size_t i = 0; i < r.fields.size(); ++i) {
    const auto& f = r.fields[i];
    // Once a repeated key, at its second place: a record repeating one key n times (a fuzzer
    // made one) must not cost n² messages, each placed by scanning its line.
    std::size_t before = 0;
    for (std::size_t k = 0; k < i && before < 2; ++k) before += r.fields[k].key == f.key ? 1 : 0;
    if (before == 1) diag.add(src.at(f.key_mark), _f("duplicate key '{}' in {}", f.key, what));
    if (std::find(known.begin(), known.end(), f.key) == known.end()) {
      diag.add(src.at(f.key_mark), with_suggestion(_f("unknown key '{}' in {}", f.key, what), f.key, known));
    } else if (f.is_list && f.key != "members") {
      diag.add(src.at(f.key_mark), _f("'{}' must be a single value, not a list", f.key));
    }
  }
  if (r.find("id") == nullptr) diag.add(src.at(r.mark), _f("missing required key 'id' in {}", what));
}

inline std::string_view value_of(const Record& r, std::string_view key) {
  const Field* f = r.find(key);
  return f ? trim(f->value) : std::string_view();
}

/// The columns of a CSV roster's header as indexes into `known` (-1 for an unknown one,
/// reported); `what` names the file in messages.
std::vector<int> read_header(CsvReader& csv, std::span<const std::string_view> known,
                             std::span<const std::string_view> chinese, std::string_view what, Diagnostics& diag);

/// Whether a roster file is CSV by its name (.csv or .CSV); any other name is YAML (or a
/// workbook, tested first). Shared by the village, alliance and people rosters.
inline bool is_csv(const std::string& path) { return path.ends_with(".csv") || path.ends_with(".CSV"); }

/// The villages of a roster file (CSV or YAML) into `out`.
/// Opens a roster's CSV in `file`: the file at `path` in `encoding`, or a workbook's sheet
/// (read_sheet's text, places as cells) when `sheet` is given.
inline CsvReader& open_csv(std::optional<CsvReader>& file, const std::string& path, const std::string& encoding,
                           const std::string* sheet) {
  if (sheet != nullptr)
    file.emplace(CsvReader::in_sheet, path, *sheet);
  else
    file.emplace(path, encoding);
  return *file;
}

void read_villages_csv(const std::string& path, const std::string& encoding, Loaded& out, Diagnostics& diag,
                       const std::string* sheet = nullptr);
void read_villages_yaml(const std::string& path, Loaded& out, Diagnostics& diag);
/// The alliances of an alliance list (CSV or YAML) into `out`.
void read_alliances_csv(const std::string& path, const std::string& encoding, Loaded& out, Diagnostics& diag,
                        const std::string* sheet = nullptr);
void read_alliances_yaml(const std::string& path, Loaded& out, Diagnostics& diag);

/// Builds the roster's id index, reporting empty and duplicate ids on the way.
void check_ids(Loaded& in, Diagnostics& diag);
/// Joins villages and alliances both ways (a village's `alliance`, an alliance's `members`),
/// reporting where they disagree; with `dual`, every alliance needs members.
void link(Loaded& in, bool dual, Diagnostics& diag);

}  // namespace xingji::detail
