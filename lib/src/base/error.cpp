#include "xingji/error.hpp"

#include <utility>

#include <fmt/format.h>

#include "base/i18n.hpp"
namespace xingji {

std::string Diagnostic::str() const {
  // TRANSLATORS: FILE:LINE:COLUMN: SEVERITY: MESSAGE, where SEVERITY is error, warning or note
  // as translated. Keep the place first, as compilers and editors read it.
  const std::string what = severity == Severity::error     ? _("error")
                           : severity == Severity::warning ? _("warning")
                                                           : _("note");
  // TRANSLATORS: FILE: SEVERITY: MESSAGE.
  if (where.line <= 0) return _f("{}: {}: {}", where.file, what, message);
  // TRANSLATORS: FILE:LINE:COLUMN: SEVERITY: MESSAGE.
  return _f("{}:{}:{}: {}: {}", where.file, where.line, where.column > 0 ? where.column : 1, what, message);
}

namespace {
std::string join(const std::vector<Diagnostic>& items) {
  std::string out;
  for (const auto& d : items) {
    if (!out.empty()) out += '\n';
    out += d.str();
  }
  return out;
}
}  // namespace

Error::Error(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

Error::Error(Location where, std::string message)
    : Error(std::vector<Diagnostic>{Diagnostic{std::move(where), std::move(message)}}) {}

void Diagnostics::add(Location where, std::string message) { add(Diagnostic{std::move(where), std::move(message)}); }

void Diagnostics::add(Diagnostic diagnostic) {
  if (items_.size() >= limit) {
    ++dropped_;
    return;
  }
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::append(const Error& error) {
  for (const auto& d : error.diagnostics()) add(d);
}

Error as_errors(std::vector<Diagnostic> warnings) {
  for (auto& d : warnings) d.severity = Severity::error;
  return Error(std::move(warnings));
}

void Diagnostics::absorb(Diagnostics&& other) {
  for (auto& d : other.items_) add(std::move(d));
  dropped_ += other.dropped_;
  other.items_.clear();
  other.dropped_ = 0;
}

void Diagnostics::throw_if_any() {
  if (items_.empty()) return;
  std::vector<Diagnostic> items;
  items.swap(items_);
  if (dropped_ > 0) {
    // The place of the last shown problem stands for the rest, which are usually alike.
    items.push_back(
        Diagnostic{Location{items.back().where.file, 0, 0}, _f("... and {} more problems like those above", dropped_)});
    dropped_ = 0;
  }
  throw Error(std::move(items));
}

}  // namespace xingji
