#include "driver/output_writer.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "base/file_input.h"

namespace rootpol::driver {
namespace fs = std::filesystem;
namespace {

// A manifest entry is trusted only as a plain relative path below OUT: a manifest committed
// by someone else must not make rootpol delete `../../anything`.
bool isPlainRelative(const std::string& text) {
  fs::path path(text);
  if (text.empty() || path.is_absolute() || text.find('\\') != std::string::npos) return false;
  for (const fs::path& part : path) {
    if (part.empty() || part == "." || part == "..") return false;
  }
  return true;
}

// The files the previous compile wrote; nullopt when OUT has no (readable) manifest.
std::optional<std::set<std::string>> readManifest(const fs::path& outDir) {
  input::ReadResult read = input::readFile(outDir / kManifestName);
  if (!read.text) return std::nullopt;
  try {
    nlohmann::json json = nlohmann::json::parse(*read.text);
    std::set<std::string> files;
    for (const nlohmann::json& entry : json.at("files")) {
      if (entry.is_string() && isPlainRelative(entry.get<std::string>())) files.insert(entry.get<std::string>());
    }
    return files;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // unreadable: treated like an OUT from before manifests (nothing deleted)
  }
}

bool writeFile(const fs::path& path, const std::string& content) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  return !ec && static_cast<bool>(out);
}

// One file put in place: `live` was moved to `backup` (when it existed), then the new file (if
// any) was renamed to `live`. Undone in reverse order when a later step fails.
struct Step {
  fs::path live;
  fs::path backup;  // empty: there was no old file
  bool placed = false;
};

class Transaction {
 public:
  Transaction(fs::path outDir, const std::string& tag)
      : outDir_(std::move(outDir)), staging_(outDir_ / (".rootpol-staging-" + tag)),
        backups_(outDir_ / (".rootpol-old-" + tag)) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
    fs::remove_all(backups_, ec);
  }
  ~Transaction() {
    std::error_code ec;
    fs::remove_all(staging_, ec);
    fs::remove_all(backups_, ec);
  }

  fs::path staged(const std::string& path) const { return staging_ / path; }

  // Moves the old file at `path` aside, then `source` (if not empty) into its place.
  bool replace(const std::string& path, const fs::path& source, std::error_code& ec) {
    Step step{outDir_ / path, {}, false};
    if (fs::exists(fs::symlink_status(step.live, ec))) {
      step.backup = backups_ / path;
      fs::create_directories(step.backup.parent_path(), ec);
      if (!ec) fs::rename(step.live, step.backup, ec);
      if (ec) return false;
    }
    steps_.push_back(step);
    if (source.empty()) return true;
    fs::create_directories(step.live.parent_path(), ec);
    if (!ec) fs::rename(source, step.live, ec);
    steps_.back().placed = !ec;
    return !ec;
  }

  void rollback() {
    std::error_code ignore;
    for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) {
      if (it->placed) fs::remove(it->live, ignore);
      if (!it->backup.empty()) fs::rename(it->backup, it->live, ignore);
    }
    steps_.clear();
  }

  // Removes the folders that removing old files left empty (never OUT itself, never a folder
  // with anything else in it).
  void pruneEmptyFolders(const std::set<std::string>& removed) {
    std::error_code ec;
    for (const std::string& path : removed) {
      for (fs::path dir = (outDir_ / path).parent_path(); dir != outDir_ && dir.has_relative_path();
           dir = dir.parent_path()) {
        if (!fs::is_directory(fs::symlink_status(dir, ec)) || !fs::is_empty(dir, ec) || ec) break;
        fs::remove(dir, ec);
      }
    }
  }

 private:
  fs::path outDir_, staging_, backups_;
  std::vector<Step> steps_;
};

std::string manifestText(const std::set<std::string>& files) {
  nlohmann::json json;
  json["generator"] = "rootpol";
  json["comment"] = "the files `rootpol compile` wrote here; the next compile replaces or removes only these";
  json["files"] = std::vector<std::string>(files.begin(), files.end());
  return json.dump(2) + "\n";
}

// Stages every file and checks that each can take the place of what is in OUT.
bool stage(const fs::path& outDir, const std::vector<OutputFile>& files, Transaction& tx, std::string& error) {
  for (const OutputFile& file : files) {
    std::error_code ec;
    if (fs::is_directory(fs::symlink_status(outDir / file.path, ec))) {
      error = fmt::format("cannot replace `{}`: a folder is in the way", (outDir / file.path).generic_string());
      return false;
    }
    if (!writeFile(tx.staged(file.path), file.content)) {
      error = fmt::format("cannot write `{}`", (outDir / file.path).generic_string());
      return false;
    }
  }
  return true;
}

}  // namespace

bool writeOutputsAtomically(const fs::path& outDir, const std::vector<OutputFile>& files, std::string& error) {
  std::error_code ec;
  fs::create_directories(outDir, ec);
  if (ec) {
    error = fmt::format("cannot create `{}`: {}", outDir.generic_string(), ec.message());
    return false;
  }
  Transaction tx(outDir, std::to_string(::getpid()));
  if (!stage(outDir, files, tx, error)) return false;
  std::set<std::string> wanted;
  for (const OutputFile& file : files) wanted.insert(file.path);
  // Without a manifest (an OUT from an older rootpol, or someone else's folder) nothing is
  // deleted: only the paths written now are replaced.
  std::set<std::string> owned = readManifest(outDir).value_or(std::set<std::string>{});
  std::set<std::string> both = owned;
  both.insert(wanted.begin(), wanted.end());
  // First a manifest naming old and new files, so that a crash half-way leaves every file
  // rootpol wrote on record for the next compile to clean up; the exact one goes in last.
  const std::string manifest(kManifestName);
  bool ok = writeFile(tx.staged(manifest + ".all"), manifestText(both)) &&
            writeFile(tx.staged(manifest), manifestText(wanted)) &&
            tx.replace(manifest, tx.staged(manifest + ".all"), ec);
  std::string failed = manifest;
  for (auto it = wanted.begin(); ok && it != wanted.end(); ++it) ok = tx.replace(failed = *it, tx.staged(*it), ec);
  std::set<std::string> removed;
  for (const std::string& path : owned) {
    if (!ok || wanted.count(path) > 0) continue;
    ok = tx.replace(failed = path, {}, ec);
    removed.insert(path);
  }
  if (ok) fs::rename(tx.staged(manifest), outDir / manifest, ec);
  if (!ok || ec) {
    error = fmt::format("cannot replace `{}`: {}", (outDir / failed).generic_string(), ec.message());
    tx.rollback();
    return false;
  }
  tx.pruneEmptyFolders(removed);
  return true;
}

}  // namespace rootpol::driver
