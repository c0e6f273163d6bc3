#include "xingji/roster.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <set>
#include <unordered_map>

#include "base/parallel.hpp"
#include "base/suggest.hpp"
#include "read/csv.hpp"
#include "read/split.hpp"
#include "read/yaml_events.hpp"
#include "xingji/number.hpp"

namespace xingji {

namespace {

using detail::both;
using detail::Field;
using detail::Record;
using detail::Source;
using detail::two_cores;

constexpr std::string_view kVillageColumns[] = {"id", "name", "township", "county", "category", "alliance"};
constexpr std::string_view kAllianceColumns[] = {"id", "name", "chair", "members"};

bool is_csv(const std::string& path) { return path.size() >= 4 && (path.ends_with(".csv") || path.ends_with(".CSV")); }

// A member named by an alliance, kept with its place for messages.
struct MemberRef {
  std::string id;
  Position where;
};

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
Position position(const YAML::Mark& m) { return Position{m.line + 1, 0, m.pos}; }

// A position read in the second half of a split file, moved to where it is in the file:
// `lines` lines and (when the half counted bytes from its own start) `bytes` bytes later.
void shift(Position& p, int lines, long bytes) {
  p.line += lines;
  if (p.offset >= 0) p.offset += bytes;
}

// Reads a YAML roster list with `read(source, rows, diag)`: a long one (see split_yaml_list)
// as two halves on two cores, the second half's positions then moved to their places in the
// whole file. Only a clean read of the halves counts: on any problem the file is read
// whole, and its messages are the reference.
template <class Rows, class Read>
Rows read_yaml_list(const std::string& path, Read&& read, Diagnostics& diag) {
  if (const auto at = two_cores() ? detail::split_yaml_list(path, std::size_t{64} << 10) : std::nullopt) {
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

// Unknown and repeated keys of a roster record, and required ones that are absent.
void check_fields(const Source& src, const Record& r, std::span<const std::string_view> known, std::string_view what,
                  Diagnostics& diag) {
  for (std::size_t i = 0; i < r.fields.size(); ++i) {
    const auto& f = r.fields[i];
    for (std::size_t k = 0; k < i; ++k) {
      if (r.fields[k].key == f.key)
        diag.add(src.at(f.key_mark), "duplicate key '" + f.key + "' in " + std::string(what));
    }
    if (std::find(known.begin(), known.end(), f.key) == known.end()) {
      diag.add(src.at(f.key_mark), unknown_name("key", f.key, known, " in " + std::string(what)));
    } else if (f.is_list && f.key != "members") {
      diag.add(src.at(f.key_mark), "'" + f.key + "' must be a single value, not a list");
    }
  }
  if (r.find("id") == nullptr) diag.add(src.at(r.mark), "missing required key 'id' in " + std::string(what));
}

std::string_view value_of(const Record& r, std::string_view key) {
  const Field* f = r.find(key);
  return f ? trim(f->value) : std::string_view();
}

// A village's id or name longer than a village keeps: reported where it is, never cut silently.
template <class WhereFn>
void check_size(std::string_view text, std::string_view column, Diagnostics& diag, WhereFn&& where) {
  if (text.size() <= Village::kMaxText) return;
  diag.add(where(), "this '" + std::string(column) + "' is " + std::to_string(text.size()) +
                        " bytes long; a village's id or name is at most " + std::to_string(Village::kMaxText) +
                        " bytes: check for a missing quote or line break");
}

// Keeps the villages' places in the roster's store. Rosters are listed by place, so one of
// the last few distinct places is reused rather than stored again.
class Places {
  // Equal texts; a place name or an alliance id is a few characters, compared here in two
  // loads rather than by a call to memcmp (two million compares in a national roster).
  static bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    const std::size_t n = a.size();
    auto ends = [&](auto word) {  // the first and the last sizeof(word) bytes, overlapping
      decltype(word) a0, a1, b0, b1;
      std::memcpy(&a0, a.data(), sizeof a0);
      std::memcpy(&a1, a.data() + n - sizeof a1, sizeof a1);
      std::memcpy(&b0, b.data(), sizeof b0);
      std::memcpy(&b1, b.data() + n - sizeof b1, sizeof b1);
      return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    };
    if (n >= 8 && n <= 16) return ends(std::uint64_t{});
    if (n >= 4 && n < 8) return ends(std::uint32_t{});
    return a == b;
  }
  // The alliance first: it changes most often from one run of villages to the next.
  static bool same(const VillagePlace* a, const VillagePlace& b) {
    return a != nullptr && same(a->alliance, b.alliance) && same(a->township, b.township) &&
           same(a->county, b.county) && same(a->category, b.category);
  }

 public:
  explicit Places(TextStore& store) : store_(store) {}
  const VillagePlace* of(const VillagePlace& p) {
    if (same(recent_[last_], p)) return recent_[last_];  // most often the row before's
    for (std::size_t k = 0; k < recent_.size() && recent_[k] != nullptr; ++k) {
      if (same(recent_[k], p)) {
        last_ = k;
        return recent_[k];
      }
    }
    const VillagePlace kept{store_.add(p.township), store_.add(p.county), store_.add(p.category),
                            store_.add(p.alliance)};
    last_ = next_++ % recent_.size();
    recent_[last_] = store_.add_value(kept);
    return recent_[last_];
  }

 private:
  TextStore& store_;
  std::array<const VillagePlace*, 8> recent_{};
  std::size_t next_ = 0;
  std::size_t last_ = 0;  ///< where the last place used is in recent_
};

// Villages read from some rows of a roster (all of it, or one half).
struct VillageRows {
  BigVector<Village> villages;
  BigVector<Position> alliance_field;
  TextStore text;

  // Takes the villages of the half after this one, shifting their positions as shift() does.
  void append(VillageRows&& second, int lines, long bytes) {
    for (auto& v : second.villages) shift(v.where, lines, bytes);
    for (auto& p : second.alliance_field) shift(p, lines, bytes);
    villages.insert(villages.end(), second.villages.begin(), second.villages.end());
    alliance_field.insert(alliance_field.end(), second.alliance_field.begin(), second.alliance_field.end());
    text.absorb(std::move(second.text));
  }
};

void keep(VillageRows&& rows, Loaded& out) {
  out.roster.villages = std::move(rows.villages);
  out.alliance_field = std::move(rows.alliance_field);
  out.roster.text->absorb(std::move(rows.text));
}

void read_village_records(const Source& src, VillageRows& out, Diagnostics& diag) {
  Places places(out.text);
  read_records(
      src,
      [&](const Record& r) {
        const std::string_view id = value_of(r, "id"), name = value_of(r, "name");
        check_fields(src, r, kVillageColumns, "village '" + std::string(id.empty() ? "?" : id) + "'", diag);
        check_size(id, "id", diag, [&] { return src.at(r.find("id")->value_mark); });
        check_size(name, "name", diag, [&] { return src.at(r.find("name")->value_mark); });
        Village v(out.text, id, name,
                  places.of(VillagePlace{value_of(r, "township"), value_of(r, "county"), value_of(r, "category"),
                                         value_of(r, "alliance")}));
        const Field* id_field = r.find("id");
        v.where = position(id_field ? id_field->value_mark : r.mark);
        const Field* al = r.find("alliance");
        out.alliance_field.push_back(al ? position(al->value_mark) : v.where);
        out.villages.push_back(v);
      },
      diag, "the village roster");
}

void read_villages_yaml(const std::string& path, Loaded& out, Diagnostics& diag) {
  keep(read_yaml_list<VillageRows>(path, read_village_records, diag), out);
}

std::vector<int> read_header(CsvReader& csv, std::span<const std::string_view> known, std::string_view what,
                             Diagnostics& diag) {
  std::vector<int> columns;
  bool has_id = false;
  for (std::size_t i = 0; i < csv.fields().size(); ++i) {
    const auto name = trim(csv.fields()[i]);
    auto it = std::find(known.begin(), known.end(), name);
    if (it == known.end()) {
      diag.add(csv.location(i), unknown_name("column", name, known, " in " + std::string(what)));
      columns.push_back(-1);
      continue;
    }
    const int col = static_cast<int>(it - known.begin());
    if (std::find(columns.begin(), columns.end(), col) != columns.end()) {
      diag.add(csv.location(i), "column '" + std::string(name) + "' is given twice");
    }
    has_id = has_id || col == 0;
    columns.push_back(col);
  }
  if (!has_id) diag.add(csv.location(0), std::string(what) + " needs an 'id' column");
  return columns;
}

void read_village_rows(CsvReader& csv, const std::vector<int>& columns, VillageRows& out, Diagnostics& diag) {
  Places places(out.text);
  while (csv.next()) {
    Position where{csv.line(), 1};
    Position alliance_at = where;
    const auto fields = csv.fields();
    if (fields.size() != columns.size()) {
      diag.add(csv.record_location(), "this row has " + std::to_string(fields.size()) + " fields but the header has " +
                                          std::to_string(columns.size()));
    }
    std::string_view id, name;
    VillagePlace place;
    for (std::size_t i = 0; i < fields.size() && i < columns.size(); ++i) {
      const std::string_view value = trim(fields[i]);
      switch (columns[i]) {
        case 0:
          id = value;
          where = csv.position(i);
          break;
        case 1:
          name = value;
          break;
        case 2:
          place.township = value;
          break;
        case 3:
          place.county = value;
          break;
        case 4:
          place.category = value;
          break;
        case 5:
          place.alliance = value;
          // Only needed for messages about the alliance; skip the column count when empty.
          if (!value.empty()) alliance_at = csv.position(i);
          break;
        default:
          continue;
      }
      if (columns[i] <= 1) check_size(value, kVillageColumns[columns[i]], diag, [&] { return csv.location(i); });
    }
    Village v(out.text, id, name, places.of(place));
    v.where = where;
    out.alliance_field.push_back(alliance_at);
    out.villages.push_back(v);
  }
}

// Reads a large roster file as two halves on two cores into `first`, the halves joined in
// file order. Only a clean read counts: false on any problem (a cut inside a quoted field is
// one: the first half ends in an unclosed quote); the caller then reads the file whole, and
// its messages are the reference.
bool read_halves(const std::string& path, const CsvSplit& at, const std::vector<int>& columns, std::size_t rows,
                 VillageRows& first) {
  VillageRows second;
  second.villages.reserve(rows / 2);
  second.alliance_field.reserve(rows / 2);
  CsvReader head(path, 0, at.offset, 1);
  CsvReader tail(path, at.offset, at.size, 1);
  head.next();  // the header, read by the caller
  Diagnostics first_diag, second_diag;
  try {
    both([&] { read_village_rows(head, columns, first, first_diag); },
         [&] { read_village_rows(tail, columns, second, second_diag); });
  } catch (const Error&) {
    return false;
  }
  if (!first_diag.empty() || !second_diag.empty()) return false;
  // The second half numbered its lines from 1; its byte offsets are the file's.
  first.append(std::move(second), head.next_line() - 1, 0);
  return true;
}

void read_villages_csv(const std::string& path, const std::string& encoding, Loaded& out, Diagnostics& diag) {
  CsvReader csv(path, encoding);
  if (!csv.next()) return;
  const auto columns = read_header(csv, kVillageColumns, "a village roster", diag);
  // A row is rarely under 16 bytes: reserving by size avoids regrowing (untouched reserved
  // pages cost no memory).
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  const std::size_t rows = ec ? 1024 : static_cast<std::size_t>(bytes / 16);
  VillageRows read;
  read.villages.reserve(rows);
  read.alliance_field.reserve(rows);
  // A national roster is cut in two and read on both cores. (Converted files are read
  // whole: a split point is a byte of the file, not of its text.)
  const auto split =
      two_cores() && encoding.empty() && diag.empty() ? split_csv(path, std::size_t{1} << 20) : std::nullopt;
  if (!split || !read_halves(path, *split, columns, rows, read)) {
    read.villages.clear();
    read.alliance_field.clear();
    read.text = TextStore{};
    read_village_rows(csv, columns, read, diag);
  }
  keep(std::move(read), out);
}

// Alliances read from some records of an alliance list (all of it, or one half).
struct AllianceRows {
  std::vector<Alliance> alliances;
  std::vector<Position> chair_where;
  std::vector<std::optional<std::vector<MemberRef>>> listed;

  // Takes the alliances of the half after this one, shifting their positions as shift() does.
  void append(AllianceRows&& second, int lines, long bytes) {
    for (auto& a : second.alliances) shift(a.where, lines, bytes);
    for (auto& p : second.chair_where) shift(p, lines, bytes);
    for (auto& members : second.listed) {
      if (!members) continue;
      for (auto& m : *members) shift(m.where, lines, bytes);
    }
    std::move(second.alliances.begin(), second.alliances.end(), std::back_inserter(alliances));
    chair_where.insert(chair_where.end(), second.chair_where.begin(), second.chair_where.end());
    std::move(second.listed.begin(), second.listed.end(), std::back_inserter(listed));
  }
};

void keep(AllianceRows&& rows, Loaded& out) {
  out.roster.alliances = std::move(rows.alliances);
  out.chair_where = std::move(rows.chair_where);
  out.listed = std::move(rows.listed);
}

// How many records the text of `src` may hold at most, a record taking at least `least`
// bytes: room reserved for that many is mostly never touched, so it costs no memory, while
// growing the lists record by record would touch new pages (and copy) at each doubling.
std::size_t most_records(const Source& src, std::size_t least) {
  std::size_t bytes = 0;
  if (src.text) {
    bytes = src.text->size();
  } else if (src.pieces.empty()) {
    std::error_code ec;
    bytes = static_cast<std::size_t>(std::filesystem::file_size(src.file, ec));
    if (ec) bytes = 0;
  } else {
    for (const auto& [from, to] : src.pieces) bytes += to - from;
  }
  return bytes / least + 1;
}

void read_alliance_records(const Source& src, AllianceRows& out, Diagnostics& diag) {
  const std::size_t most = most_records(src, 8);  // "- {id: a}" and a line break
  out.alliances.reserve(out.alliances.size() + most);
  out.chair_where.reserve(out.chair_where.size() + most);
  out.listed.reserve(out.listed.size() + most);
  read_records(
      src,
      [&](const Record& r) {
        Alliance a;
        a.id = value_of(r, "id");
        const std::string label = "alliance '" + (a.id.empty() ? std::string("?") : a.id) + "'";
        check_fields(src, r, kAllianceColumns, label, diag);
        a.name = value_of(r, "name");
        a.chair = value_of(r, "chair");
        const Field* id = r.find("id");
        a.where = position(id ? id->value_mark : r.mark);
        const Field* chair = r.find("chair");
        out.chair_where.push_back(chair ? position(chair->value_mark) : a.where);
        std::optional<std::vector<MemberRef>> members;
        if (const Field* m = r.find("members")) {
          if (!m->is_list && !trim(m->value).empty()) {
            diag.add(src.at(m->value_mark), "'members' of " + label + " must be a list of village ids, e.g. [v1, v2]");
          } else if (m->is_list) {
            members.emplace();
            for (const auto& [member, mark] : m->items)
              members->push_back(MemberRef{std::string(trim(member)), position(mark)});
          }
        }
        out.listed.push_back(std::move(members));
        out.alliances.push_back(std::move(a));
      },
      diag, "the alliance list");
}

// A list of a few thousand alliances takes yaml-cpp tens of milliseconds: a long one is
// read as two halves.
void read_alliances_yaml(const std::string& path, Loaded& out, Diagnostics& diag) {
  keep(read_yaml_list<AllianceRows>(path, read_alliance_records, diag), out);
}

void read_alliances_csv(const std::string& path, const std::string& encoding, Loaded& out, Diagnostics& diag) {
  CsvReader csv(path, encoding);
  if (!csv.next()) return;
  AllianceRows rows;
  const auto columns = read_header(csv, kAllianceColumns, "an alliance list", diag);
  while (csv.next()) {
    Alliance a;
    a.where = Position{csv.line(), 1};
    Position chair_at = a.where;
    std::optional<std::vector<MemberRef>> members;
    const auto fields = csv.fields();
    for (std::size_t i = 0; i < fields.size() && i < columns.size(); ++i) {
      std::string value(trim(fields[i]));
      switch (columns[i]) {
        case 0:
          a.id = std::move(value);
          a.where = csv.position(i);
          break;
        case 1:
          a.name = std::move(value);
          break;
        case 2:
          a.chair = std::move(value);
          chair_at = csv.position(i);
          break;
        case 3: {
          // Members in one cell, separated by ';' (a comma would need quoting in CSV).
          members.emplace();
          std::string_view rest = fields[i];
          while (!rest.empty()) {
            auto cut = rest.find(';');
            auto id = trim(rest.substr(0, cut));
            if (!id.empty()) members->push_back(MemberRef{std::string(id), csv.position(i)});
            rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);
          }
          break;
        }
        default:
          break;
      }
    }
    rows.chair_where.push_back(chair_at);
    rows.listed.push_back(std::move(members));
    rows.alliances.push_back(std::move(a));
  }
  keep(std::move(rows), out);
}

// Builds the roster's id index, reporting empty and duplicate ids on the way.
void check_ids(Loaded& in, Diagnostics& diag) {
  auto& r = in.roster;
  if (r.index_unique()) return;  // the usual case, on both cores
  // Locations are made only for messages: for a YAML roster that means reading a line again.
  auto where_of = [&](UnitRef ref) {
    return ref.kind == UnitKind::village ? in.village_at(r.villages[static_cast<std::size_t>(ref.index)].where)
                                         : in.alliance_at(r.alliances[static_cast<std::size_t>(ref.index)].where);
  };
  auto claim = [&](UnitRef ref, std::string_view kind) {
    const std::string_view id = r.id_of(ref);
    if (id.empty()) {
      diag.add(where_of(ref), std::string(kind) + " has an empty id; give every " + std::string(kind) + " an id");
      return;
    }
    if (auto taken = r.add(ref)) {
      const Location first = where_of(*taken);
      diag.add(where_of(ref), "duplicate id '" + std::string(id) + "' (first at " + first.file + ":" +
                                  std::to_string(first.line) + "); village and alliance ids must all be different");
    }
  };
  for (std::size_t i = 0; i < r.villages.size(); ++i)
    claim(UnitRef{UnitKind::village, static_cast<int>(i)}, "a village");
  for (std::size_t i = 0; i < r.alliances.size(); ++i)
    claim(UnitRef{UnitKind::alliance, static_cast<int>(i)}, "an alliance");
}

void link(Loaded& in, bool dual, Diagnostics& diag) {
  auto& r = in.roster;
  // The id index (built by check_ids) answers both questions; ids are unique by now.
  auto index_of = [&r](std::string_view id, UnitKind kind) {
    auto ref = r.find(id);
    return ref && ref->kind == kind ? ref->index : -1;
  };
  // Candidates for "did you mean", gathered only when a name is unknown.
  auto ids_of = [&r](UnitKind kind) {
    std::vector<std::string_view> ids;
    const std::size_t n = kind == UnitKind::village ? r.villages.size() : r.alliances.size();
    for (std::size_t i = 0; n <= 5000 && i < n; ++i) ids.push_back(r.id_of(UnitRef{kind, static_cast<int>(i)}));
    return ids;
  };

  // Each village's alliance as its own `alliance` field says, looked up on both cores; the
  // unknown ones are reported after, in roster order.
  std::atomic<bool> unknown{false};
  detail::halves(r.villages.size(), detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
    // Villages of one alliance stand together: the village before answers most lookups.
    std::string_view last;
    int last_index = -1;
    for (std::size_t i = from; i < to; ++i) {
      auto& v = r.villages[i];
      const std::string_view alliance = v.alliance();
      if (alliance.empty()) continue;
      if (alliance != last) {
        last = alliance;
        last_index = index_of(alliance, UnitKind::alliance);
      }
      v.alliance_index = last_index;
      if (v.alliance_index < 0) unknown.store(true, std::memory_order_relaxed);
    }
  });
  for (std::size_t i = 0; unknown.load() && i < r.villages.size(); ++i) {
    const auto& v = r.villages[i];
    if (v.alliance().empty() || v.alliance_index >= 0) continue;
    diag.add(in.village_at(in.alliance_field[i]), unknown_name("alliance", v.alliance(), ids_of(UnitKind::alliance),
                                                               " for village '" + std::string(v.id()) + "'"));
  }
  // Members listed by alliances must agree with the villages' own field.
  for (std::size_t a = 0; a < r.alliances.size(); ++a) {
    if (!in.listed[a]) continue;
    std::set<std::string_view> listed_here;
    for (const auto& m : *in.listed[a]) {
      if (!listed_here.insert(m.id).second) {
        diag.add(in.alliance_at(m.where),
                 "village '" + m.id + "' is listed twice as a member of alliance '" + r.alliances[a].id + "'");
        continue;
      }
      const int member = index_of(m.id, UnitKind::village);
      if (member < 0) {
        diag.add(in.alliance_at(m.where), unknown_name("village", m.id, ids_of(UnitKind::village),
                                                       " listed as a member of alliance '" + r.alliances[a].id + "'"));
        continue;
      }
      auto& v = r.villages[static_cast<std::size_t>(member)];
      if (v.alliance_index == static_cast<int>(a)) continue;
      if (v.alliance_index >= 0) {
        diag.add(in.alliance_at(m.where), "village '" + m.id + "' belongs to two alliances, '" +
                                              r.alliances[static_cast<std::size_t>(v.alliance_index)].id + "' and '" +
                                              r.alliances[a].id + "'; a village belongs to at most one alliance");
        continue;
      }
      if (!v.alliance().empty()) continue;  // unknown alliance, already reported
      v.alliance_index = static_cast<int>(a);
      v.set_alliance(*r.text, r.alliances[a].id);
    }
  }
  // A village naming an alliance whose listed members leave it out disagrees with that list.
  const bool any_listed = std::any_of(in.listed.begin(), in.listed.end(), [](const auto& l) { return l.has_value(); });
  for (std::size_t i = 0; any_listed && i < r.villages.size(); ++i) {
    const auto& v = r.villages[i];
    if (v.alliance_index < 0) continue;
    const auto& listed = in.listed[static_cast<std::size_t>(v.alliance_index)];
    if (listed && std::none_of(listed->begin(), listed->end(), [&](const MemberRef& m) { return m.id == v.id(); })) {
      diag.add(in.village_at(in.alliance_field[i]),
               "village '" + std::string(v.id()) + "' names alliance '" + std::string(v.alliance()) +
                   "', but that alliance's members do not list it; make the two agree");
    }
  }
  // Members grouped by alliance in one array: count, then place each in roster order.
  std::vector<std::size_t> next(r.alliances.size() + 1, 0);
  for (const auto& v : r.villages) {
    if (v.alliance_index >= 0) ++next[static_cast<std::size_t>(v.alliance_index) + 1];
  }
  for (std::size_t a = 1; a < next.size(); ++a) next[a] += next[a - 1];
  auto list = std::make_shared<BigVector<int>>(next.back());
  for (std::size_t a = 0; a < r.alliances.size(); ++a) {
    r.alliances[a].members = std::span<const int>(list->data() + next[a], next[a + 1] - next[a]);
  }
  for (std::size_t i = 0; i < r.villages.size(); ++i) {
    const int a = r.villages[i].alliance_index;
    if (a >= 0) (*list)[next[static_cast<std::size_t>(a)]++] = static_cast<int>(i);
  }
  r.member_list = std::move(list);
  for (std::size_t a = 0; a < r.alliances.size(); ++a) {
    const auto& al = r.alliances[a];
    if (!al.chair.empty()) {
      const int chair = index_of(al.chair, UnitKind::village);
      if (chair < 0 || r.villages[static_cast<std::size_t>(chair)].alliance_index != static_cast<int>(a)) {
        diag.add(in.alliance_at(in.chair_where[a]), "chair '" + al.chair + "' of alliance '" + al.id +
                                                        "' is not one of its member villages; name a member as chair");
      }
    }
    if (dual && al.members.empty()) {
      diag.add(in.alliance_at(al.where), "alliance '" + al.id +
                                             "' has no member villages, so dual evaluation cannot score it; "
                                             "list its members or remove it");
    }
  }
}

}  // namespace

