// Fuzz target: the .xlsx reader on arbitrary bytes (a zip archive of XML parts), then the CSV
// text it gives read back with every field's place shown as a cell. Errors are expected;
// crashes, hangs and unbounded memory are bugs. Seeds are stored (not deflated) archives, so
// that mutations reach the XML (a part whose checksum no longer matches is still parsed up
// to its end).
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/csv.hpp"
#include "read/xlsx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    xingji::detail::SheetText sheet = xingji::detail::read_sheet("fuzz.xlsx", &bytes, "");
    xingji::CsvReader csv(xingji::CsvReader::in_sheet, "fuzz.xlsx#" + sheet.sheet, std::move(sheet.csv));
    while (csv.next()) {
      for (std::size_t i = 0; i < csv.fields().size(); ++i) (void)csv.location(i).str();
    }
  } catch (const xingji::Error&) {
  }
  return 0;
}
