// Reading a people roster (spec 6): a kind's people (村干部, 党员) as YAML records or CSV rows
// (or a workbook's sheet), each with the village it belongs to; then the one id namespace of
// villages, alliances and people, and every person's village.
#include "xingji/roster.hpp"

#include <filesystem>
#include <memory>

#include "base/i18n.hpp"
#include "base/text.hpp"
#include "read/roster_load.hpp"
#include "read/xlsx.hpp"

namespace xingji {

namespace {

constexpr std::string_view kPersonColumns[] = {"id", "name", "village", "role"};
// The same columns as a sheet in Chinese heads them.
constexpr std::string_view kPersonColumnsZh[] = {"编号", "姓名", "村", "职务"};
constexpr std::string_view kPersonColumnsZh2[] = {"编号", "名称", "村", "职务"};

// A person whose village was not found among the villages as it was read: its village's id
// (and where it was written), looked up again once every id is known, for the message.
struct Unlinked {
  std::size_t person = 0;
  std::string_view village;
  Position village_at;
};

class PeopleReader {
 public:
  PeopleReader(Roster& roster, std::size_t k, const std::string& label) : roster_(roster), k_(k), label_(label) {}

  void yaml(const std::string& path, Diagnostics& diag) {
    const detail::Source src{path, nullptr};
    detail::read_records(
        src,
        [&](const detail::Record& r) {
          const std::string_view id = detail::value_of(r, "id");
          check_fields(src, r, id, diag);
          const detail::Field* f = r.find("id");
          const detail::Field* v = r.find("village");
          const Position at = detail::position(f ? f->value_mark : r.mark);
          add(id, detail::value_of(r, "name"), detail::value_of(r, "village"), detail::value_of(r, "role"), at,
              v ? detail::position(v->value_mark) : at);
        },
        diag, _f("the {} roster", label_), "people");
  }

  void csv(CsvReader& csv, Diagnostics& diag) {
    if (!csv.next()) return;
    // 姓名 heads a person's name in a sheet; 名称 (as in the village roster) is taken too.
    auto columns = detail::read_header(csv, kPersonColumns, kPersonColumnsZh, _f("the {} roster", label_), diag);
    for (std::size_t i = 0; i < columns.size() && i < csv.fields().size(); ++i) {
      if (trim_blanks(csv.fields()[i]) == kPersonColumnsZh2[1]) columns[i] = 1;
    }
    while (csv.next()) {
      std::string_view id, name, village, role;
      Position at{csv.line(), 1}, village_at = at;
      const auto fields = csv.fields();
      for (std::size_t i = 0; i < fields.size() && i < columns.size(); ++i) {
        const std::string_view value = trim(fields[i]);
        switch (columns[i]) {
          case 0:
            id = value;
            at = csv.position(i);
            break;
          case 1:
            name = value;
            break;
          case 2:
            village = value;
            village_at = csv.position(i);
            break;
          case 3:
            role = value;
            break;
          default:
            break;
        }
      }
      if (id.empty() && name.empty() && village.empty() && role.empty()) continue;  // an empty row
      add(id, name, village, role, at, village_at);
    }
  }

  // The people whose village is no village of the roster: each one's message.
  void link(Diagnostics& diag) {
    auto& people = roster_.people[k_].people;
    for (const Unlinked& un : unlinked_) {
      const std::size_t i = un.person;
      const std::string_view v = un.village;
      const auto ref = roster_.find(v);
      if (ref && ref->kind == UnitKind::village) {  // never, as villages were indexed first
        people[i].village = ref->index;
        continue;
      }
      const Location at = detail::Loaded::located(roster_.people[k_].file, un.village_at);
      if (ref) {
        diag.add(at, _f("{} '{}' names '{}' as its village, but '{}' is not a village; give the id of a village in "
                        "the village roster",
                        label_, people[i].id, v, v));
        continue;
      }
      std::vector<std::string_view> ids;
      for (std::size_t u = 0; u < roster_.villages.size() && roster_.villages.size() <= 5000; ++u)
        ids.push_back(roster_.villages[u].id());
      diag.add(at, with_suggestion(_f("{} '{}' names an unknown village '{}'; add it to the village roster {} "
                                      "or correct the id",
                                      label_, people[i].id, v, roster_.villages_file),
                                   v, ids));
    }
    unlinked_.clear();
  }

 private:
  void check_fields(const detail::Source& src, const detail::Record& r, std::string_view id, Diagnostics& diag) {
    for (std::size_t i = 0; i < r.fields.size(); ++i) {
      const auto& f = r.fields[i];
      if (std::find(std::begin(kPersonColumns), std::end(kPersonColumns), f.key) == std::end(kPersonColumns)) {
        diag.add(src.at(f.key_mark),
                 with_suggestion(_f("unknown key '{}' in {} '{}'", f.key, label_, id), f.key, kPersonColumns));
      } else if (f.is_list) {
        diag.add(src.at(f.key_mark), _f("'{}' must be a single value, not a list", f.key));
      }
      for (std::size_t k = 0; k < i; ++k) {
        if (r.fields[k].key == f.key) {
          diag.add(src.at(f.key_mark), _f("duplicate key '{}' in {} '{}'", f.key, label_, id));
          break;
        }
      }
    }
    if (r.find("id") == nullptr) diag.add(src.at(r.mark), _f("missing required key 'id' in {} '{}'", label_, "?"));
  }

