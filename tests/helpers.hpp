#pragma once
// Test helpers: a throwaway assessment folder written from strings.

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace xingji::test {

/// A temporary folder that is removed with the object.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "xingji-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `content` to `name` (relative), creating folders.
  void write(const std::string& name, const std::string& content) const {
    auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }
  void write(const std::map<std::string, std::string>& files) const {
    for (const auto& [name, content] : files) write(name, content);
  }
  [[nodiscard]] std::string path() const { return path_.string(); }
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }
  /// `message` with this folder's path taken out of every file it names ("a.yaml:3:1: ...").
  [[nodiscard]] std::string relative(std::string message) const {
    const std::string dir = path_.string() + "/";
    for (auto p = message.find(dir); p != std::string::npos; p = message.find(dir)) message.erase(p, dir.size());
    return message;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace xingji::test

#include "xingji/run.hpp"
#include "xingji/scheme.hpp"

namespace xingji::test {

/// A village-only assessment of villages v1..vN with the given scheme body and data CSV.
inline std::map<std::string, std::string> villages_only(int n, const std::string& scheme, const std::string& data_csv) {
  std::string roster;
  for (int i = 1; i <= n; ++i) roster += "- {id: v" + std::to_string(i) + ", name: 村" + std::to_string(i) + "}\n";
  return {{"xingji.yaml", "name: 测试\nvillages: villages.yaml\nschemes: {village: scheme.yaml}\ndata: data.csv\n"},
          {"villages.yaml", roster},
          {"scheme.yaml", scheme},
          {"data.csv", data_csv}};
}

/// Writes the files and runs the assessment for `year` (default: latest).
inline Run run_files(const TempDir& dir, const std::map<std::string, std::string>& files,
                     std::optional<int> year = std::nullopt) {
  dir.write(files);
  return run_assessment(dir.path(), year, true);
}

/// All messages of the error that parsing `text` as scheme file s.yaml raises, one per
/// line; empty when it parses.
inline std::string scheme_error(const std::string& text) {
  try {
    (void)parse_scheme("s.yaml", text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace xingji::test
