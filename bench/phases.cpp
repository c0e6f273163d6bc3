// Times each stage of `xingji score --format csv` on one assessment, with the memory in use
// after it and the peak so far, to see where time and memory go:
//   phases PATH [REPEAT]
// With REPEAT, each stage runs that many times and the fastest is shown: on a noisy machine
// the least time is the steadiest measure of a change to one stage.
#include <algorithm>
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
  if (argc != 2 && argc != 3) {
    std::cerr << "usage: phases PATH [REPEAT]\n";
    return 2;
  }
  const int repeat = argc == 3 ? std::max(1, std::stoi(argv[2])) : 1;
  using clock = std::chrono::steady_clock;
  // Runs `stage` `repeat` times and prints the fastest.
  auto time = [&](const char* what, auto&& stage) {
    double best = 1e9;
    for (int i = 0; i < repeat; ++i) {
      const auto t = clock::now();
      stage();
      best = std::min(best, std::chrono::duration<double>(clock::now() - t).count());
    }
    std::cout << what << ": " << best << " s (" << memory() << ")\n";
  };
  try {
    xingji::Run run;
    time("load assessment (manifest, schemes, roster)", [&] { run.assessment = xingji::load_assessment(argv[1]); });
    time("load data", [&] { run.data = xingji::load_data(run.assessment); });
    time("evaluate", [&] { run.eval = xingji::evaluate(run.assessment, run.data, run.data.latest()); });
    time("write csv", [&] {
      std::ofstream out("/dev/null");
      xingji::render_scores(run, xingji::Format::csv, out);
    });
  } catch (const xingji::Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
