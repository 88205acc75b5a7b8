#include "driver/output_writer.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <set>

namespace rootpol::driver {
namespace fs = std::filesystem;

bool writeOutputsAtomically(const fs::path& outDir, const std::vector<OutputFile>& files, std::string& error) {
  std::error_code ec;
  fs::create_directories(outDir, ec);
  if (ec) {
    error = fmt::format("cannot create `{}`: {}", outDir.generic_string(), ec.message());
    return false;
  }
  std::string tag = std::to_string(::getpid());
  fs::path staging = outDir / (".rootpol-staging-" + tag);
  fs::remove_all(staging, ec);
  std::set<std::string> tops;
  for (const OutputFile& file : files) {
    fs::path target = staging / file.path;
    tops.insert(fs::path(file.path).begin()->string());
    fs::create_directories(target.parent_path(), ec);
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out << file.content;
    out.close();
    if (ec || !out) {
      error = fmt::format("cannot write `{}`", (outDir / file.path).generic_string());
      fs::remove_all(staging, ec);
      return false;
    }
  }
  // Swap each folder in; undo the ones already swapped if a later rename fails.
  std::vector<std::pair<fs::path, fs::path>> swapped;  // (live, backup)
  for (const std::string& top : tops) {
    fs::path live = outDir / top;
    fs::path backup = outDir / (".rootpol-old-" + tag + "-" + top);
    bool hadOld = fs::exists(live, ec);
    if (hadOld) fs::rename(live, backup, ec);
    if (!ec) fs::rename(staging / top, live, ec);
    if (ec) {
      error = fmt::format("cannot replace `{}`: {}", live.generic_string(), ec.message());
      std::error_code ignore;
      if (hadOld && !fs::exists(live, ignore)) fs::rename(backup, live, ignore);
      for (auto& [l, b] : swapped) {
        fs::remove_all(l, ignore);
        fs::rename(b, l, ignore);
      }
      fs::remove_all(staging, ignore);
      return false;
    }
    swapped.emplace_back(live, hadOld ? backup : fs::path());
  }
  for (auto& [live, backup] : swapped) {
    if (!backup.empty()) fs::remove_all(backup, ec);
  }
  fs::remove_all(staging, ec);
  return true;
}

}  // namespace rootpol::driver
