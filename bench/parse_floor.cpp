// The parse floor: the least work any tool must do with a wide data CSV. It reads the file,
// converts every numeric field with std::from_chars, and writes one number (the row's sum)
// per row. xingji's `score` is measured against it.

#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: parse_floor DATA.csv OUT.csv\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string out;
  out.reserve(text.size() / 8);
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end && *p != '\n') ++p;  // header
  if (p < end) ++p;
  char buf[32];
  while (p < end) {
    double sum = 0;
    while (p < end && *p != '\n') {
      const char* f = p;
      while (p < end && *p != ',' && *p != '\n') ++p;
      double x = 0;
      if (std::from_chars(f, p, x).ec == std::errc{}) sum += x;
      if (p < end && *p == ',') ++p;
    }
    if (p < end) ++p;
    auto [e, ec] = std::to_chars(buf, buf + sizeof buf, sum);
    out.append(buf, e);
    out += '\n';
  }
  std::ofstream(argv[2], std::ios::binary) << out;
  return 0;
}
