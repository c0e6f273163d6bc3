// Fuzz target: the manifest loader, with valid roster, schemes and data beside it, then
// the whole evaluation when it loads.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_files.hpp"
#include "xingji/run.hpp"
#include "xingji/views.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& dir = fuzz::scratch();
  static const bool ready = [&] {
    auto put = [&](const char* name, const std::string& text) {
      fuzz::write(dir + "/" + name, text.data(), text.size());
    };
    put("villages.yaml", "- {id: v1, alliance: a1}\n- {id: v2, alliance: a1}\n- {id: v3}\n");
    put("alliances.yaml", "- {id: a1, chair: v1}\n");
    put("sv.yaml",
        "indicators: [{id: x, weight: 60, scoring: {method: linear, zero: 0, full: 10}}, {id: y, weight: 40}]\n"
        "stars: [{stars: 5, min: 90}, {stars: 1, min: 0}]\n");
    put("sa.yaml", "indicators: [{id: z, weight: 100}]\n");
    put("d.csv", "id,year,x,y,z\nv1,2024,5,20,\nv2,2024,9,40,\nv3,2024,1,1,\na1,2024,,,70\n");
    return true;
  }();
  (void)ready;
  fuzz::write(dir + "/xingji.yaml", reinterpret_cast<const char*>(data), size);
  try {
    const xingji::Run run = xingji::run_assessment(dir, std::nullopt, true);
    (void)xingji::render_scores(run, xingji::Format::json);
    // Allocations (spec 7) share out what the ratings decide: each on its own, an error
    // (floors over the amount, ...) being a result like any other.
    for (const auto& al : run.assessment.allocations) {
      try {
        const std::vector<xingji::AllocationResult> r{xingji::allocate(run.assessment, run.eval, al)};
        (void)xingji::render_allocations(run, r, {}, xingji::Format::json);
      } catch (const xingji::Error&) {
      }
    }
  } catch (const xingji::Error&) {
  }
  return 0;
}
