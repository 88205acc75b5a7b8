// SARIF 2.1.0 (OASIS): the format GitHub code scanning and most CI dashboards read.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "base/render.h"

namespace rootpol {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::string_view sarifLevel(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

// SARIF recommends PascalCase rule names ("type-mismatch" -> "TypeMismatch").
std::string pascalCase(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '-' || c == '_' || c == ' ') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

// RFC 3986 percent-encoding of a path: unreserved characters and `/` stay, every other byte
// (spaces, `<`, non-ASCII) is encoded so consumers never see an invalid URI.
std::string percentEncode(std::string_view path) {
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    out += keep ? std::string(1, ch) : fmt::format("%{:02X}", c);
  }
  return out;
}

std::string fileUri(const fs::path& absolute) {
  std::string path = absolute.generic_string();
  return "file://" + std::string(path.empty() || path.front() != '/' ? "/" : "") +
         percentEncode(path);
}

fs::path absoluteNormal(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path.empty() ? fs::path(".") : fs::path(path), ec);
  if (ec) p = fs::path(path);
  p = p.lexically_normal();
  // "dir/." normalises to "dir/": drop the empty last element so relative() works.
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  return p;
}

// FNV-1a (64 bit): a fixed, platform-independent hash, so fingerprints never change between
// builds or machines.
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 14695981039346656037ull) {
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Turns spans into SARIF locations: artifact indices, URIs relative to SRCROOT, and columns
// in UTF-16 code units (SARIF's default column kind, also what GitHub assumes).
class Locator {
 public:
  Locator(const SourceManager& sources, const std::string& baseDirectory)
      : sources_(sources), base_(absoluteNormal(baseDirectory)) {}

  std::string baseUri() const {
    std::string uri = fileUri(base_);
    return uri.back() == '/' ? uri : uri + "/";
  }
  bool known(Span span) const { return sources_.has(span.file); }
  const SourceFile& file(Span span) const { return sources_.file(span.file); }
  Json physicalLocation(Span span);
  // The artifactLocation of `file` (the relative URI and its base, or an absolute URI).
  Json artifactLocation(FileId file, bool withIndex);
  const std::vector<FileId>& artifacts() const { return artifactOrder_; }

 private:
  std::uint32_t utf16Column(const SourceFile& file, std::uint32_t offset, LineCol lc);

  const SourceManager& sources_;
  fs::path base_;
  std::map<FileId, std::size_t> artifactIndex_;
  std::vector<FileId> artifactOrder_;
  // Per file, the byte offsets of 4-byte UTF-8 sequences (two UTF-16 units each): a column is
  // then the code-point column plus a binary search, never a rescan of the line.
  std::map<FileId, std::vector<std::uint32_t>> astral_;
};

std::uint32_t Locator::utf16Column(const SourceFile& file, std::uint32_t offset, LineCol lc) {
  auto [it, inserted] = astral_.try_emplace(file.id());
  if (inserted) {
    const std::string& text = file.text();
    for (std::uint32_t i = 0; i < text.size(); ++i) {
      auto c = static_cast<unsigned char>(text[i]);
      if (c >= 0xF0 && c <= 0xF4) it->second.push_back(i);
    }
  }
  const std::vector<std::uint32_t>& leads = it->second;
  auto lineStart = static_cast<std::uint32_t>(file.lineText(lc.line).data() - file.text().data());
  auto from = std::lower_bound(leads.begin(), leads.end(), lineStart);
  auto to = std::lower_bound(from, leads.end(), offset);
  return lc.column + static_cast<std::uint32_t>(to - from);
}

Json Locator::artifactLocation(FileId id, bool withIndex) {
  const SourceFile& f = sources_.file(id);
  fs::path absolute = absoluteNormal(f.path());
  fs::path rel = absolute.lexically_relative(base_);
  Json loc;
  if (rel.empty() || *rel.begin() == ".." || rel.is_absolute()) {
    loc["uri"] = fileUri(absolute);
  } else {
    loc["uri"] = percentEncode(rel.generic_string());
    loc["uriBaseId"] = "SRCROOT";
  }
  if (withIndex) {
    auto [it, inserted] = artifactIndex_.try_emplace(id, artifactOrder_.size());
    if (inserted) artifactOrder_.push_back(id);
    loc["index"] = it->second;
  }
  return loc;
}

Json Locator::physicalLocation(Span span) {
  const SourceFile& f = file(span);
  LineCol start = f.lineCol(span.begin);
  LineCol end = f.lineCol(std::max(span.begin, span.end));
  Json region;
  region["startLine"] = start.line;
  region["startColumn"] = utf16Column(f, span.begin, start);
  region["endLine"] = end.line;
  region["endColumn"] = utf16Column(f, std::max(span.begin, span.end), end);
  return Json{{"artifactLocation", artifactLocation(span.file, true)}, {"region", region}};
}

Json ruleFor(DiagCode code, const SarifOptions& options) {
  const DiagInfo& info = diagInfo(code);
  Json rule;
  rule["id"] = info.code;
  rule["name"] = pascalCase(info.name);
  rule["shortDescription"] = {{"text", info.doc}};
  std::string help = options.ruleHelp ? options.ruleHelp(code) : std::string();
  if (!help.empty()) rule["fullDescription"] = {{"text", help}};
  rule["defaultConfiguration"] = {{"level", sarifLevel(info.severity)}};
  if (!options.helpUriBase.empty()) {
    rule["helpUri"] = options.helpUriBase + std::string(info.code) + ".md";
  }
  if (!help.empty()) rule["help"] = {{"text", help}, {"markdown", help}};
  return rule;
}

std::string messageText(const Diagnostic& d) {
  std::string text = d.message;
  for (const std::string& note : d.notes) text += " (note: " + note + ")";
  if (d.help) text += " (help: " + *d.help + ")";
  return text;
}

// What identifies a finding across commits: its code, file, message and the text of its
// line, but not the line number, so inserting lines above it keeps its identity.
std::string fingerprint(const Diagnostic& d, Locator& locator) {
  std::uint64_t hash = fnv1a(diagInfo(d.code).code);
  hash = fnv1a("\x1f" + d.message, hash);
  if (d.span && locator.known(*d.span)) {
    const SourceFile& f = locator.file(*d.span);
    std::string uri = locator.artifactLocation(d.span->file, false)["uri"];
    hash = fnv1a("\x1f" + uri, hash);
    hash = fnv1a("\x1f", hash);
    hash = fnv1a(trim(f.lineText(f.lineCol(d.span->begin).line)), hash);
  }
  return fmt::format("{:016x}", hash);
}

Json resultFor(const Diagnostic& d, std::size_t ruleIndex, Locator& locator,
               std::map<std::string, int>& seen) {
  Json result;
  result["ruleId"] = diagInfo(d.code).code;
  result["ruleIndex"] = ruleIndex;
  result["level"] = sarifLevel(d.severity);
  result["message"] = {{"text", messageText(d)}};
  if (d.span && locator.known(*d.span)) {
    result["locations"] = Json::array({{{"physicalLocation", locator.physicalLocation(*d.span)}}});
  }
  Json related = Json::array();
  for (const Label& label : d.labels) {
    if (!locator.known(label.span)) continue;
    related.push_back({{"id", related.size() + 1},
                       {"physicalLocation", locator.physicalLocation(label.span)},
                       {"message", {{"text", label.message}}}});
  }
  if (!related.empty()) result["relatedLocations"] = related;
  // Identical findings (same code, file, message and line text) are told apart by order, as
  // GitHub's own primaryLocationLineHash does.
  std::string hash = fingerprint(d, locator);
  result["partialFingerprints"] = {{"rootpolHash/v1", fmt::format("{}:{}", hash, ++seen[hash])}};
  return result;
}

Json artifactsOf(Locator& locator) {
  Json artifacts = Json::array();
  for (FileId id : locator.artifacts()) {
    Json loc = locator.artifactLocation(id, false);
    artifacts.push_back(
        {{"location", loc}, {"length", locator.file(Span{id, 0, 0}).text().size()}});
  }
  return artifacts;
}

Json driverOf(const std::vector<DiagCode>& codes, const SarifOptions& options) {
  Json rules = Json::array();
  for (DiagCode code : codes) rules.push_back(ruleFor(code, options));
  Json driver;
  driver["name"] = "rootpol";
  if (!options.toolVersion.empty()) driver["version"] = options.toolVersion;
  driver["informationUri"] = options.informationUri;
  driver["rules"] = rules;
  return driver;
}

}  // namespace

std::string renderSarif(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                        const SarifOptions& options) {
  // Rules in registry order, so the same set of codes always gives the same rules array.
  std::vector<DiagCode> codes;
  for (const Diagnostic& d : diagnostics) codes.push_back(d.code);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());

  Locator locator(sources, options.baseDirectory);
  Json results = Json::array();
  std::map<std::string, int> seen;
  for (const Diagnostic& d : diagnostics) {
    auto index = static_cast<std::size_t>(std::lower_bound(codes.begin(), codes.end(), d.code) -
                                          codes.begin());
    results.push_back(resultFor(d, index, locator, seen));
  }
  Json run;
  run["tool"] = {{"driver", driverOf(codes, options)}};
  run["originalUriBaseIds"] = {{"SRCROOT", {{"uri", locator.baseUri()}}}};
  Json artifacts = artifactsOf(locator);
  if (!artifacts.empty()) run["artifacts"] = artifacts;
  run["results"] = results;
  run["columnKind"] = "utf16CodeUnits";

  Json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = Json::array({run});
  // Paths and messages need not be UTF-8: replace, never throw.
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace rootpol
