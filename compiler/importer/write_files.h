#pragma once

#include <filesystem>
#include <string>
#include <vector>

// Writing what `rootpol import` made: every file or none (docs/import.md, "Errors and output").
namespace rootpol::importer {

struct OutputFile {
  std::string name;  // a file name in the output directory (`root-outside-vpn.rootpol`), no `/`
  std::string text;
};

// Writes `files` into `dir` (created when missing) in two passes: first each file under a
// temporary name beside its final one (`.NAME.import-PID-N`, created exclusively, so a link
// planted under that name is never written through), then, once all are written, each is renamed
// into place. A failure in the first pass (a full disk, a folder where a file should go) removes
// every temporary and changes nothing. A rename in one folder does not fail for a regular file;
// should one fail all the same, the remaining temporaries and the files this call added are
// removed, and `error` names what was replaced already. Existing files are replaced: whether
// that is allowed (`--force`) is the caller's decision.
bool writeFiles(const std::filesystem::path& dir, const std::vector<OutputFile>& files,
                std::string& error);

}  // namespace rootpol::importer
