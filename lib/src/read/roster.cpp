#include "xingji/roster.hpp"

#include "base/i18n.hpp"
#include "read/roster_load.hpp"
#include "read/xlsx.hpp"

namespace xingji {

Roster load_roster(const std::string& villages_path, const std::optional<std::string>& alliances_path, bool dual,
                   const std::string& encoding) {
  detail::Loaded loaded;
  loaded.roster.villages_file = villages_path;
  loaded.roster.alliances_file = alliances_path.value_or("");
  Diagnostics diag, alliance_diag;
  // The two files fill different parts of `loaded`: the alliance list (a YAML file of a few
  // thousand is slow to parse) is read while the villages are.
  // A CSV file without a given encoding is read as UTF-8 until it proves not to be, then again
  // as GB18030 (spec 5); the readers keep their rows only once a file is read through.
  auto read_csv = [&](auto read, const std::string& path, Diagnostics& d) {
    if (!encoding.empty()) return read(path, encoding, loaded, d, nullptr);
    Diagnostics first;
    try {
      read(path, std::string(), loaded, first, nullptr);
      d.absorb(std::move(first));
    } catch (const NotUtf8&) {
      read(path, std::string("gb18030"), loaded, d, nullptr);
    }
  };
  // A workbook's sheet (spec 8) is read as the CSV text it would be saved as; its places are
  // its cells, and the roster names it by the sheet read ("FILE.xlsx#SHEET").
  auto read_workbook = [&](auto read, const std::string& path, std::string& file, Diagnostics& d) {
    try {
      const auto [workbook, name] = detail::split_sheet(path);
      const detail::SheetText sheet = detail::read_sheet(workbook, nullptr, name);
      file = workbook + "#" + sheet.sheet;
      read(file, std::string(), loaded, d, &sheet.csv);
    } catch (const Error& e) {
      d.append(e);
    }
  };
  for (const std::string* path : {&villages_path, alliances_path ? &*alliances_path : nullptr}) {
    if (path != nullptr && detail::old_excel(*path)) diag.add(Location{*path, 0, 0}, detail::old_excel_message());
  }
  diag.throw_if_any();
  detail::both(
      [&] {
        if (detail::is_workbook(villages_path))
          read_workbook(detail::read_villages_csv, villages_path, loaded.roster.villages_file, diag);
        else if (detail::is_csv(villages_path))
          read_csv(detail::read_villages_csv, villages_path, diag);
        else
          detail::read_villages_yaml(villages_path, loaded, diag);
      },
      [&] {
        if (!alliances_path) return;
        if (detail::is_workbook(*alliances_path))
          read_workbook(detail::read_alliances_csv, *alliances_path, loaded.roster.alliances_file, alliance_diag);
        else if (detail::is_csv(*alliances_path))
          read_csv(detail::read_alliances_csv, *alliances_path, alliance_diag);
        else
          detail::read_alliances_yaml(*alliances_path, loaded, alliance_diag);
      });
  diag.absorb(std::move(alliance_diag));
  if (loaded.roster.villages.empty() && diag.empty()) {
    diag.add(Location{villages_path, 0, 0}, _("the roster has no villages; list at least one village"));
  }
  detail::check_ids(loaded, diag);
  diag.throw_if_any();
  detail::link(loaded, dual, diag);
  diag.throw_if_any();
  return std::move(loaded.roster);
}

}  // namespace xingji
