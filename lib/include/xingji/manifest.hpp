#pragma once
/// Loading an assessment: the manifest `xingji.yaml` and everything it names except data values.

#include <string>

#include "xingji/model.hpp"

namespace xingji {

/// Loads the assessment at `path`: a manifest file, or a folder holding `xingji.yaml`.
/// Reads the roster and schemes, resolves the data globs, and checks the dual-evaluation
/// settings. Throws Error listing every problem found in every file.
/// `encoding` is that of the CSV rosters and data: "" or "utf-8", "gbk" or "gb18030".
[[nodiscard]] Assessment load_assessment(const std::string& path, const std::string& encoding = {});

}  // namespace xingji
