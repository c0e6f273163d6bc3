// Fuzz target: the CSV reader on arbitrary bytes. Errors are expected; crashes are bugs.
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    xingji::CsvReader csv(xingji::CsvReader::in_memory, "fuzz.csv",
                          std::string(reinterpret_cast<const char*>(data), size));
    std::size_t fields = 0;
    while (csv.next()) {
      fields += csv.fields().size();
      if (!csv.fields().empty()) (void)csv.location(csv.fields().size() - 1);
    }
    (void)fields;
  } catch (const xingji::Error&) {
  }
  return 0;
}
