#pragma once

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

// Where the repository is, and small file helpers shared by the test programs.
namespace rootpol::testing {

inline std::filesystem::path sourceDir() { return std::filesystem::path(ROOTPOL_SOURCE_DIR); }

inline std::optional<std::string> readText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void writeText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// UPDATE_GOLDEN=1 rewrites expectations instead of comparing (review the diff).
inline bool updateGolden() {
  const char* flag = std::getenv("UPDATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

// Every file under `dir` (recursively) with extension `ext`, sorted.
inline std::vector<std::filesystem::path> filesUnder(const std::filesystem::path& dir, const std::string& ext) {
  std::vector<std::filesystem::path> out;
  if (!std::filesystem::exists(dir)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ext) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace rootpol::testing
