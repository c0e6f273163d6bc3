#pragma once
/// A streaming RFC 4180 CSV reader over a buffer in memory: fields are views into the
/// buffer (quoted fields are unescaped in place), so reading allocates nothing per cell.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "xingji/error.hpp"

namespace xingji {

class CsvReader {
 public:
  /// Reads records from `data`, which must outlive the reader; `file` names it in messages.
  /// A leading UTF-8 byte-order mark is skipped. Text that is not UTF-8 throws Error at its line.
  CsvReader(std::string file, std::string& data);

  /// Moves to the next record; false at the end. Blank lines are skipped.
  /// Malformed quoting throws Error at its position.
  bool next();

  /// The fields of the current record.
  [[nodiscard]] std::span<const std::string_view> fields() const { return fields_; }
  /// Line (1-based) on which the current record starts.
  [[nodiscard]] int line() const { return record_line_; }
  /// Position of field `i` of the current record, in characters.
  [[nodiscard]] Location location(std::size_t i) const;
  /// Position of the start of the current record.
  [[nodiscard]] Location record_location() const { return Location{file_, record_line_, 1}; }
  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  struct FieldPos {
    std::size_t offset;
    std::size_t line_start;
    int line;
  };

  std::string file_;
  char* begin_;
  char* pos_;
  char* end_;
  int line_ = 1;
  std::size_t line_start_ = 0;
  int record_line_ = 0;
  std::vector<std::string_view> fields_;
  std::vector<FieldPos> positions_;
};

}  // namespace xingji
