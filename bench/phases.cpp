// Times each stage of `xingji score --format csv` on one assessment, with the memory in use
// after it and the peak so far, to see where time and memory go:
//   phases PATH
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>

#include "xingji/data.hpp"
#include "xingji/manifest.hpp"
#include "xingji/run.hpp"
#include "xingji/score.hpp"
#include "xingji/views.hpp"

namespace {
// "VmRSS 123 MB, peak 456 MB" from /proc/self/status.
std::string memory() {
  std::ifstream status("/proc/self/status");
  std::string line, rss, hwm;
  while (std::getline(status, line)) {
    auto kb = [&] { return std::to_string(std::stol(line.substr(line.find(':') + 1)) / 1024) + " MB"; };
    if (line.starts_with("VmRSS:")) rss = kb();
    if (line.starts_with("VmHWM:")) hwm = kb();
  }
  return "in use " + rss + ", peak " + hwm;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: phases PATH\n";
    return 2;
  }
  using clock = std::chrono::steady_clock;
  auto t = clock::now();
  auto lap = [&](const char* what) {
    const auto now = clock::now();
    std::cout << what << ": " << std::chrono::duration<double>(now - t).count() << " s (" << memory() << ")\n";
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
