#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "policy/document.h"

// The SCP documents the differential test runs on: compiled from examples/ and the golden
// programs, and read from the public corpus.
namespace rootpol::differential {

struct SourceDocument {
  std::string source;  // "examples", "golden" or "corpus"
  std::string name;    // "examples/root-mfa.rootpol:root-mfa", "corpus/lza/x.json"
  policy::Document document;
  // What the oracle is given: the compiled JSON, or the corpus file as written (so that the
  // oracle reads the text itself, not our reading of it).
  nlohmann::json json;
};

struct InputStats {
  std::map<std::string, std::size_t> documentsBySource;
  std::size_t goldenPrograms = 0;
  std::map<std::string, std::size_t> goldenSkipped;  // reason -> programs
  std::size_t corpusFiles = 0;
  std::map<std::string, std::size_t> corpusSkipped;  // reason -> files
  std::optional<std::string> corpusAbsent;           // why the corpus was not read
};

// (a) one Compilation over `repo`/examples, (b) each golden program under tests/golden/scp and
// tests/golden/org compiled alone, (c) every *.json under `corpusDir` that
// policy::readDocument accepts (SCPs only: no Principal). Returns false (with `error`) only on a tool failure of (a).
// (c) alone: the corpus documents (also read by the packer's proof, tests/unit/pack/proof).
void loadCorpusDocuments(const std::filesystem::path& corpusDir, std::vector<SourceDocument>& out, InputStats& stats);

bool loadDocuments(const std::filesystem::path& repo, const std::filesystem::path& corpusDir,
                   std::vector<SourceDocument>& out, InputStats& stats, std::string& error);

}  // namespace rootpol::differential
