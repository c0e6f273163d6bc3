// The YAML baseline: loads data files the obvious way, YAML::LoadFile into a node tree, and
// walks every value. xingji's event-based reader is measured against it.

#include <yaml-cpp/yaml.h>

#include <iostream>

int main(int argc, char** argv) {
  double sum = 0;
  long cells = 0;
  for (int i = 1; i < argc; ++i) {
    const YAML::Node doc = YAML::LoadFile(argv[i]);
    for (const auto& unit : doc["values"]) {
      for (const auto& cell : unit.second) {
        sum += cell.second.as<double>();
        ++cells;
      }
    }
  }
  std::cout << cells << " values, sum " << sum << "\n";
  return 0;
}
