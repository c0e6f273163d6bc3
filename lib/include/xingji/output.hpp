#pragma once
/// Writing a result file all or nothing.

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace xingji {

namespace detail {
class FileBuf;
}

/// A file written through a temporary file in the same folder and renamed over `path` on
/// `commit()`, so a reader sees the old file or the new one, never a part. Without a commit
/// (an error, an exception) the temporary file is removed and `path` is untouched.
class AtomicFile {
 public:
  /// Creates the temporary file; throws Error when the folder is not writable.
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// Where to write the contents.
  [[nodiscard]] std::ostream& stream() { return out_; }
  /// Flushes to disk and renames into place; throws Error on failure.
  void commit();

 private:
  std::string path_;
  std::string tmp_;
  std::unique_ptr<detail::FileBuf> buf_;
  std::ostream out_;
  bool done_ = false;
};

/// Writes `content` to `path` through an AtomicFile. Throws Error.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace xingji
