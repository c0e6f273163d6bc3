#include "xingji/starter.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "base/files.hpp"
#include "base/i18n.hpp"
#include "xingji/error.hpp"
#include "xingji/output.hpp"

namespace xingji {

std::vector<std::pair<std::string, std::string>> starter_files() {
  return {
      // TRANSLATORS: the starter's manifest, a YAML file: translate the comments (after #) and
      // keep every key and value before them as it is; the result must stay valid YAML.
      {"xingji.yaml", _(R"(# 考评清单 (manifest): what to read. Paths are relative to this file.
# Check it with `xingji validate`, then `xingji score`, `xingji rank`, `xingji report`.
name: 示例县村级党组织星级评定          # the title of reports
villages: villages.csv                  # the roster: YAML or CSV
schemes:
  village: scheme-village.yaml          # the rule set (考评细则) for villages
data: [data/*.csv]                      # yearly data: files or patterns, CSV or YAML
precision: 2                            # decimals of every reported score
# To rate Party-building alliances too, add `alliances:`, `schemes: {alliance: ...}` and
# `dual:` (双考评); see the examples folder of xingji.
)")},
      {"villages.csv", R"(id,name,township,county,category
dongcun,东村,城关镇,示例县,平原
xicun,西村,城关镇,示例县,山区
nancun,南村,河口镇,示例县,平原
)"},
      // TRANSLATORS: the starter's scheme, a YAML file: translate the comments (after #) and
      // keep every key and value as it is; the result must stay valid YAML.
      {"scheme-village.yaml",
       _(R"(# 村级党组织星级评定细则: a tree of areas and items; weights are relative among siblings.
id: village
name: 村级党组织星级评定细则
total: 100                 # full marks of the base score
missing: error             # a missing value is an error (or: zero, mean)
indicators:
  - id: org
    name: 组织建设
    weight: 40
    children:
      # linear: 60 % gives 0 points, 100 % gives full points
      - {id: meetings, name: 三会一课落实率, unit: "%", weight: 20, scoring: {method: linear, zero: 60, full: 100}}
      # no scoring: the assessors give points directly, 0 to the weight
      - {id: team, name: 班子运行, weight: 20}
  - id: develop
    name: 发展成效
    weight: 60
    children:
      # steps: the highest `min` reached gives its points
      - id: income
        name: 村集体经营性收入
        unit: 万元
        weight: 40
        scoring: {method: steps, steps: [{min: 100, points: 40}, {min: 50, points: 30}, {min: 20, points: 15}]}
      # check: 是/否
      - {id: venue, name: 党群服务中心达标, weight: 20, scoring: {method: check}}
adjustments:               # 加分项 and 扣分项, per occurrence, with caps
  - {id: honors, name: 市级以上表彰, kind: bonus, per: 2, cap: 4}
veto:                      # 一票否决: caps the stars whatever the score
  - {id: discipline, name: 发生严重违纪违法问题, max_stars: 1}
stars:                     # the highest level whose min the rounded score reaches
  - {stars: 5, min: 90}
  - {stars: 4, min: 80}
  - {stars: 3, min: 70}
  - {stars: 2, min: 60}
  - {stars: 1, min: 0}
)")},
      {"data/2024.csv", R"(id,name,year,meetings,team,income,venue,honors,discipline
dongcun,东村,2024,95,18,120,是,1,
xicun,西村,2024,80,15,45,是,,
nancun,南村,2024,70,12,18,否,,
)"},
  };
}

void write_starter(const std::string& dir) {
  namespace fs = std::filesystem;
  const auto files = starter_files();
  Diagnostics diag;
  for (const auto& [name, text] : files) {
    const fs::path p = fs::path(dir) / name;
    if (detail::path_exists(p))
      diag.add(Location{p.string(), 0, 0}, _("already exists; choose an empty folder (nothing was written)"));
  }
  diag.throw_if_any();
  for (const auto& [name, text] : files) {
    const fs::path p = fs::path(dir) / name;
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    if (ec) throw Error(Location{p.parent_path().string(), 0, 0}, _f("cannot create the folder: {}", ec.message()));
    write_file_atomically(p.string(), text);
  }
}

}  // namespace xingji
