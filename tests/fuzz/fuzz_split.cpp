// Fuzz target: a YAML roster list read as two halves on two cores (split_yaml_list) gives
// what reading it whole gives. The input is a fragment placed in the middle of a list of 48
// plain items (long enough to be read in halves: see kSplitFrom), of villages or (first byte odd) of alliances; the
// same list followed by a comment holding a quote cannot be split and is read whole. When the first can be split, the
// two must load the same units at the same places, or fail with the same message; otherwise the target aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "fuzz_files.hpp"
#include "read/split.hpp"
#include "xingji/roster.hpp"

namespace {

// What a load gave, as text: every unit with its place, or the error.
std::string outcome(const std::string& villages, const std::optional<std::string>& alliances) {
  try {
    const auto r = xingji::load_roster(villages, alliances, false);
    std::string out;
    for (const auto& v : r.villages) {
      out += std::string(v.id()) + "|" + std::string(v.name()) + "|" + std::string(v.township()) + "|" +
             std::string(v.alliance()) + "|" + std::to_string(v.where.line) + ":" + std::to_string(v.where.offset) +
             "|" + std::to_string(v.alliance_index) + "\n";
    }
    for (const auto& a : r.alliances) {
      out += a.id + "|" + a.name + "|" + a.chair + "|" + std::to_string(a.where.line) + ":" +
             std::to_string(a.where.offset) + "|" + std::to_string(a.members.size()) + "\n";
    }
    return out;
  } catch (const xingji::Error& e) {
    return std::string("error: ") + e.what();
  }
}

// The loader reads a list in halves from 1 KiB here (64 KiB in use), so that a list of 48
// items, read hundreds of times a second, takes that path: the cut and its checks are the same.
constexpr std::size_t kSplitFrom = 1024;

std::string long_list(const std::string& fragment, bool alliances) {
  std::string text;
  for (int i = 0; i < 48; ++i) {
    if (i == 24) text += fragment;
    text += alliances ? "- {id: g" + std::to_string(i) + ", name: 联盟}\n"
                      : "- {id: f" + std::to_string(i) + ", name: 前村, township: 东镇}\n";
  }
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  xingji::detail::set_list_split_min_size(kSplitFrom);
  const bool alliances = (data[0] & 1) != 0;
  const std::string list = long_list(std::string(reinterpret_cast<const char*>(data + 1), size - 1), alliances);
  const std::string path = fuzz::scratch() + (alliances ? "/a.yaml" : "/v.yaml");
  const std::string villages = alliances ? fuzz::scratch() + "/v.yaml" : path;
  const std::optional<std::string> alliance_file = alliances ? std::optional<std::string>(path) : std::nullopt;
  if (alliances) {
    static const char kVillages[] = "- {id: v1}\n- {id: v2}\n";
    fuzz::write(villages, kVillages, sizeof kVillages - 1);
  }
  fuzz::write(path, list.data(), list.size());
  if (!xingji::detail::split_yaml_list(path, kSplitFrom)) return 0;  // read whole either way
  const std::string halves = outcome(villages, alliance_file);
  const std::string whole_text = list + "# \"\n";
  fuzz::write(path, whole_text.data(), whole_text.size());
  const std::string whole = outcome(villages, alliance_file);
  if (halves != whole) {
    std::cerr << "read in halves:\n" << halves.substr(0, 2000) << "\nread whole:\n" << whole.substr(0, 2000) << "\n";
    std::abort();
  }
  return 0;
}
