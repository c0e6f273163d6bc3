// Fuzz target: people and ledgers (spec 6). A fixed assessment in a scratch folder (villages,
// an alliance, a cadre scheme with linked leaves, ledger leaves and a ledger bonus) reads the
// input, by its first byte, as the ledger file (bit 0) or else as the cadre roster (bit 1:
// CSV or YAML); then the latest year is scored and written, the standings and the first
// cadre's account and explanation made in every format.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_files.hpp"
#include "xingji/explain.hpp"
#include "xingji/ledger.hpp"
#include "xingji/run.hpp"
#include "xingji/views.hpp"

namespace {

const char kManifest[] =
    "villages: villages.yaml\nalliances: alliances.yaml\nschemes: {village: sv.yaml, alliance: sa.yaml}\n"
    "people: {cadre: {name: 村干部, roster: ROSTER, scheme: sc.yaml}}\ndata: [data.csv]\nledgers: [ledger.csv]\n";
const char kVillages[] = "- {id: v1, name: 甲村, alliance: a1}\n- {id: v2, name: 乙村, alliance: a1}\n- {id: v3}\n";
const char kAlliances[] = "- {id: a1, name: 联盟}\n";
const char kVillageScheme[] =
    "total: 100\nindicators:\n  - {id: x, weight: 100}\nveto:\n  - {id: bad, max_stars: 1}\n"
    "stars: [{stars: 5, min: 90}, {stars: 3, min: 70}, {stars: 1, min: 0}]\n";
const char kAllianceScheme[] = "total: 100\nindicators:\n  - {id: y, weight: 100}\n";
const char kCadreScheme[] =
    "total: 100\nmissing: mean\nindicators:\n"
    "  - {id: vs, weight: 20, link: {of: village, value: stars}, scoring: {method: steps, steps: [{min: 5, points: "
    "20}, {min: 1, points: 5}]}}\n"
    "  - {id: at, weight: 20, link: {of: alliance}}\n"
    "  - {id: duty, weight: 20}\n"
    "  - {id: service, name: 服务, weight: 20, ledger: {per: 2, caps: {month: 4, quarter: 10, year: 20}}}\n"
    "  - {id: conduct, weight: 20, ledger: {per: 5, deduct: true}}\n"
    "adjustments:\n  - {id: honor, kind: bonus, cap: 5, ledger: {per: 1, caps: {quarter: 3}}}\n"
    "stars: [{stars: 5, min: 90, max_share: 0.5}, {stars: 1, min: 0}]\n";
const char kData[] =
    "id,year,x,y,bad,duty\nv1,2024,95,,,\nv2,2024,92,,是,\nv3,2024,75,,,\na1,2024,,80,,\n"
    "c1,2024,,,,15\nc2,2024,,,,12\n";
const char kRoster[] = "id,name,village,role\nc1,张一,v1,书记\nc2,李二,v3,主任\n";
const char kLedger[] = "id,date,item,count,note\nc1,2024-03-18,service,3,代办\nc2,2024-04-01,honor,,\n";

void put(const std::string& name, const char* text, std::size_t size) {
  fuzz::write(fuzz::scratch() + "/" + name, text, size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool ledger = (data[0] & 1) != 0;
  const std::string roster = (data[0] & 2) ? "cadres.yaml" : "cadres.csv";
  std::string manifest = kManifest;
  manifest.replace(manifest.find("ROSTER"), 6, roster);
  put("xingji.yaml", manifest.data(), manifest.size());
  put("villages.yaml", kVillages, sizeof kVillages - 1);
  put("alliances.yaml", kAlliances, sizeof kAlliances - 1);
  put("sv.yaml", kVillageScheme, sizeof kVillageScheme - 1);
  put("sa.yaml", kAllianceScheme, sizeof kAllianceScheme - 1);
  put("sc.yaml", kCadreScheme, sizeof kCadreScheme - 1);
  put("data.csv", kData, sizeof kData - 1);
  const char* input = reinterpret_cast<const char*>(data + 1);
  if (ledger) {
    put("ledger.csv", input, size - 1);
    put(roster, kRoster, sizeof kRoster - 1);
  } else {
    put("ledger.csv", kLedger, sizeof kLedger - 1);
    put(roster, input, size - 1);
  }
  try {
    const xingji::Run run = xingji::run_assessment(fuzz::scratch(), std::nullopt, true);
    for (auto f : {xingji::Format::table, xingji::Format::csv, xingji::Format::md, xingji::Format::json})
      (void)xingji::render_scores(run, f);
    const auto cadre = static_cast<xingji::UnitKind>(2);
    const auto standings = xingji::ledger_standings(run.assessment, cadre);
    for (auto f : {xingji::Format::table, xingji::Format::csv, xingji::Format::json})
      (void)xingji::render_ledger(run.assessment, standings, "", f);
    if (run.assessment.roster.size(cadre) > 0) {
      const xingji::UnitRef first{cadre, 0};
      const auto account = xingji::ledger_account(run.assessment, first);
      for (auto f : {xingji::Format::table, xingji::Format::json})
        (void)xingji::render_ledger_account(run.assessment, account, f);
      const auto e = xingji::explain(run, run.assessment.roster.id_of(first));
      (void)xingji::render_explanation(run, e, xingji::Format::table);
    }
  } catch (const xingji::Error&) {
  }
  return 0;
}
