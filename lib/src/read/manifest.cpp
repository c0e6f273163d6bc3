#include "xingji/manifest.hpp"

#include <fmt/format.h>
#include <glob.h>

#include <algorithm>
#include <filesystem>

#include "base/files.hpp"
#include "base/i18n.hpp"
#include "read/allocations.hpp"
#include "read/yaml_doc.hpp"
#include "xingji/number.hpp"
#include "xingji/roster.hpp"
#include "xingji/rounding.hpp"
#include "xingji/scheme.hpp"

namespace xingji {

namespace {

namespace fs = std::filesystem;
using detail::YamlDoc;

std::string join(const std::string& dir, const std::string& rel) {
  fs::path p(rel);
  if (p.is_absolute() || dir.empty() || dir == ".") return p.lexically_normal().string();
  return (fs::path(dir) / p).lexically_normal().string();
}

bool has_wildcard(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

// Expands one `data:` or `corrections:` entry into `out`, keeping it in `patterns`; a
// literal path must exist, a pattern may match nothing.
void expand(std::string_view key, const std::string& dir, const std::string& entry, const Location& where,
            std::vector<std::pair<std::string, std::string>>& patterns, std::vector<std::string>& out,
            Diagnostics& diag) {
  const std::string pattern = join(dir, entry);
  patterns.emplace_back(entry, pattern);
  // A workbook's sheet after '#' (data/平桥镇.xlsx#2024) names a sheet of each file matched.
  const auto [file_pattern, sheet] = detail::split_sheet(pattern);
  const std::string suffix = sheet.empty() ? std::string() : "#" + sheet;
  if (!has_wildcard(detail::split_sheet(entry).first)) {
    if (!detail::is_file(file_pattern)) {
      diag.add(where, key == "data"      ? _f("data file '{}' does not exist; check the path (relative to the "
                                                   "manifest)",
                                              file_pattern)
                      : key == "ledgers" ? _f("ledger file '{}' does not exist; check the path (relative to the "
                                              "manifest)",
                                              file_pattern)
                                         : _f("corrections file '{}' does not exist; check the path (relative to the "
                                              "manifest)",
                                              file_pattern));
      return;
    }
    out.push_back(pattern);
    return;
  }
  glob_t g{};
  // glob(3) sorts its matches, so the order of files never depends on the directory.
  if (::glob(file_pattern.c_str(), 0, nullptr, &g) == 0) {
    for (std::size_t i = 0; i < g.gl_pathc; ++i) {
      if (detail::is_file(g.gl_pathv[i])) out.push_back(g.gl_pathv[i] + suffix);
    }
  }
  ::globfree(&g);
}

// The files of the manifest's `key` (data or corrections): one entry or a list of them,
// sorted and without duplicates.
std::vector<std::string> read_file_entries(const YamlDoc& doc, const char* key, const std::string& dir,
                                           std::vector<std::pair<std::string, std::string>>& patterns,
                                           Diagnostics& diag) {
  std::vector<std::string> files;
  const YAML::Node node = doc.root()[key];
  if (!node) return files;
  if (node.IsScalar()) {
    expand(key, dir, node.Scalar(), doc.at(node), patterns, files, diag);
  } else if (doc.expect_seq(node, _f("'{}'", key), diag)) {
    for (const auto& item : node) {
      if (!item.IsScalar()) {
        diag.add(doc.at(item), _f("each entry of '{}' must be a file name or a pattern such as {}/*.csv", key,
                                  std::string_view(key) == "data" ? "data" : "fix"));
        continue;
      }
      expand(key, dir, item.Scalar(), doc.at(item), patterns, files, diag);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

std::vector<std::string> read_data_entries(const YamlDoc& doc, const std::string& dir, Assessment& a,
                                           Diagnostics& diag) {
  const std::size_t before = diag.size();
  auto files = read_file_entries(doc, "data", dir, a.data_patterns, diag);
  if (files.empty() && diag.size() == before && doc.root()["data"]) {
    diag.add(doc.at(doc.root()["data"]),
             _("no data files match 'data'; check the patterns (relative to the manifest)"));
  }
  return files;
}

// `corrections:` (spec 5): a pattern that matches nothing yet is the usual case before any
// correction comes in. A file that is data and a correction at once would be read twice.
std::vector<std::string> read_correction_entries(const YamlDoc& doc, const std::string& dir, Assessment& a,
                                                 Diagnostics& diag) {
  auto files = read_file_entries(doc, "corrections", dir, a.correction_patterns, diag);
  std::erase_if(files, [&](const std::string& f) {
    if (!std::binary_search(a.data_files.begin(), a.data_files.end(), f)) return false;
    diag.add(doc.at(doc.root()["corrections"]),
             _f("'{}' is read both as data and as corrections; keep corrections in a folder of their own "
                "(e.g. fix/) that 'data' does not read",
                f));
    return true;
  });
  return files;
}

// `ledgers:` (spec 6): like `data`, a pattern may match nothing before the first event. A
// file read both as data and as a ledger would be read twice, differently.
std::vector<std::string> read_ledger_entries(const YamlDoc& doc, const std::string& dir, Assessment& a,
                                             Diagnostics& diag) {
  auto files = read_file_entries(doc, "ledgers", dir, a.ledger_patterns, diag);
  std::erase_if(files, [&](const std::string& f) {
    const bool data = std::binary_search(a.data_files.begin(), a.data_files.end(), f);
    const bool fix = std::binary_search(a.correction_files.begin(), a.correction_files.end(), f);
    if (!data && !fix) return false;
    diag.add(doc.at(doc.root()["ledgers"]),
             _f("'{}' is read both as a ledger and as {}; keep ledgers in a folder of their own (e.g. ledger/) that "
                "'data' and 'corrections' do not read",
                f, data ? "data" : "corrections"));
    return true;
  });
  return files;
}

// A people kind as the manifest gives it (spec 6).
struct PeopleEntry {
  std::string id;
  std::string label;
  std::string roster;
  std::string scheme;
  YAML::Node node;
};

std::vector<PeopleEntry> read_people(const YamlDoc& doc, Diagnostics& diag) {
  std::vector<PeopleEntry> out;
  const YAML::Node node = doc.root()["people"];
  if (!node || node.IsNull() || !doc.expect_map(node, _f("'{}'", "people"), diag)) return out;
  for (const auto& kv : node) {
    const std::string id = kv.first.IsScalar() ? std::string(trim(kv.first.Scalar())) : std::string();
    const bool word = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
    if (!word) {
      diag.add(doc.at(kv.first), _("a kind of people needs an id of letters, digits, '-' or '_', used by --level: "
                                   "e.g. `cadre: {name: 村干部, roster: cadres.csv, scheme: scheme-cadre.yaml}`"));
      continue;
    }
    if (id == "village" || id == "alliance") {
      diag.add(doc.at(kv.first), _f("'{}' is the id of a kind of unit already; give this kind of people another id, "
                                    "e.g. cadre or member",
                                    id));
      continue;
    }
    if (std::any_of(out.begin(), out.end(), [&](const PeopleEntry& e) { return e.id == id; })) {
      diag.add(doc.at(kv.first), _f("the kind of people '{}' is given twice", id));
      continue;
    }
    const std::string what = _f("'{}' of 'people'", id);
    if (!doc.expect_map(kv.second, what, diag)) continue;
    doc.check_keys(kv.second, {"name", "roster", "scheme"}, {"roster", "scheme"}, what, diag);
    PeopleEntry e;
    e.id = id;
    e.label = doc.text(kv.second, "name", diag).value_or(id);
    e.roster = doc.text(kv.second, "roster", diag).value_or("");
    e.scheme = doc.text(kv.second, "scheme", diag).value_or("");
    e.node = kv.second;
    if (kv.second["roster"] && e.roster.empty())
      diag.add(doc.at(kv.second["roster"]), _f("'{}' is empty; give a file name", "roster"));
    if (kv.second["scheme"] && e.scheme.empty())
      diag.add(doc.at(kv.second["scheme"]), _f("'{}' is empty; give a file name", "scheme"));
    out.push_back(std::move(e));
  }
  return out;
}

// Links (spec 6) lead from people to villages or alliances that are rated; without a
// `scoring` rule a linked value counts against the full marks of the linked unit's scheme.
void resolve_links(Assessment& a, Diagnostics& diag) {
  for (Kind& kind : a.kinds) {
    if (!kind.rated()) continue;
    for (Indicator& n : kind.scheme->nodes) {
      if (!n.link) continue;
      const std::string label = _f("indicator '{}'", n.id);
      if (kind.shape != KindShape::person) {
        diag.add(n.link->where, _f("{} is linked, but links are for the schemes of people (spec 6); "
                                   "remove its 'link'",
                                   label));
        continue;
      }
      const UnitKind to = n.link->of == LinkOf::village ? UnitKind::village : UnitKind::alliance;
      const Scheme* target = a.scheme_for(to);
      if (target == nullptr) {
        diag.add(n.link->where, to == UnitKind::village
                                    ? _f("{} is linked to the village, but villages are not rated", label)
                                    : _f("{} is linked to the alliance, but alliances are not rated here; add "
                                         "`schemes: {{alliance: ...}}` to the manifest, or link to the village",
                                         label));
        continue;
      }
      if (n.link->value == LinkValue::stars && !target->has_stars()) {
        diag.add(n.link->where, _f("{} takes the stars of its {}, but the scheme {} gives no stars; link to `final` "
                                   "or `own`, or add stars to that scheme",
                                   label, to == UnitKind::village ? "village" : "alliance", target->file));
        continue;
      }
      if (n.link->scored) continue;
      // a = value / full marks, clamped to [0, 1]: the arithmetic of `linear` from 0 to that.
      n.scoring = Scoring{};
      n.scoring.method = Method::linear;
      n.scoring.zero = 0;
      n.scoring.full = n.link->value == LinkValue::stars ? target->max_stars() : target->total;
    }
  }
}

std::vector<std::string> read_ignore_columns(const YamlDoc& doc, Diagnostics& diag) {
  std::vector<std::string> columns;
  const YAML::Node node = doc.root()["ignore_columns"];
  if (!node || !doc.expect_seq(node, _f("'{}'", "ignore_columns"), diag)) return columns;
  for (const auto& item : node) {
    if (!item.IsScalar() || trim(item.Scalar()).empty()) {
      diag.add(doc.at(item), _("each entry of 'ignore_columns' must be a column's header, e.g. [备注, 填表人]"));
      continue;
    }
    columns.emplace_back(trim(item.Scalar()));
  }
  return columns;
}

std::optional<Dual> read_dual(const YamlDoc& doc, Diagnostics& diag) {
  const YAML::Node node = doc.root()["dual"];
  if (!node || node.IsNull()) return std::nullopt;
  if (!doc.expect_map(node, _f("'{}'", "dual"), diag)) return std::nullopt;
  doc.check_keys(node, {"alliance_own", "members", "village_own"}, {"alliance_own", "village_own"}, _f("'{}'", "dual"),
                 diag);
  Dual dual;
  for (auto [key, slot] :
       {std::pair{"alliance_own", &dual.alliance_own}, std::pair{"village_own", &dual.village_own}}) {
    if (auto x = doc.number(node, key, diag)) {
      if (*x < 0 || *x > 1) {
        diag.add(doc.at(node[key]), _f("'{}' is a share of the score and must be between 0 and 1, e.g. 0.6", key));
      }
      *slot = *x;
    }
  }
  if (auto m = doc.choice<MemberAggregate>(
          node, "members",
          {{"mean", MemberAggregate::mean}, {"median", MemberAggregate::median}, {"min", MemberAggregate::min}},
          diag)) {
    dual.members = *m;
  }
  return dual;
}

std::optional<Tiers> read_tiers(const YamlDoc& doc, Diagnostics& diag) {
  const YAML::Node node = doc.root()["tiers"];
  if (!node || node.IsNull()) return std::nullopt;
  if (!doc.expect_map(node, _f("'{}'", "tiers"), diag)) return std::nullopt;
  doc.check_keys(node, {"advanced", "backward", "labels"}, {}, _f("'{}'", "tiers"), diag);
  Tiers t;
  auto stars = [&](const YAML::Node& map, const char* key, std::optional<int>& out) {
    if (auto n = doc.integer(map, key, diag)) {
      if (*n < 0 || *n > 100)
        diag.add(doc.at(map[key]), _f("'{}' must be a number of stars, 0 or more", key));
      else
        out = static_cast<int>(*n);
    }
  };
  if (const YAML::Node adv = node["advanced"]; adv && doc.expect_map(adv, _("'advanced' of 'tiers'"), diag)) {
    doc.check_keys(adv, {"min_stars", "top_share"}, {}, _("'advanced' of 'tiers'"), diag);
    stars(adv, "min_stars", t.min_stars);
    if (auto share = doc.number(adv, "top_share", diag)) {
      if (*share <= 0 || *share > 1) {
        diag.add(doc.at(adv["top_share"]), _("'top_share' must be a share in (0, 1], e.g. 0.2 for the top 20%"));
      } else {
        t.top_share = *share;
        t.top_nanos = threshold_nanos(*share);
      }
    }
    if (!t.min_stars && !t.top_share) diag.add(doc.at(adv), _("'advanced' needs 'min_stars' or 'top_share' (or both)"));
  }
  if (const YAML::Node back = node["backward"]; back && doc.expect_map(back, _("'backward' of 'tiers'"), diag)) {
    doc.check_keys(back, {"max_stars", "below", "veto"}, {}, _("'backward' of 'tiers' (never a quota: 应整尽整)"),
                   diag);
    stars(back, "max_stars", t.max_stars);
    if (auto below = doc.number(back, "below", diag)) {
      t.below = *below;
      t.below_nanos = threshold_nanos(*below);
    }
    if (auto veto = doc.choice<bool>(back, "veto", {{"true", true}, {"false", false}}, diag)) t.veto = *veto;
  }
  if (const YAML::Node labels = node["labels"]; labels && doc.expect_map(labels, _("'labels' of 'tiers'"), diag)) {
    doc.check_keys(labels, {"advanced", "middle", "backward"}, {}, _("'labels' of 'tiers'"), diag);
    const char* keys[] = {"advanced", "middle", "backward"};
    for (int i = 0; i < 3; ++i) {
      if (auto text = doc.text(labels, keys[i], diag); text && !text->empty()) t.labels[i] = *text;
    }
  }
  return t;
}

}  // namespace

Assessment load_assessment(const std::string& path, const std::string& encoding) {
  std::string manifest = path.empty() ? "." : path;
  if (!detail::path_exists(manifest)) {
    throw Error(Location{manifest, 0, 0}, _("does not exist; give an assessment folder or its xingji.yaml manifest"));
  }
  if (detail::is_folder(manifest)) {
    manifest = join(manifest, "xingji.yaml");
    if (!detail::path_exists(manifest)) {
      throw Error(Location{manifest, 0, 0},
                  _("not found: this folder holds no assessment; start one with `xingji init DIR`"));
    }
  }
  Assessment a;
  a.manifest = manifest;
  a.dir = fs::path(manifest).parent_path().string();
  if (a.dir.empty()) a.dir = ".";
  YamlDoc doc(manifest, detail::read_file(manifest));
  Diagnostics diag;
  const auto& root = doc.root();
  if (!doc.expect_map(root, _("the manifest"), diag)) diag.throw_if_any();
  doc.check_keys(root,
                 {"name", "villages", "alliances", "schemes", "data", "dual", "precision", "tiers", "allocations",
                  "ignore_columns", "encoding", "corrections", "people", "ledgers"},
                 {"villages", "schemes", "data"}, _("the manifest"), diag);
  a.name = doc.text(root, "name", diag).value_or("");
  // --encoding overrides the manifest's `encoding:`; neither reads each CSV file as it is.
  const auto manifest_encoding = doc.choice<std::string_view>(
      root, "encoding", {{"utf-8", "utf-8"}, {"gbk", "gbk"}, {"gb18030", "gb18030"}}, diag);
  a.encoding = !encoding.empty() ? encoding : std::string(manifest_encoding.value_or(""));
  a.ignore_columns = read_ignore_columns(doc, diag);
  if (auto p = doc.integer(root, "precision", diag)) {
    if (*p < 0 || *p > 9)
      diag.add(doc.at(root["precision"]), _("'precision' must be between 0 and 9 decimals"));
    else
      a.precision = static_cast<int>(*p);
  }
  auto villages = doc.text(root, "villages", diag);
  auto alliances = doc.text(root, "alliances", diag);
  // A file name that is empty would name the assessment's own folder.
  auto non_empty = [&](std::optional<std::string>& name, const YAML::Node& node, const char* key) {
    if (name && name->empty()) {
      diag.add(doc.at(node[key]), _f("'{}' is empty; give a file name", key));
      name.reset();
    }
  };
  non_empty(villages, root, "villages");
  non_empty(alliances, root, "alliances");
  std::optional<std::string> village_scheme, alliance_scheme;
  if (const YAML::Node s = root["schemes"]; s && doc.expect_map(s, _f("'{}'", "schemes"), diag)) {
    doc.check_keys(s, {"village", "alliance"}, {"village"}, _f("'{}'", "schemes"), diag);
    village_scheme = doc.text(s, "village", diag);
    alliance_scheme = doc.text(s, "alliance", diag);
    non_empty(village_scheme, s, "village");
    non_empty(alliance_scheme, s, "alliance");
  }
  a.dual = read_dual(doc, diag);
  if (a.dual) {
    if (!alliance_scheme)
      diag.add(doc.at(root["dual"]), _("'dual' needs both schemes; add `schemes: {alliance: ...}`"));
    if (!alliances) diag.add(doc.at(root["dual"]), _("'dual' needs alliances; add `alliances: alliances.yaml`"));
  }
  a.data_files = read_data_entries(doc, a.dir, a, diag);
  a.correction_files = read_correction_entries(doc, a.dir, a, diag);
  a.ledger_files = read_ledger_entries(doc, a.dir, a, diag);
  const std::vector<PeopleEntry> people = read_people(doc, diag);
  for (std::size_t k = 0; k < people.size(); ++k) a.kinds.push_back(people_kind(2 + k, people[k].id, people[k].label));
  a.tiers = read_tiers(doc, diag);

  // Each named file is loaded even when another failed, so one run shows every problem.
  auto attempt = [&](auto&& fn) {
    try {
      fn();
    } catch (const Error& e) {
      diag.append(e);
    }
  };
  if (village_scheme)
    attempt([&] { a.kinds[index_of(UnitKind::village)].scheme = load_scheme(join(a.dir, *village_scheme)); });
  if (alliance_scheme)
    attempt([&] { a.kinds[index_of(UnitKind::alliance)].scheme = load_scheme(join(a.dir, *alliance_scheme)); });
  if (villages) {
    std::optional<std::string> alliances_path;
    if (alliances) alliances_path = join(a.dir, *alliances);
    attempt([&] { a.roster = load_roster(join(a.dir, *villages), alliances_path, a.dual.has_value(), a.encoding); });
  }
  for (std::size_t k = 0; k < people.size(); ++k) {
    if (people[k].scheme.empty()) continue;
    attempt([&] { a.kinds[2 + k].scheme = load_scheme(join(a.dir, people[k].scheme)); });
  }
  if (!people.empty() && diag.empty()) {
    std::vector<std::pair<std::string, std::string>> rosters;
    for (const auto& p : people) rosters.emplace_back(join(a.dir, p.roster), p.label);
    attempt([&] { load_people(a.roster, rosters, a.encoding); });
  }
  resolve_links(a, diag);
  const Scheme* villages_by = a.scheme_for(UnitKind::village);
  const Scheme* alliances_by = a.scheme_for(UnitKind::alliance);
  if (a.dual && villages_by && alliances_by && villages_by->total != alliances_by->total) {
    diag.add(doc.at(root["dual"]),
             _f("'dual' mixes scores out of different totals (village scheme {}, alliance scheme {}); "
                "give both schemes the same 'total'",
                format_number(villages_by->total), format_number(alliances_by->total)));
  }
  // Tiers by stars need stars in every scheme that rates units.
  if (a.tiers && (a.tiers->min_stars || a.tiers->max_stars)) {
    for (const Kind& kind : a.kinds) {
      const Scheme* s = kind.rated() ? &*kind.scheme : nullptr;
      if (s == nullptr || s->has_stars()) continue;
      const YAML::Node tiers = root["tiers"];
      const YAML::Node at = a.tiers->min_stars ? tiers["advanced"]["min_stars"] : tiers["backward"]["max_stars"];
      diag.add(doc.at(at), _f("'tiers' refer to stars, but the scheme {} gives none; "
                              "add 'stars' to it, or use top_share and below instead",
                              s->file));
    }
  }
  // Allocations check their factors against the schemes' levels: read once those are.
  if (diag.empty()) detail::read_allocations(doc, a, diag);
  // A run that stops here still shows the warnings, which may explain an error.
  if (!diag.empty()) {
    for (auto& w : a.warnings()) diag.add(std::move(w));
  }
  diag.throw_if_any();
  return a;
}

}  // namespace xingji
