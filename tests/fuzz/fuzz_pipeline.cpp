// Fuzz target: the whole pipeline from data in memory: a fixed assessment (the Tiantai
// example, dual evaluation) reads the input as a data file (first byte: CSV or YAML),
// then every year is evaluated and written in every format.
#include <cstddef>
#include <cstdint>
#include <string>

#include "xingji/data.hpp"
#include "xingji/manifest.hpp"
#include "xingji/report.hpp"
#include "xingji/run.hpp"
#include "xingji/views.hpp"

#ifndef XINGJI_SOURCE_DIR
#define XINGJI_SOURCE_DIR "."
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xingji::Assessment assessment = xingji::load_assessment(XINGJI_SOURCE_DIR "/examples/tiantai");
  if (size == 0) return 0;
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
    }
  } catch (const xingji::Error&) {
  }
  return 0;
}