Roster load_roster(const std::string& villages_path, const std::optional<std::string>& alliances_path, bool dual,
                   const std::string& encoding) {
  Loaded loaded;
  loaded.roster.villages_file = villages_path;
  loaded.roster.alliances_file = alliances_path.value_or("");
  Diagnostics diag, alliance_diag;
  // The two files fill different parts of `loaded`: the alliance list (a YAML file of a few
  // thousand is slow to parse) is read while the villages are.
  both(
      [&] {
        if (is_csv(villages_path))
          read_villages_csv(villages_path, encoding, loaded, diag);
        else
          read_villages_yaml(villages_path, loaded, diag);
      },
      [&] {
        if (!alliances_path) return;
        if (is_csv(*alliances_path))
          read_alliances_csv(*alliances_path, encoding, loaded, alliance_diag);
        else
          read_alliances_yaml(*alliances_path, loaded, alliance_diag);
      });
  diag.absorb(std::move(alliance_diag));
  if (loaded.roster.villages.empty() && diag.empty()) {
    diag.add(Location{villages_path, 0, 0}, "the roster has no villages; list at least one village");
  }
  check_ids(loaded, diag);
  diag.throw_if_any();
  link(loaded, dual, diag);
  diag.throw_if_any();
  return std::move(loaded.roster);
}

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
    if (lead > 0) return items;                                         // more of an item
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
