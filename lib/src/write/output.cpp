#include "xingji/output.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <streambuf>
#include <utility>

#include <fmt/format.h>

#include "base/i18n.hpp"
#include "xingji/error.hpp"

namespace xingji {

namespace {

namespace fs = std::filesystem;

// Why a file cannot be written, in words that send the user the right way: each cause its
// own message (errno as the system call left it).
Error write_error(const std::string& path, int err) {
  const fs::path parent = fs::path(path).parent_path();
  // TRANSLATORS: the {} of "cannot write here: the folder {} ...": a folder's name in quotes,
  // or these words.
  const std::string dir = parent.empty() ? std::string(_("the current folder")) : _f("'{}'", parent.string());
  std::string why;
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      why = _f("cannot write here: the folder {} does not exist; create it first, or write elsewhere", dir);
      break;
    case EACCES:
    case EPERM:
      why =
          _f("cannot write here: the folder {} is not writable ({}); write elsewhere, or get permission to write there",
             dir, std::strerror(err));
      break;
    case EROFS:
      why = _f("cannot write here: the folder {} is on a read-only file system; write elsewhere", dir);
      break;
    case ENOSPC:
    case EDQUOT:
      why = _f(
          "cannot write the file: the disk is full ({}); an existing file is left as it was. Free some space, or write "
          "elsewhere",
          std::strerror(err));
      break;
    case EFBIG:
      why = _f(
          "cannot write the file: it would be larger than this system lets a file grow ({}); an existing file is left "
          "as it was",
          std::strerror(err));
      break;
    default:
      why = _f("cannot write the file: {}", std::strerror(err));
      break;
  }
  return Error(Location{path, 0, 0}, why);
}

// The temporary files being written, for remove_unfinished_files in a signal handler: a
// fixed table, since a handler may not allocate, with a slot claimed by each AtomicFile.
struct Unfinished {
  std::atomic<int> state{0};  // 0 free, 1 being filled, 2 holds a path
  char path[4096];
};
static_assert(std::atomic<int>::is_always_lock_free, "a signal handler reads the table");
constexpr int kUnfinished = 64;
Unfinished unfinished[kUnfinished];

// The slot now holding `tmp`, or -1 when none is free or the path is too long (then a
// signal leaves that file behind, as before this table).
int claim_slot(const std::string& tmp) {
  if (tmp.size() >= sizeof(Unfinished::path)) return -1;
  for (int i = 0; i < kUnfinished; ++i) {
    int free = 0;
    if (unfinished[i].state.compare_exchange_strong(free, 1, std::memory_order_acquire)) {
      std::memcpy(unfinished[i].path, tmp.c_str(), tmp.size() + 1);
      unfinished[i].state.store(2, std::memory_order_release);
      return i;
    }
  }
  return -1;
}

void release_slot(int slot) {
  if (slot >= 0) unfinished[slot].state.store(0, std::memory_order_release);
}

// Holds back SIGINT, SIGTERM, SIGHUP and SIGXFSZ for its lifetime (delivered when it ends).
class SignalsHeld {
 public:
  SignalsHeld() {
    sigset_t stop;
    sigemptyset(&stop);
    for (const int sig : {SIGINT, SIGTERM, SIGHUP, SIGXFSZ}) sigaddset(&stop, sig);
    ::pthread_sigmask(SIG_BLOCK, &stop, &old_);
  }
  ~SignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;

 private:
  sigset_t old_;
};

}  // namespace

int remove_unfinished_files() noexcept {
  int removed = 0;
  for (auto& u : unfinished) {
    if (u.state.load(std::memory_order_acquire) == 2 && ::unlink(u.path) == 0) ++removed;
  }
  return removed;
}

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
  /// The errno of the write that failed, 0 when none did.
  [[nodiscard]] int error() const { return error_; }
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
      if (w <= 0) {
        error_ = w < 0 ? errno : ENOSPC;  // a write of nothing: the device took no more
        return false;
      }
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
  int error_ = 0;
  std::array<char, std::size_t{64} << 10> buf_{};
  off_t written_ = 0;  // bytes in the file
  off_t started_ = 0;  // bytes whose writeback has been started
};

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), out_(nullptr) {
  const fs::path target(path_);
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    throw Error(Location{path_, 0, 0},
                _("this is a folder, not a file; give the name of the file to write (in that folder or elsewhere)"));
  }
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  tmp_ = (dir / fmt::format(".{}.xingji-XXXXXX", target.filename().string())).string();
  int fd = -1;
  {
    // The file and its slot come together: a stop signal in between would leave the file
    // behind where the handler cannot see it.
    const SignalsHeld held;
    fd = ::mkstemp(tmp_.data());
    if (fd >= 0) slot_ = claim_slot(tmp_);
  }
  if (fd < 0) throw write_error(path_, errno);
  buf_ = std::make_unique<detail::FileBuf>(fd);
  // mkstemp creates 0600; a report is an ordinary file, readable like the user's others.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) {
    const int err = errno;
    buf_.reset();
    ::unlink(tmp_.c_str());
    release_slot(slot_);
    throw write_error(path_, err);
  }
  out_.rdbuf(buf_.get());
}

AtomicFile::~AtomicFile() {
  if (!done_) {
    buf_.reset();
    ::unlink(tmp_.c_str());
  }
  release_slot(slot_);
}

void AtomicFile::commit() {
  out_.flush();
  // The data must be on disk before the rename makes it the file.
  if (!out_.good()) throw write_error(path_, buf_->error() != 0 ? buf_->error() : EIO);
  if (::fsync(buf_->fd()) != 0 || !buf_->close()) throw write_error(path_, errno);
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) throw write_error(path_, errno);
  done_ = true;
}

void AtomicFile::close_unsynced() {
  out_.flush();
  if (!out_.good()) throw write_error(path_, buf_->error() != 0 ? buf_->error() : EIO);
  if (!buf_->close()) throw write_error(path_, errno);
}

void AtomicFile::rename_into_place() {
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) throw write_error(path_, errno);
  done_ = true;
}

namespace {
// Files a batch holds before it syncs: within the table of unfinished files, leaving room
// for a few AtomicFiles of the program's own.
constexpr std::size_t kBatch = kUnfinished - 8;
}  // namespace

std::ostream& FileBatch::add(const std::string& path) {
  if (!files_.empty()) files_.back()->close_unsynced();
  if (files_.size() == kBatch) flush();
  files_.push_back(std::make_unique<AtomicFile>(path));
  return files_.back()->stream();
}

void FileBatch::flush() {
  if (files_.empty()) return;
  // One sync of the file system holding the files puts every one of them on disk before any
  // is renamed (a sync per file took 1-3 ms each).
  const int fd = ::open(files_.front()->temp_path().c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::syncfs(fd) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    throw write_error(files_.front()->path(), err);
  }
  ::close(fd);
  for (auto& f : files_) f->rename_into_place();
  files_.clear();
}

void FileBatch::commit() {
  if (!files_.empty()) files_.back()->close_unsynced();
  flush();
}

void write_file_atomically(const std::string& path, std::string_view content) {
  AtomicFile file(path);
  file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file.commit();
}

}  // namespace xingji
