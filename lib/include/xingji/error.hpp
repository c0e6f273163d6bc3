#pragma once
/// Errors: the one exception type the library throws, and the collector that gathers
/// every problem of a file before throwing, so a user fixes them all in one round.

#include <stdexcept>
#include <string>
#include <vector>

namespace xingji {

/// A place in an input file, 1-based; line 0 means "no position applies".
/// In a workbook (`file` is "FILE.xlsx#SHEET"), `line` is the row and `column` the column
/// (1 is A) of a cell.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;

  /// The place as messages show it: FILE, FILE:LINE:COLUMN, or FILE:SHEET!CELL for a cell.
  [[nodiscard]] std::string str() const;
};

/// A place within a file that is known from context (kept small: a roster holds one per unit).
struct Position {
  int line = 0;
  int column = 0;    ///< 0: not computed yet; see `offset`
  long offset = -1;  ///< byte offset in the file, to compute the column when a message needs it

  /// The full location in `file`.
  [[nodiscard]] Location in(const std::string& file) const { return Location{file, line, column}; }
};

/// How much a diagnostic weighs: an error stops the run (exit 1); a warning is printed and
/// the run goes on (`validate --strict` makes it an error); a note only informs.
enum class Severity { error, warning, note };

/// One problem with an input, ready to print as `FILE:LINE:COL: error: MESSAGE`.
struct Diagnostic {
  Location where;
  std::string message;
  Severity severity = Severity::error;

  /// The diagnostic as one line, without a trailing newline.
  [[nodiscard]] std::string str() const;
};

/// The project error: one or more diagnostics; `what()` holds them all, one per line.
class Error : public std::runtime_error {
 public:
  explicit Error(std::vector<Diagnostic> diagnostics);
  /// A single problem at a place.
  Error(Location where, std::string message);

  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// The warnings as errors (`validate --strict`).
[[nodiscard]] Error as_errors(std::vector<Diagnostic> warnings);

/// Collects diagnostics while a loader keeps going, then throws them together.
class Diagnostics {
 public:
  /// Past `limit` problems, further ones are only counted and summarised in one line.
  static constexpr std::size_t limit = 1000;

  void add(Location where, std::string message);
  void add(Diagnostic diagnostic);
  /// Adds every diagnostic of `error`, each keeping its severity.
  void append(const Error& error);
  /// Moves everything `other` collected (and counted) after what this one holds.
  void absorb(Diagnostics&& other);
  [[nodiscard]] bool empty() const { return items_.empty(); }
  [[nodiscard]] std::size_t size() const { return items_.size() + dropped_; }
  /// Throws an Error holding everything collected, if anything was.
  void throw_if_any();

 private:
  std::vector<Diagnostic> items_;
  std::size_t dropped_ = 0;
};

}  // namespace xingji
