#pragma once
// Internal: reading `allocations:` from the manifest.

#include "read/yaml_doc.hpp"
#include "xingji/model.hpp"

namespace xingji::detail {

/// Reads the manifest's `allocations:` into `a`, once its kinds, schemes and tiers are read
/// (factors are checked against the levels of the scheme that rates the receiving kind).
void read_allocations(const YamlDoc& doc, Assessment& a, Diagnostics& diag);

}  // namespace xingji::detail
