// SARIF 2.1.0 (OASIS): the format GitHub code scanning and most CI dashboards read.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "base/json_writer.h"
#include "base/render.h"

namespace rootpol {
namespace {

namespace fs = std::filesystem;

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

// Where a file is, as SARIF names it: a URI relative to SRCROOT, or an absolute one for a
// file outside it. Worked out once per file (it asks the file system for the current
// directory), not per finding.
struct ArtifactUri {
  std::string uri;
  bool relative = false;
};

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
  // The artifacts in the order their first location appears in the results (before any is
  // written: the artifacts array comes first in the run).
  void index(Span span) {
    if (!known(span)) return;
    auto [it, inserted] = artifactIndex_.try_emplace(span.file, artifactOrder_.size());
    if (inserted) artifactOrder_.push_back(span.file);
  }
  const std::vector<FileId>& artifacts() const { return artifactOrder_; }
  const ArtifactUri& uriOf(FileId id);
  void physicalLocation(JsonWriter& w, Span span);
  // `{"uri": ..., "uriBaseId": "SRCROOT"}` (the base only for a relative URI), and the
  // artifact's index when `withIndex`.
  void artifactLocation(JsonWriter& w, FileId id, bool withIndex);

 private:
  std::uint32_t utf16Column(const SourceFile& file, std::uint32_t offset, LineCol lc);

