#include "inputs.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "driver/compilation.h"
#include "eval/evaluator.h"
#include "policy/read_document.h"

namespace fs = std::filesystem;

namespace rootpol::differential {
namespace {

std::optional<std::string> readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string relativeName(const fs::path& path, const fs::path& base) {
  std::error_code ec;
  fs::path relative = fs::relative(path, base, ec);
  return (ec || relative.empty() ? path : relative).generic_string();
}

// The compiled policies of one Compilation, or the reason it produced none.
std::optional<std::string> compile(const std::vector<std::string>& inputs,
                                   const std::string& source, const std::string& prefix,
                                   std::vector<SourceDocument>& out) {
  driver::Options options;
  options.inputs = inputs;
  driver::Compilation compilation(options);
  if (!compilation.run()) return "tool failure: " + compilation.toolError().value_or("?");
  if (compilation.diagnostics().hasErrors()) return "does not compile";
  for (const driver::CompiledPolicy& policy : compilation.policies()) {
    for (const driver::PolicyPart& part : policy.parts) {  // the deployed documents
      SourceDocument doc{source, prefix + ":" + part.name, part.document, nlohmann::json::parse(part.json)};
      out.push_back(std::move(doc));
    }
  }
  return std::nullopt;
}

std::vector<fs::path> filesUnder(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void loadGoldens(const fs::path& repo, std::vector<SourceDocument>& out, InputStats& stats) {
  for (const char* dir : {"scp", "org"}) {
    for (const fs::path& file : filesUnder(repo / "tests" / "golden" / dir, ".rootpol")) {
      ++stats.goldenPrograms;
      const std::string name = relativeName(file, repo);
      if (file.filename().string().rfind("error_", 0) == 0) {
        ++stats.goldenSkipped["error program (error_*)"];
        continue;
      }
      std::size_t before = out.size();
      if (auto why = compile({file.string()}, "golden", name, out)) {
        ++stats.goldenSkipped[*why];
      } else if (out.size() == before) {
        ++stats.goldenSkipped["compiles to no SCP"];
      }
    }
  }
}

// Parse errors name elements and positions; the reason keeps their kind only, so that the
// counts group ("unknown element `…`").
std::string skipReason(std::string error) {
  if (error.rfind("Statement[", 0) == 0) {
    std::size_t colon = error.find("]: ");
    if (colon != std::string::npos) error = error.substr(colon + 3);
  }
  if (error.find("parse error") != std::string::npos ||
      error.find("syntax error") != std::string::npos) {
    return "invalid JSON";
  }
  std::string out;
  bool quoted = false;
  for (char c : error) {
    if (c == '`') {
      out += quoted ? "`" : "`…";
      quoted = !quoted;
    } else if (!quoted) {
      out.push_back(c);
    }
  }
  return out;
}

void loadCorpus(const fs::path& corpusDir, std::vector<SourceDocument>& out, InputStats& stats) {
  std::error_code ec;
  if (!fs::is_directory(corpusDir, ec)) {
    stats.corpusAbsent = corpusDir.string() + " is not a directory";
    return;
  }
  for (const fs::path& file : filesUnder(corpusDir, ".json")) {
    ++stats.corpusFiles;
    std::optional<std::string> text = readFile(file);
    if (!text) {
      ++stats.corpusSkipped["unreadable"];
      continue;
    }
    std::string error;
    std::optional<policy::Document> doc = policy::readDocument(*text, error);
    if (doc && std::any_of(doc->statements.begin(), doc->statements.end(),
                           [](const policy::Statement& s) { return s.principal.has_value(); })) {
      error = "has Principal: not an SCP";
      doc.reset();
    }
    if (!doc) {
      ++stats.corpusSkipped[skipReason(error)];
      continue;
    }
    nlohmann::json json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
      ++stats.corpusSkipped["accepted by policy::readDocument, refused by nlohmann::json"];
      continue;
    }
    out.push_back({"corpus", "corpus/" + relativeName(file, corpusDir), std::move(*doc), json});
  }
}

}  // namespace

void loadCorpusDocuments(const fs::path& corpusDir, std::vector<SourceDocument>& out, InputStats& stats) {
  loadCorpus(corpusDir, out, stats);
}

bool loadDocuments(const fs::path& repo, const fs::path& corpusDir,
                   std::vector<SourceDocument>& out, InputStats& stats, std::string& error) {
  if (auto why = compile({(repo / "examples").string()}, "examples", "examples", out)) {
    error = "examples/: " + *why;
    return false;
  }
  loadGoldens(repo, out, stats);
  loadCorpus(corpusDir, out, stats);
  for (const SourceDocument& doc : out) ++stats.documentsBySource[doc.source];
  return true;
}

}  // namespace rootpol::differential
