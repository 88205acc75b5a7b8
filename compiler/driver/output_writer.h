#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace rootpol::driver {

struct OutputFile {
  std::string path;  // relative to the output directory, e.g. "scp/stay-in-org.json"
  std::string content;
};

// Writes all files or none: everything is written into a staging directory inside `outDir`,
// then each top-level folder it produced (e.g. `scp/`) replaces the old one by rename. A
// failure leaves the old output as it was. Returns false and sets `error` on failure.
bool writeOutputsAtomically(const std::filesystem::path& outDir, const std::vector<OutputFile>& files,
                            std::string& error);

}  // namespace rootpol::driver
