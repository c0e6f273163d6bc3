// Fuzz target: the whole pipeline from data in memory: a fixed assessment (first byte, bit
// 1: the Tiantai example with dual evaluation, gates and quotas, or the Kangding example with
// quarters, ballots and promotion) reads the input as a data file (bit 0: CSV or YAML), or
// (bit 2) as a corrections file over the example's own data, then every year is evaluated,
// written in every format and its first unit explained.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "xingji/data.hpp"
#include "xingji/explain.hpp"
#include "xingji/manifest.hpp"
#include "xingji/report.hpp"
#include "xingji/run.hpp"
#include "xingji/views.hpp"

#ifndef XINGJI_SOURCE_DIR
#define XINGJI_SOURCE_DIR "."
#endif

namespace {

// The texts of an assessment's data files, as (file name, content).
std::vector<std::pair<std::string, std::string>> data_texts(const xingji::Assessment& a) {
  std::vector<std::pair<std::string, std::string>> texts;
  for (const auto& file : a.data_files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    texts.emplace_back(file, std::move(text).str());
  }
  return texts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xingji::Assessment tiantai = xingji::load_assessment(XINGJI_SOURCE_DIR "/examples/tiantai");
  static const xingji::Assessment kangding = xingji::load_assessment(XINGJI_SOURCE_DIR "/examples/kangding");
  if (size == 0) return 0;
  static const auto tiantai_data = data_texts(tiantai);
  static const auto kangding_data = data_texts(kangding);
  const xingji::Assessment& assessment = (data[0] & 2) ? kangding : tiantai;
  const std::string name = (data[0] & 1) ? "fuzz.yaml" : "fuzz.csv";
  try {
    xingji::Run run;
    run.assessment = assessment;
    std::vector<std::pair<std::string, std::string>> input{
        {name, std::string(reinterpret_cast<const char*>(data + 1), size - 1)}};
    run.data = (data[0] & 4) ? xingji::load_data(assessment, (data[0] & 2) ? kangding_data : tiantai_data, input)
                             : xingji::load_data(assessment, input);
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
