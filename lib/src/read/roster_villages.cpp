// Reading the villages of a roster: YAML records or CSV rows, a large file as two halves on
// two cores.
#include "read/roster_load.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>

#include "base/i18n.hpp"

namespace xingji::detail {

namespace {

constexpr std::string_view kVillageColumns[] = {"id", "name", "township", "county", "category", "alliance"};
// The same columns as a sheet in Chinese heads them.
constexpr std::string_view kVillageColumnsZh[] = {"编号", "名称", "乡镇", "县", "类别", "联盟"};

// A village's id or name longer than a village keeps: reported where it is, never cut silently.
template <class WhereFn>
void check_size(std::string_view text, std::string_view column, Diagnostics& diag, WhereFn&& where) {
  if (text.size() <= Village::kMaxText) return;
  diag.add(where(), _f("this '{}' is {} bytes long; a village's id or name is at most {} bytes: "
                       "check for a missing quote or line break",
                       column, text.size(), Village::kMaxText));
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
        check_fields(src, r, kVillageColumns, RecordLabel{N_("village"), id}, diag);
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
      diag, _("the village roster"), "villages");
}

}  // namespace

void read_villages_yaml(const std::string& path, Loaded& out, Diagnostics& diag) {
  keep(read_yaml_list<VillageRows>(path, read_village_records, diag), out);
}

namespace {

void read_village_rows(CsvReader& csv, const std::vector<int>& columns, VillageRows& out, Diagnostics& diag) {
  Places places(out.text);
  while (csv.next()) {
    Position where{csv.line(), 1};
    Position alliance_at = where;
    const auto fields = csv.fields();
    if (fields.size() != columns.size()) {
      diag.add(csv.record_location(),
               _f("this row has {} fields but the header has {}", fields.size(), columns.size()));
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

}  // namespace

void read_villages_csv(const std::string& path, const std::string& encoding, Loaded& out, Diagnostics& diag,
                       const std::string* sheet) {
  std::optional<CsvReader> file;
  CsvReader& csv = open_csv(file, path, encoding, sheet);
  if (!csv.next()) return;
  const auto columns = read_header(csv, kVillageColumns, kVillageColumnsZh, _("a village roster"), diag);
  // A row is rarely under 16 bytes: reserving by size avoids regrowing (untouched reserved
  // pages cost no memory).
  std::error_code ec;
  const auto bytes = sheet != nullptr ? sheet->size() : std::filesystem::file_size(path, ec);
  const std::size_t rows = ec ? 1024 : static_cast<std::size_t>(bytes / 16);
  VillageRows read;
  read.villages.reserve(rows);
  read.alliance_field.reserve(rows);
  // A national roster is cut in two and read on both cores. (Converted files are read
  // whole: a split point is a byte of the file, not of its text.)
  const auto split = sheet == nullptr && two_cores() && !converts(encoding) && diag.empty()
                         ? split_csv(path, std::size_t{1} << 20)
                         : std::nullopt;
  if (!split || !read_halves(path, *split, columns, rows, read)) {
    read.villages.clear();
    read.alliance_field.clear();
    read.text = TextStore{};
    read_village_rows(csv, columns, read, diag);
  }
  keep(std::move(read), out);
}

}  // namespace xingji::detail
