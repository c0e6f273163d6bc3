// Times each stage of `xingji score --format csv` on one assessment, with the memory in use
// after it and the peak so far, to see where time and memory go:
//   phases PATH [REPEAT [STAGE]]
// With REPEAT, each stage (or only STAGE: roster, data, evaluate or csv) runs that many
// times and the fastest is shown: on a noisy machine the least time is the steadiest
// measure of a change to one stage. To compare two builds, run both with XINGJI_THREADS=1
// as well, in turn: on a shared virtual machine the time of two threads swings by a third
// from run to run, that of one thread by a few percent.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>

#include <sys/resource.h>

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
  if (argc < 2 || argc > 4) {
    std::cerr << "usage: phases PATH [REPEAT [roster|data|evaluate|csv]]\n";
    return 2;
  }
  const int repeats = argc >= 3 ? std::max(1, std::stoi(argv[2])) : 1;
  const std::string only = argc == 4 ? argv[3] : "";
  using clock = std::chrono::steady_clock;
  // Runs `stage` `repeat` times and prints the fastest.
  // Seconds of CPU (user and system, all threads) the process has used.
  auto cpu = [] {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
    return s(u.ru_utime) + s(u.ru_stime);
  };
  auto time = [&](const char* what, const std::string& name, auto&& stage) {
    const int repeat = only.empty() || only == name ? repeats : 1;
    double best = 1e9, best_cpu = 0;
    for (int i = 0; i < repeat; ++i) {
      const auto t = clock::now();
      const double c = cpu();
      stage();
      const double wall = std::chrono::duration<double>(clock::now() - t).count();
      if (wall < best) best = wall, best_cpu = cpu() - c;
    }
    std::cout << what << ": " << best << " s, " << best_cpu << " s of CPU (" << memory() << ")\n";
  };
  try {
    xingji::Run run;
    time("load assessment (manifest, schemes, roster)", "roster",
         [&] { run.assessment = xingji::load_assessment(argv[1]); });
    time("load data", "data", [&] { run.data = xingji::load_data(run.assessment); });
    time("evaluate", "evaluate", [&] { run.eval = xingji::evaluate(run.assessment, run.data, run.data.latest()); });
    time("write csv", "csv", [&] {
      std::ofstream out("/dev/null");
      xingji::render_scores(run, xingji::Format::csv, out);
    });
  } catch (const xingji::Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
