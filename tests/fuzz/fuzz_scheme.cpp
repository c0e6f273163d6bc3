// Fuzz target: the scheme loader (node API) on arbitrary text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "xingji/scheme.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)xingji::parse_scheme("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  } catch (const xingji::Error&) {
  }
  return 0;
}
