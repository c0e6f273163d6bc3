#include "xingji/starter.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "base/files.hpp"
#include "base/i18n.hpp"
#include "xingji/error.hpp"
#include "xingji/output.hpp"

namespace xingji {

std::vector<std::pair<std::string, std::string>> starter_files(bool people) {
  auto files = std::vector<std::pair<std::string, std::string>>{
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
  if (!people) return files;
  // 村干部星级化 (spec 6): cadres rated with their village's stars, data and a points ledger.
  files[0].second += _(R"(
# 村干部星级化 (spec 6): people are rated like villages, each kind with its roster and rule set.
# `xingji rank --level cadre`, `xingji explain c01`, `xingji ledger` show them.
people:
  cadre:
    name: 村干部                         # the kind's label in reports
    roster: cadres.csv                  # id, name, village, role
    scheme: scheme-cadre.yaml
ledgers: [ledger/*.csv]                 # 积分台账: dated events, id,date,item,count,note
)");
  files.emplace_back("cadres.csv", R"(id,name,village,role
c01,张建国,dongcun,书记
c02,李秀英,dongcun,主任
c03,王德明,xicun,书记
c04,赵春梅,nancun,书记
)");
  // TRANSLATORS: the starter's scheme for village cadres, a YAML file: translate the comments
  // (after #) and keep every key and value as it is; the result must stay valid YAML.
  files.emplace_back("scheme-cadre.yaml",
                     _(R"(# 村干部星级化考评细则: the same rules as for villages, plus links and ledgers.
id: cadre
name: 村干部星级化考评细则
total: 100
missing: zero              # a cadre without a value gets 0 for it
indicators:
  # link: the raw value is the village's stars this year (after every rule), scored by steps
  - id: village_stars
    name: 所在村星级
    weight: 20
    link: {of: village, value: stars}
    scoring: {method: steps, steps: [{min: 5, points: 20}, {min: 4, points: 16}, {min: 3, points: 12}, {min: 1, points: 6}]}
  - {id: duty, name: 履职尽责, weight: 50}          # points given directly
  # ledger: each event gives `per` points; months, quarters and the year are capped
  - {id: service, name: 为民服务积分, weight: 20, ledger: {per: 2, caps: {month: 4, year: 20}}}
  # deduct: each event takes `per` points off the weight, down to 0
  - {id: conduct, name: 遵守工作纪律, weight: 10, ledger: {per: 2, deduct: true}}
stars:
  - {stars: 5, min: 90}
  - {stars: 4, min: 80}
  - {stars: 3, min: 70}
  - {stars: 2, min: 60}
  - {stars: 1, min: 0}
)"));
  files.emplace_back("data/cadres-2024.csv", R"(id,name,year,duty
c01,张建国,2024,46
c02,李秀英,2024,42
c03,王德明,2024,40
c04,赵春梅,2024,35
)");
  files.emplace_back("ledger/2024.csv", R"(id,date,item,count,note
c01,2024-03-05,service,1,走访困难群众
c01,2024-03-18,service,2,代办医保参保
c01,2024-05-20,service,1,调解邻里纠纷
c02,2024-04-02,service,1,帮办惠农补贴
c03,2024-06-11,conduct,1,无故缺席统一活动日
c04,2024-07-08,service,3,防汛转移群众
)");
  return files;
}

void write_starter(const std::string& dir, bool people) {
  namespace fs = std::filesystem;
  const auto files = starter_files(people);
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
