// Fuzz target: the CSV reader on arbitrary bytes, against a plain reading of the same rules
// written for this check alone (whole text, one character at a time): a byte-order mark is
// skipped; records end at \n, \r\n or a lone \r outside a quoted field; lines with nothing
// on them are skipped; fields are split at commas; a field is quoted only when its first
// character is a quote, "" in it is a quote, and after its closing quote only a comma or the
// record's end may follow; text with a NUL or not UTF-8 is refused. The reader must give
// the same records when both take the text, and refuse what the plain reading refuses.
// (Found this way, or the kind of bug it finds: a quote inside an unquoted field once ran
// the record on over the next lines.)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.hpp"
#include "read/csv.hpp"

namespace {

using Records = std::vector<std::vector<std::string>>;

// The records of `text` by the rules above; nullopt when they refuse it.
std::optional<Records> plain_reading(std::string_view text) {
  if (xingji::invalid_text_at(text) != std::string_view::npos) return std::nullopt;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Records out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto line_break = [&](std::size_t at) { return text[at] == '\n' || text[at] == '\r'; };
  while (i < n) {
    if (line_break(i)) {  // nothing on this line
      ++i;
      continue;
    }
    std::vector<std::string> record;
    for (;;) {  // one field, then a comma or the record's end
      std::string field;
      if (i < n && text[i] == '"') {
        ++i;
        bool closed = false;
        while (i < n) {
          const char c = text[i++];
          if (c == '"') {
            if (i < n && text[i] == '"') {
              field += '"';
              ++i;
              continue;
            }
            closed = true;
            break;
          }
          field += c;
        }
        if (!closed) return std::nullopt;
        if (i < n && text[i] != ',' && !line_break(i)) return std::nullopt;
      } else {
        while (i < n && text[i] != ',' && !line_break(i)) field += text[i++];
      }
      record.push_back(std::move(field));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    if (i < n && text[i] == '\r') ++i;
    if (i < n && text[i] == '\n') ++i;
    out.push_back(std::move(record));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::optional<Records> read = Records{};
  try {
    xingji::CsvReader csv(xingji::CsvReader::in_memory, "fuzz.csv", text);
    while (csv.next()) {
      read->emplace_back(csv.fields().begin(), csv.fields().end());
      if (!csv.fields().empty()) (void)csv.location(csv.fields().size() - 1);
    }
  } catch (const xingji::Error&) {
    read.reset();
  }
  if (read != plain_reading(text)) std::abort();
  return 0;
}
