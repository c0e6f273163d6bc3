#pragma once
// Fuzz helpers: loaders that read files get the input through a scratch folder.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace fuzz {

/// A scratch folder for this process, made once.
inline const std::string& scratch() {
  static const std::string dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("xingji-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d.string();
  }();
  return dir;
}

inline void write(const std::string& path, const char* data, std::size_t size) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
}

}  // namespace fuzz
