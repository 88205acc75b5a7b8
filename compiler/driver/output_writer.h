#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace rootpol::driver {

struct OutputFile {
  std::string path;  // relative to the output directory, e.g. "scp/stay-in-org.json"
  std::string content;
};

// The manifest in OUT: a sorted JSON list of the files the last compile wrote there.
inline constexpr std::string_view kManifestName = ".rootpol-manifest.json";

// Writes the compile outputs into `outDir`, which rootpol shares with its users
// (`terraform/backend.tf`, `terraform/.terraform/`, a README): rootpol owns only the files it
// wrote, as listed in `outDir/.rootpol-manifest.json`, and replaces or removes only those.
//
// The guarantee, step by step:
// 1. every file is first written into a staging folder inside `outDir`; a failure there
//    changes nothing in `outDir`;
// 2. a manifest naming the old and the new files replaces the old manifest (so a crash later
//    leaves every file rootpol wrote on record, and the next compile removes the stale ones);
// 3. each file is renamed into place, one by one: a reader sees a file's old or its new bytes,
//    never half of it, but may see old and new files side by side while this runs;
// 4. old files the new output no longer has are removed (and folders that leaves empty);
// 5. the exact manifest is renamed in last.
// An error in steps 2-5 puts every file moved so far back. Files rootpol never wrote are never
// touched, whatever their name. Without a manifest (an OUT from a rootpol before manifests)
// nothing is removed: the paths written now are replaced and the rest stays; stale files of a
// removed policy must then be deleted by hand once.
bool writeOutputsAtomically(const std::filesystem::path& outDir, const std::vector<OutputFile>& files,
                            std::string& error);

}  // namespace rootpol::driver