  // A person, its village found at once among the roster's villages (indexed before any
  // person is read); one that is not is looked up again once people are indexed too.
  void add(std::string_view id, std::string_view name, std::string_view village, std::string_view role, Position at,
           Position village_at) {
    TextStore& store = *roster_.text;
    Person p;
    p.id = store.add(id);
    p.name = store.add(name);
    p.role = store.add(role);
    p.where = at;
    auto& people = roster_.people[k_].people;
    if (!village.empty()) {
      const auto ref = roster_.find(village);
      if (ref && ref->kind == UnitKind::village)
        p.village = ref->index;
      else
        unlinked_.push_back(Unlinked{people.size(), store.add(village), village_at});
    }
    people.push_back(p);
  }

  Roster& roster_;
  std::size_t k_;
  std::string label_;
  std::vector<Unlinked> unlinked_;
};

}  // namespace

void load_people(Roster& roster, const std::vector<std::pair<std::string, std::string>>& kinds,
                 const std::string& encoding) {
  Diagnostics diag;
  roster.people.assign(kinds.size(), PeopleRoster{});
  std::vector<std::unique_ptr<PeopleReader>> readers;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    const auto& [path, label] = kinds[k];
    roster.people[k].file = path;
    readers.push_back(std::make_unique<PeopleReader>(roster, k, label));
    PeopleReader& reader = *readers.back();
    if (detail::old_excel(path)) {
      diag.add(Location{path, 0, 0}, detail::old_excel_message());
      continue;
    }
    try {
      if (detail::is_workbook(path)) {
        const auto [workbook, name] = detail::split_sheet(path);
        const detail::SheetText sheet = detail::read_sheet(workbook, nullptr, name);
        roster.people[k].file = workbook + "#" + sheet.sheet;
        roster.people[k].people.reserve(sheet.csv.size() / 16);
        CsvReader csv(CsvReader::in_sheet, roster.people[k].file, sheet.csv);
        reader.csv(csv, diag);
      } else if (detail::is_csv(path)) {
        // A row is rarely under 16 bytes: reserving by size avoids regrowing a province's
        // people (untouched reserved pages cost no memory).
        std::error_code ec;
        const auto bytes = std::filesystem::file_size(path, ec);
        if (!ec) roster.people[k].people.reserve(static_cast<std::size_t>(bytes / 16));
        // Read as UTF-8 until the file proves not to be, then again as GB18030 (spec 5).
        Diagnostics first;
        try {
          CsvReader csv(path, encoding);
          reader.csv(csv, first);
          diag.absorb(std::move(first));
        } catch (const NotUtf8&) {
          roster.people[k].people.clear();
          readers.back() = std::make_unique<PeopleReader>(roster, k, label);
          CsvReader csv(path, std::string("gb18030"));
          readers.back()->csv(csv, diag);
        }
      } else {
        reader.yaml(path, diag);
      }
    } catch (const Error& e) {
      diag.append(e);
    }
    if (roster.people[k].people.empty() && diag.empty()) {
      diag.add(Location{path, 0, 0}, _f("the {} roster lists nobody; list at least one person", label));
    }
  }
  diag.throw_if_any();
  // One id namespace: a person's id must differ from every village's, alliance's and person's.
  if (!roster.index_unique()) {
    auto where_of = [&](UnitRef ref) {
      switch (ref.kind) {
        case UnitKind::village:
          return detail::Loaded::located(roster.villages_file,
                                         roster.villages[static_cast<std::size_t>(ref.index)].where);
        case UnitKind::alliance:
          return detail::Loaded::located(roster.alliances_file,
                                         roster.alliances[static_cast<std::size_t>(ref.index)].where);
        default:
          return detail::Loaded::located(roster.file_of(ref.kind), roster.person(ref).where);
      }
    };
    roster.index();  // the first of equal ids wins; the others are reported below
    for (std::size_t k = 0; k < roster.people.size(); ++k) {
      for (std::size_t i = 0; i < roster.people[k].people.size(); ++i) {
        const UnitRef ref{static_cast<UnitKind>(2 + k), static_cast<int>(i)};
        const std::string_view id = roster.id_of(ref);
        if (id.empty()) {
          diag.add(where_of(ref),
                   _f("a person in the {} roster has an empty id; give everyone an id", kinds[k].second));
          continue;
        }
        const auto first = roster.find(id);
        if (!first || (first->kind == ref.kind && first->index == ref.index)) continue;
        const Location there = where_of(*first);
        diag.add(where_of(ref), _f("duplicate id '{}' (first at {}:{}); the ids of villages, alliances and people "
                                   "must all be different",
                                   id, there.file, there.line));
      }
    }
    diag.throw_if_any();
  }
  for (auto& reader : readers) reader->link(diag);
  diag.throw_if_any();
}

}  // namespace xingji
