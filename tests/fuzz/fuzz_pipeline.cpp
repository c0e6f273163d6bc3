// Fuzz target: the whole pipeline from data in memory: a fixed assessment (first byte, bit
// 1: the Tiantai example with dual evaluation, gates and quotas, or the Kangding example with
// quarters, ballots and promotion) reads the input as a data file (bit 0: CSV or YAML), then
// every year is evaluated, written in every format and its first unit explained.
#include <cstddef>
#include <cstdint>
#include <string>

#include "xingji/data.hpp"
#include "xingji/explain.hpp"
#include "xingji/manifest.hpp"
#include "xingji/report.hpp"
#include "xingji/run.hpp"
#include "xingji/views.hpp"

#ifndef XINGJI_SOURCE_DIR
#define XINGJI_SOURCE_DIR "."
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xingji::Assessment tiantai = xingji::load_assessment(XINGJI_SOURCE_DIR "/examples/tiantai");
  static const xingji::Assessment kangding = xingji::load_assessment(XINGJI_SOURCE_DIR "/examples/kangding");
  if (size == 0) return 0;
  const xingji::Assessment& assessment = (data[0] & 2) ? kangding : tiantai;
  const std::string name = (data[0] & 1) ? "fuzz.yaml" : "fuzz.csv";
  try {
    xingji::Run run;
    run.assessment = assessment;
    run.data = xingji::load_data(assessment, {{name, std::string(reinterpret_cast<const char*>(data + 1), size - 1)}});
    for (const auto& [year, unused] : run.data.years) {
      run.eval = xingji::evaluate(assessment, run.data, year);
      for (auto f : {xingji::Format::table, xingji::Format::csv, xingji::Format::md, xingji::Format::json}) {
        (void)xingji::render_scores(run, f);
        xingji::RankOptions by;
        by.by = "township";
        (void)xingji::render_ranking(run, by, f);
      }
      (void)xingji::render_report(run, xingji::Format::md);
      (void)xingji::render_report(run, xingji::Format::csv);
      const auto e = xingji::explain(run, assessment.roster.villages[0].id());
      for (auto f : {xingji::Format::table, xingji::Format::md, xingji::Format::json})
        (void)xingji::render_explanation(run, e, f);
    }
  } catch (const xingji::Error&) {
  }
  return 0;
}
