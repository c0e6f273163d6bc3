#include "xingji/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "xingji/error.hpp"

namespace xingji {

namespace {
Error write_error(const std::string& path, const char* what, int err) {
  return Error(Location{path, 0, 0},
               std::string(what) + ": " + std::strerror(err) + "; check that the folder exists and is writable");
}
}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  const fs::path target(path_);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  tmp_ = (dir / ("." + target.filename().string() + ".xingji-XXXXXX")).string();
  const int fd = ::mkstemp(tmp_.data());
  if (fd < 0) throw write_error(path_, "cannot write here", errno);
  // mkstemp creates 0600; a report is an ordinary file, readable like the user's others.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  const bool chmod_ok = ::fchmod(fd, 0666 & ~mask) == 0;
  ::close(fd);
  out_.open(tmp_, std::ios::binary | std::ios::trunc);
  if (!chmod_ok || !out_) {
    const int err = errno;
    ::unlink(tmp_.c_str());
    throw write_error(path_, "cannot write the file", err);
  }
}

AtomicFile::~AtomicFile() {
  if (!done_) {
    out_.close();
    ::unlink(tmp_.c_str());
  }
}

void AtomicFile::commit() {
  out_.flush();
  const bool ok = out_.good();
  out_.close();
  if (!ok || out_.fail()) throw write_error(path_, "cannot write the file", errno);
  // The data must be on disk before the rename makes it the file.
  const int fd = ::open(tmp_.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    throw write_error(path_, "cannot write the file", err);
  }
  ::close(fd);
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) throw write_error(path_, "cannot replace the file", errno);
  done_ = true;
}

void write_file_atomically(const std::string& path, std::string_view content) {
  AtomicFile file(path);
  file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file.commit();
}

}  // namespace xingji
