#include "xingji/roster.hpp"

#include "base/i18n.hpp"
#include "read/roster_load.hpp"
#include "xingji/data.hpp"

namespace xingji {

namespace {

bool is_csv(const std::string& path) { return path.size() >= 4 && (path.ends_with(".csv") || path.ends_with(".CSV")); }

}  // namespace

Roster load_roster(const std::string& villages_path, const std::optional<std::string>& alliances_path, bool dual,
                   const std::string& encoding) {
  detail::Loaded loaded;
  loaded.roster.villages_file = villages_path;
  loaded.roster.alliances_file = alliances_path.value_or("");
  Diagnostics diag, alliance_diag;
  // The two files fill different parts of `loaded`: the alliance list (a YAML file of a few
  // thousand is slow to parse) is read while the villages are.
  detail::both(
      [&] {
        if (is_csv(villages_path))
          detail::read_villages_csv(villages_path, csv_encoding(villages_path, encoding), loaded, diag);
        else
          detail::read_villages_yaml(villages_path, loaded, diag);
      },
      [&] {
        if (!alliances_path) return;
        if (is_csv(*alliances_path))
          detail::read_alliances_csv(*alliances_path, csv_encoding(*alliances_path, encoding), loaded, alliance_diag);
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
