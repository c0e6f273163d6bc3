#include "xingji/output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "xingji/error.hpp"

namespace xingji {

void write_file_atomically(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmp = (dir / ("." + target.filename().string() + ".xingji-XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    throw Error(Location{path, 0, 0}, std::string("cannot write here: ") + std::strerror(errno) +
                                          "; check that the folder exists and is writable");
  }
  auto fail = [&](int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw Error(Location{path, 0, 0}, std::string("cannot write the file: ") + std::strerror(err));
  };
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) fail(errno);
  // mkstemp creates 0600; a report is an ordinary file, readable like the user's others.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) fail(errno);
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    throw Error(Location{path, 0, 0}, std::string("cannot write the file: ") + std::strerror(errno));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw Error(Location{path, 0, 0}, std::string("cannot replace the file: ") + std::strerror(err));
  }
}

}  // namespace xingji
