// Fuzz target: the roster loaders (YAML events and CSV). The first byte picks the format
// and whether alliances and dual apply; the rest is the village roster.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_files.hpp"
#include "xingji/roster.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::string villages = fuzz::scratch() + ((mode & 1) ? "/v.csv" : "/v.yaml");
  const std::string alliances = fuzz::scratch() + "/a.yaml";
  fuzz::write(villages, reinterpret_cast<const char*>(data + 1), size - 1);
  static const char kAlliances[] = "- {id: a1, chair: v1}\n- {id: a2, members: [v2, v3]}\n";
  fuzz::write(alliances, kAlliances, sizeof kAlliances - 1);
  try {
    const auto r = xingji::load_roster(villages, (mode & 2) ? std::optional<std::string>(alliances) : std::nullopt,
                                       (mode & 4) != 0);
    for (const auto& v : r.villages) (void)r.find(v.id());
  } catch (const xingji::Error&) {
  }
  return 0;
}
