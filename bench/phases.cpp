// Times each stage of `xingji score --format csv` on one assessment, to see where time goes:
//   phases PATH
#include <chrono>
#include <fstream>
#include <iostream>

#include "xingji/data.hpp"
#include "xingji/manifest.hpp"
#include "xingji/run.hpp"
#include "xingji/score.hpp"
#include "xingji/views.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: phases PATH\n";
    return 2;
  }
  using clock = std::chrono::steady_clock;
  auto t = clock::now();
  auto lap = [&](const char* what) {
    const auto now = clock::now();
    std::cout << what << ": " << std::chrono::duration<double>(now - t).count() << " s\n";
    t = now;
  };
  try {
    xingji::Run run;
    run.assessment = xingji::load_assessment(argv[1]);
    lap("load assessment (manifest, schemes, roster)");
    run.data = xingji::load_data(run.assessment);
    lap("load data");
    run.eval = xingji::evaluate(run.assessment, run.data, run.data.latest());
    lap("evaluate");
    std::ofstream out("/dev/null");
    xingji::render_scores(run, xingji::Format::csv, out);
    lap("write csv");
  } catch (const xingji::Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