  const SourceManager& sources_;
  fs::path base_;
  std::map<FileId, std::size_t> artifactIndex_;
  std::vector<FileId> artifactOrder_;
  std::map<FileId, ArtifactUri> uris_;
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

const ArtifactUri& Locator::uriOf(FileId id) {
  auto [it, inserted] = uris_.try_emplace(id);
  if (inserted) {
    fs::path absolute = absoluteNormal(sources_.file(id).path());
    fs::path rel = absolute.lexically_relative(base_);
    if (rel.empty() || *rel.begin() == ".." || rel.is_absolute()) {
      it->second = {fileUri(absolute), false};
    } else {
      it->second = {percentEncode(rel.generic_string()), true};
    }
  }
  return it->second;
}

void Locator::artifactLocation(JsonWriter& w, FileId id, bool withIndex) {
  const ArtifactUri& uri = uriOf(id);
  w.open('{');
  w.member("uri", uri.uri);
  if (uri.relative) w.member("uriBaseId", "SRCROOT");
  if (withIndex) w.member("index", artifactIndex_.at(id));
  w.close('}');
}

void Locator::physicalLocation(JsonWriter& w, Span span) {
  const SourceFile& f = file(span);
  LineCol start = f.lineCol(span.begin);
  LineCol end = f.lineCol(std::max(span.begin, span.end));
  w.open('{');
  w.key("artifactLocation");
  artifactLocation(w, span.file, true);
  w.key("region");
  w.open('{');
  w.member("startLine", start.line);
  w.member("startColumn", utf16Column(f, span.begin, start));
  w.member("endLine", end.line);
  w.member("endColumn", utf16Column(f, std::max(span.begin, span.end), end));
  w.close('}');
  w.close('}');
}

// `"name": {"text": text}`.
void textMember(JsonWriter& w, std::string_view name, std::string_view text) {
  w.key(name);
  w.open('{');
  w.member("text", text);
  w.close('}');
}

void rule(JsonWriter& w, DiagCode code, const SarifOptions& options) {
  const DiagInfo& info = diagInfo(code);
  std::string help = options.ruleHelp ? options.ruleHelp(code) : std::string();
  w.open('{');
  w.member("id", info.code);
  w.member("name", pascalCase(info.name));
  textMember(w, "shortDescription", info.doc);
  if (!help.empty()) textMember(w, "fullDescription", help);
  w.key("defaultConfiguration");
  w.open('{');
  w.member("level", sarifLevel(info.severity));
  w.close('}');
  if (!options.helpUriBase.empty()) w.member("helpUri", options.helpUriBase + std::string(info.code) + ".md");
  if (!help.empty()) {
    w.key("help");
    w.open('{');
    w.member("text", help);
    w.member("markdown", help);
    w.close('}');
  }
  w.close('}');
}

std::string messageText(const Diagnostic& d) {
  std::string text = d.message;
  for (const std::string& note : d.notes) text += " (note: " + note + ")";
  if (d.help) text += " (help: " + *d.help + ")";
  return text;
}

// What identifies a finding across commits: its code, file, message and the text of its
// line, but not the line number, so inserting lines above it keeps its identity.
std::uint64_t fingerprint(const Diagnostic& d, Locator& locator) {
  std::uint64_t hash = fnv1a(diagInfo(d.code).code);
  hash = fnv1a("\x1f", hash);
  hash = fnv1a(d.message, hash);
  if (d.span && locator.known(*d.span)) {
    const SourceFile& f = locator.file(*d.span);
    hash = fnv1a("\x1f", hash);
    hash = fnv1a(locator.uriOf(d.span->file).uri, hash);
    hash = fnv1a("\x1f", hash);
    hash = fnv1a(trim(f.lineText(f.lineCol(d.span->begin).line)), hash);
  }
  return hash;
}

void result(JsonWriter& w, const Diagnostic& d, std::size_t ruleIndex, Locator& locator,
            std::unordered_map<std::uint64_t, int>& seen) {
  w.open('{');
  w.member("ruleId", diagInfo(d.code).code);
  w.member("ruleIndex", ruleIndex);
  w.member("level", sarifLevel(d.severity));
  textMember(w, "message", messageText(d));
  if (d.span && locator.known(*d.span)) {
    w.key("locations");
    w.open('[');
    w.item();
    w.open('{');
    w.key("physicalLocation");
    locator.physicalLocation(w, *d.span);
    w.close('}');
    w.close(']');
  }
  std::size_t related = 0;
  for (const Label& label : d.labels) {
    if (!locator.known(label.span)) continue;
    if (related == 0) {
      w.key("relatedLocations");
      w.open('[');
    }
    w.item();
    w.open('{');
    w.member("id", ++related);
    w.key("physicalLocation");
    locator.physicalLocation(w, label.span);
    textMember(w, "message", label.message);
    w.close('}');
  }
  if (related > 0) w.close(']');
  // Identical findings (same code, file, message and line text) are told apart by order, as
  // GitHub's own primaryLocationLineHash does.
  const std::uint64_t hash = fingerprint(d, locator);
  const int repeat = ++seen[hash];
  w.key("partialFingerprints");
  w.open('{');
  w.member("rootpolHash/v1", fmt::format(FMT_COMPILE("{:016x}:{}"), hash, repeat));
  w.close('}');
  w.close('}');
}

void driver(JsonWriter& w, const std::vector<DiagCode>& codes, const SarifOptions& options) {
  w.open('{');
  w.member("name", "rootpol");
  if (!options.toolVersion.empty()) w.member("version", options.toolVersion);
  w.member("informationUri", options.informationUri);
  w.key("rules");
  w.open('[');
  for (DiagCode code : codes) {
    w.item();
    rule(w, code, options);
  }
  w.close(']');
  w.close('}');
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
  for (const Diagnostic& d : diagnostics) {
    if (d.span) locator.index(*d.span);
    for (const Label& label : d.labels) locator.index(label.span);
  }
  // Written directly, in the bytes of nlohmann's dump(2) (base/json_writer.h): as a tree, the
  // log of 119,000 findings took 11 s and 1.4 GB.
  std::string out;
  out.reserve(1024 + 700 * diagnostics.size());
  JsonWriter w(out);
  w.open('{');
  w.member("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  w.member("version", "2.1.0");
  w.key("runs");
  w.open('[');
  w.item();
  w.open('{');
  w.key("tool");
  w.open('{');
  w.key("driver");
  driver(w, codes, options);
  w.close('}');
  w.key("originalUriBaseIds");
  w.open('{');
  w.key("SRCROOT");
  w.open('{');
  w.member("uri", locator.baseUri());
  w.close('}');
  w.close('}');
  if (!locator.artifacts().empty()) {
    w.key("artifacts");
    w.open('[');
    for (FileId id : locator.artifacts()) {
      w.item();
      w.open('{');
      w.key("location");
      locator.artifactLocation(w, id, false);
      w.member("length", locator.file(Span{id, 0, 0}).text().size());
      w.close('}');
    }
    w.close(']');
  }
  w.key("results");
  w.open('[');
  std::unordered_map<std::uint64_t, int> seen;
  for (const Diagnostic& d : diagnostics) {
    auto index = static_cast<std::size_t>(std::lower_bound(codes.begin(), codes.end(), d.code) -
                                          codes.begin());
    w.item();
    result(w, d, index, locator, seen);
  }
  w.close(']');
  w.member("columnKind", "utf16CodeUnits");
  w.close('}');
  w.close(']');
  w.close('}');
  out += '\n';
  return out;
}

}  // namespace rootpol
