#pragma once
/// Writing a result file all or nothing, and never over the assessment's own inputs.

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "xingji/model.hpp"

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
  /// The file to write in the end.
  [[nodiscard]] const std::string& path() const { return path_; }
  /// The temporary file, for a writer that opens files by name (libxlsxwriter) instead of
  /// writing to stream(): it writes there, then the caller commits.
  [[nodiscard]] const std::string& temp_path() const { return tmp_; }
  /// Flushes to disk and renames into place; throws Error on failure.
  void commit();
  /// For a FileBatch: writes out and closes the temporary file without waiting for the disk.
  void close_unsynced();
  /// For a FileBatch, once the disk holds it: renames the closed file into place.
  void rename_into_place();

 private:
  std::string path_;
  std::string tmp_;
  std::unique_ptr<detail::FileBuf> buf_;
  std::ostream out_;
  int slot_ = -1;  // in the table remove_unfinished_files reads
  bool done_ = false;
};

/// Many files written as AtomicFiles (a folder of notices), made durable together: each is
/// written to its temporary file and closed; every few dozen files, and at commit(), one
/// sync of their file system puts them all on disk, then they are renamed into place. A
/// reader sees each file old or new, never a part; an error or a stop signal leaves the files
/// not yet renamed as they were (those already renamed stay new).
class FileBatch {
 public:
  FileBatch() = default;
  FileBatch(const FileBatch&) = delete;
  FileBatch& operator=(const FileBatch&) = delete;
  /// Starts the next file; write it to the stream returned, before the next add or commit.
  std::ostream& add(const std::string& path);
  /// Puts every file on disk and in place; throws Error on failure.
  void commit();

 private:
  void flush();
  std::vector<std::unique_ptr<AtomicFile>> files_;
};

/// Writes `content` to `path` through an AtomicFile. Throws Error.
void write_file_atomically(const std::string& path, std::string_view content);

/// Refuses, with an Error at `path`, an output path that is one of the assessment's own input
/// files (manifest, rosters, schemes, data) or that a `data` pattern would read as data on
/// the next run, after resolving `..` and symbolic links (spec 3). Every command that writes
/// files checks its outputs with it before writing anything. With `folder` (what -o gave,
/// for a command writing a file per unit or group into it), the message suggests a folder.
void check_output_path(const Assessment& a, const std::string& path, const std::string& folder = {});

/// Removes the temporary files of the AtomicFiles not yet committed or abandoned, for a
/// program's handler of SIGINT, SIGTERM, SIGHUP and SIGXFSZ: async-signal-safe (it only
/// reads a fixed table and calls unlink). Returns how many it removed.
int remove_unfinished_files() noexcept;

}  // namespace xingji
