#pragma once
/// A streaming RFC 4180 CSV reader: it reads a file in blocks (or a text in memory), hands
/// out each record's fields as views into its buffer (quoted fields unescaped in place), and
/// allocates nothing per cell. Memory is one block plus the longest record.

#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "xingji/big_alloc.hpp"
#include "xingji/error.hpp"

namespace xingji {

/// Text that is not valid UTF-8 where a CSV file is read as UTF-8: the caller that chose
/// UTF-8 itself (no encoding given) reads the file again as GB18030 (spec 5).
class NotUtf8 : public Error {
 public:
  using Error::Error;
};

class CsvReader {
 public:
  /// Reads the file at `path`; throws Error when it cannot be opened. `encoding` is empty or
  /// "utf-8" for UTF-8, or "gbk" / "gb18030" to convert from what Excel in China saves.
  explicit CsvReader(std::string path, const std::string& encoding = {});
  /// Tag for reading a text already in memory.
  struct InMemory {};
  static constexpr InMemory in_memory{};
  /// Reads `text` in memory; `file` names it in messages.
  CsvReader(InMemory, std::string file, std::string text);
  /// Tag for reading a workbook's sheet as read_sheet gives it (read/xlsx.hpp).
  struct InSheet {};
  static constexpr InSheet in_sheet{};
  /// Reads a sheet's text; `place` is "FILE.xlsx#SHEET", and a field's place is its cell
  /// (line N is row N, field K column K + 1).
  CsvReader(InSheet, std::string place, std::string text);
  /// Reads bytes [begin, end) of the file at `path` only, numbering lines from `first_line`
  /// (one part of a file split by `split_csv`).
  CsvReader(std::string path, std::size_t begin, std::size_t end, int first_line, const std::string& encoding = {});
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  /// Moves to the next record; false at the end. Blank lines are skipped. Malformed quoting
  /// and text that is not UTF-8 throw Error at their position. A leading byte-order mark is
  /// skipped.
  bool next();
  /// The same, but a record without quotes is left whole until split(): whole() gives
  /// it, and fields() is empty. For readers that find the fields themselves on their hot
  /// path (a national data file); they call split() before anything else (`fields`,
  /// `location`, `position`) that needs the fields.
  bool next_unsplit();
  /// Splits the current record into fields when next_unsplit() left it whole.
  void split();
  /// The current record's text (without its line break) when it is left whole.
  [[nodiscard]] std::optional<std::string_view> whole() const {
    if (!unsplit_) return std::nullopt;
    return std::string_view(buf_.data() + record_begin_, record_end_ - record_begin_);
  }

  /// The fields of the current record (valid until the next call to `next`).
  [[nodiscard]] std::span<const std::string_view> fields() const { return fields_; }
  /// Line (1-based) on which the current record starts.
  [[nodiscard]] int line() const { return record_line_; }
  /// Position of field `i` of the current record, in characters.
  [[nodiscard]] Location location(std::size_t i) const;
  /// Line and byte offset of field `i` in the file; the column is left to count when a message
  /// needs it (cheap enough to keep for every row of a national roster).
  [[nodiscard]] Position position(std::size_t i) const;
  /// Position of the start of the current record.
  [[nodiscard]] Location record_location() const { return Location{file_, record_line_, 1}; }
  [[nodiscard]] const std::string& file() const { return file_; }
  /// The number of the line after the last record read.
  [[nodiscard]] int next_line() const { return line_; }

 private:
  struct FieldPos {
    std::size_t offset;      // in buf_
    std::size_t line_start;  // in buf_
    int line;
  };

  // Makes sure a whole record starting at pos_ is in the buffer; returns its end (the
  // offset of its line break, or the buffer's end at end of file).
  std::size_t complete_record();
  bool has_field(std::size_t i) const;
  FieldPos field_pos(std::size_t i) const;
  std::size_t quoted_record_end(std::size_t from) const;
  bool refill();
  std::size_t read_more(char* into, std::size_t room);
  void parse_record(std::size_t end);

  std::string file_;
  std::FILE* in_ = nullptr;
  std::size_t remaining_ = static_cast<std::size_t>(-1);  // bytes left to read from in_
  void* iconv_ = nullptr;                                 // converter from GB18030, or null
  std::string raw_;                                       // bytes read but not yet converted
  bool eof_ = false;
  bool cells_ = false;  // a sheet's text: places are cells
  bool started_ = false;
  BigVector<char> buf_;   // left unset past size_: read into, never cleared
  std::size_t pos_ = 0;   // next unread byte in buf_
  std::size_t base_ = 0;  // file offset of buf_[0]
  std::size_t size_ = 0;  // bytes of buf_ in use
  int line_ = 1;
  std::size_t line_start_ = 0;
  int record_line_ = 0;
  std::size_t record_line_start_ = 0;  // in buf_
  bool record_quoted_ = false;         // the record holds a quote (else positions_ is left empty)
  bool unsplit_ = false;               // an unquoted record not yet split: [record_begin_, record_end_)
  std::size_t record_begin_ = 0;
  std::size_t record_end_ = 0;
  std::vector<std::string_view> fields_;
  std::vector<FieldPos> positions_;  // of a quoted record's fields: they may be on later lines
};

/// Whether `encoding` names one the readers know ("", "utf-8", "gbk", "gb18030").
[[nodiscard]] bool known_encoding(const std::string& encoding);
/// Whether reading in `encoding` converts (GBK or GB18030), so a byte of the file is not a
/// byte of its text.
[[nodiscard]] bool converts(const std::string& encoding);

/// Where a large CSV file can be cut in two for two readers: just after the first line break
/// past the middle. Finding it reads a few bytes, not the file. That break ends a record
/// unless a quoted field spans it, and then the reader of the first part ends inside that
/// field and throws ("never closed"): whoever splits must read the file whole after any
/// problem in either part. The reader of the second part cannot know its line numbers:
/// number them from 1 and add the first reader's `next_line() - 1`.
struct CsvSplit {
  std::size_t offset = 0;
  std::size_t size = 0;
};

/// A split of the file at `path` when it is at least `min_size` bytes and has a line break
/// past its middle; nullopt otherwise.
[[nodiscard]] std::optional<CsvSplit> split_csv(const std::string& path, std::size_t min_size);

}  // namespace xingji
