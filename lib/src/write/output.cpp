#include "xingji/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <streambuf>
#include <utility>

#include <fmt/format.h>

#include "xingji/error.hpp"

namespace xingji {

namespace {
Error write_error(const std::string& path, const char* what, int err) {
  return Error(Location{path, 0, 0},
               fmt::format("{}: {}; check that the folder exists and is writable", what, std::strerror(err)));
}
}  // namespace

// The temporary file's buffer: whole blocks go to the file with write(2), and every few
// megabytes the kernel is asked to start writing them to disk, so that commit's fsync
// waits for the last few rather than for all of a large file.
class detail::FileBuf : public std::streambuf {
 public:
  explicit FileBuf(int fd) : fd_(fd) { setp(buf_.data(), buf_.data() + buf_.size()); }
  ~FileBuf() override { close(); }
  FileBuf(const FileBuf&) = delete;
  FileBuf& operator=(const FileBuf&) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  // Closes the file; false (errno set) when that fails.
  bool close() {
    const int fd = std::exchange(fd_, -1);
    return fd < 0 || ::close(fd) == 0;
  }

 protected:
  int overflow(int c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n > epptr() - pptr()) {
      if (sync() != 0) return 0;
      if (n >= epptr() - pptr()) return put(s, static_cast<std::size_t>(n)) ? n : 0;
    }
    std::memcpy(pptr(), s, static_cast<std::size_t>(n));
    pbump(static_cast<int>(n));
    return n;
  }
  int sync() override {
    if (!put(pbase(), static_cast<std::size_t>(pptr() - pbase()))) return -1;
    setp(buf_.data(), buf_.data() + buf_.size());
    return 0;
  }

 private:
  static constexpr off_t kWriteback = off_t{8} << 20;

  bool put(const char* p, std::size_t n) {
    while (n > 0) {
      const ssize_t w = ::write(fd_, p, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return false;
      p += w;
      n -= static_cast<std::size_t>(w);
      written_ += w;
    }
#ifdef SYNC_FILE_RANGE_WRITE
    if (written_ - started_ >= kWriteback) {
      // Advice only: where it fails, commit's fsync still writes everything.
      ::sync_file_range(fd_, started_, written_ - started_, SYNC_FILE_RANGE_WRITE);
      started_ = written_;
    }
#endif
    return true;
  }

  int fd_;
  std::array<char, std::size_t{64} << 10> buf_{};
  off_t written_ = 0;  // bytes in the file
  off_t started_ = 0;  // bytes whose writeback has been started
};

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), out_(nullptr) {
  namespace fs = std::filesystem;
  const fs::path target(path_);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  tmp_ = (dir / fmt::format(".{}.xingji-XXXXXX", target.filename().string())).string();
  const int fd = ::mkstemp(tmp_.data());
  if (fd < 0) throw write_error(path_, "cannot write here", errno);
  buf_ = std::make_unique<detail::FileBuf>(fd);
  // mkstemp creates 0600; a report is an ordinary file, readable like the user's others.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) {
    const int err = errno;
    buf_.reset();
    ::unlink(tmp_.c_str());
    throw write_error(path_, "cannot write the file", err);
  }
  out_.rdbuf(buf_.get());
}

AtomicFile::~AtomicFile() {
  if (!done_) {
    buf_.reset();
    ::unlink(tmp_.c_str());
  }
}

void AtomicFile::commit() {
  out_.flush();
  // The data must be on disk before the rename makes it the file.
  if (!out_.good() || ::fsync(buf_->fd()) != 0 || !buf_->close()) {
    throw write_error(path_, "cannot write the file", errno);
  }
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) throw write_error(path_, "cannot replace the file", errno);
  done_ = true;
}

void write_file_atomically(const std::string& path, std::string_view content) {
  AtomicFile file(path);
  file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file.commit();
}

}  // namespace xingji
