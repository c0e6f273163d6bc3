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
      diag.add(where, key == "data"
                          ? _f("data file '{}' does not exist; check the path (relative to the manifest)", file_pattern)
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
                  "ignore_columns", "encoding", "corrections"},
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
