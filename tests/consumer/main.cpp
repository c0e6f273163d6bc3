// Scores an assessment through the installed library and prints its first village.
#include <iostream>

#include "xingji/run.hpp"
#include "xingji/version.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  try {
    const xingji::Run run = xingji::run_assessment(argv[1], std::nullopt, false);
    const auto& villages = run.eval.of(xingji::UnitKind::village);
    const auto& first = villages.ranking.front();
    std::cout << "xingji " << xingji::version() << ": " << run.assessment.roster.villages[first.unit].id() << " "
              << villages.units[first.unit].shown.str() << "\n";
  } catch (const xingji::Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
