// `rootpol docs`: one Markdown page per diagnostic code (like `rustc --explain`) and an index.
// Examples come from the golden tests, read only when --examples-from names them, so the
// binary never depends on the repository at run time.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <sstream>

#include "base/text.h"
#include "base/file_input.h"
#include "cli/commands.h"

namespace rootpol::cli {
namespace {

namespace fs = std::filesystem;

struct Group {
  std::string_view prefix;  // the code prefix that selects the group
  std::string_view title;
};

// Longer prefixes first: RP30xx and RP31xx are split, RP1xxx is not.
constexpr Group kGroups[] = {
    {"RP30", "RP30xx: organization and attachments"},
    {"RP31", "RP31xx: Control Tower controls"},
    {"RP40", "RP40xx: lint, SCP JSON documents"},
    {"RP41", "RP41xx: lint, meaning and security"},
    {"RP42", "RP42xx: lint, configuration"},
    {"RP50", "RP50xx: replay of CloudTrail logs"},
    {"RP0", "RP0xxx: syntax and files"},
    {"RP1", "RP1xxx: names, types and the AWS catalog"},
    {"RP2", "RP2xxx: lowering and AWS limits"},
    {"RP9", "RP9xxx: tool notes"},
};

std::string_view groupOf(std::string_view code) {
  for (const Group& g : kGroups) {
    if (code.substr(0, g.prefix.size()) == g.prefix) return g.title;
  }
  return "other";
}

// Paths come from .diag files: only regular files are read (a golden may name a FIFO or a
// link to /proc that existed only while the test ran).
std::optional<std::string> readFile(const fs::path& path) { return input::readFile(path).text; }

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A fence longer than any backtick run inside, so shown text can never close it early.
std::string fence(const std::string& body) {
  std::size_t longest = 0, run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

std::string codeBlock(const std::string& language, const std::string& body) {
  std::string f = fence(body);
  return fmt::format("{}{}\n{}\n{}\n", f, language, body, f);
}

std::string languageOf(const fs::path& path) {
  std::string ext = path.extension().string();
  if (ext == ".json") return "json";
  if (ext == ".yaml" || ext == ".yml") return "yaml";
  if (ext == ".rootpol") return "rootpol";
  return "text";
}

struct Example {
  std::string diagPath;   // shown path of the .diag file
  std::string block;      // the rendered diagnostic, as in the .diag
  std::string inputPath;  // as the diagnostic names it
  std::string excerpt;    // the input lines shown
  std::uint32_t firstLine = 0, lastLine = 0, lineCount = 0;
};

// The first (sorted) golden .diag that reports each code, with the input it points at.
class ExampleIndex {
 public:
  explicit ExampleIndex(fs::path dir) : dir_(std::move(dir)) {
    for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
      if (entry.is_regular_file() && entry.path().extension() == ".diag") {
        diags_.push_back(entry.path());
      }
    }
    std::sort(diags_.begin(), diags_.end(), [&](const fs::path& a, const fs::path& b) {
      return a.lexically_relative(dir_).generic_string() <
             b.lexically_relative(dir_).generic_string();
    });
  }
  std::optional<Example> find(std::string_view code) const;

 private:
  std::optional<std::string> blockIn(const std::string& text, std::string_view code) const;
  void addInput(Example& example, const fs::path& diagFile) const;

  fs::path dir_;
  std::vector<fs::path> diags_;
};

// The lines from the code's header to the next header (or the end), trailing blanks dropped.
std::optional<std::string> ExampleIndex::blockIn(const std::string& text,
                                                 std::string_view code) const {
  static const std::regex header(R"(^(?:error|warning|note)\[RP[0-9]{4}\]: )");
  std::vector<std::string> lines = splitLines(text), block;
  bool inside = false;
  for (const std::string& line : lines) {
    bool isHeader = std::regex_search(line, header);
    if (inside && isHeader) break;
    if (!inside && isHeader && line.find(fmt::format("[{}]: ", code)) != std::string::npos) {
      inside = true;
    }
    if (inside) block.push_back(line);
  }
  while (!block.empty() && block.back().empty()) block.pop_back();
  if (block.empty()) return std::nullopt;
  std::string out;
  for (const std::string& line : block) out += line + "\n";
  out.pop_back();
  return out;
}

// The input the block's `-->` line names: the whole file when short, else the reported line
// with three lines either side. Paths in .diag files are relative to the repository root, so
// they are looked up from the examples directory upwards; that directory also gives the
// shown path of the .diag.
void ExampleIndex::addInput(Example& example, const fs::path& diagFile) const {
  static const std::regex arrow(R"(^\s*--> (.+):([0-9]+):([0-9]+)$)");
  fs::path root = dir_.parent_path().parent_path();  // tests/golden -> the repository
  std::optional<std::uint32_t> at;
  for (const std::string& line : splitLines(example.block)) {
    std::smatch m;
    if (!std::regex_match(line, m, arrow)) continue;
    example.inputPath = m[1];
    at = static_cast<std::uint32_t>(std::stoul(m[2]));
    break;
  }
  std::optional<std::string> text;
  for (fs::path d = dir_; at && !text && d.has_relative_path(); d = d.parent_path()) {
    if ((text = readFile(d / example.inputPath))) root = d;
  }
  if (at && !text) text = readFile(diagFile.parent_path() / fs::path(example.inputPath).filename());
  example.diagPath = diagFile.lexically_relative(root).generic_string();
  if (!text) return;
  std::vector<std::string> lines = splitLines(*text);
  example.lineCount = static_cast<std::uint32_t>(lines.size());
  constexpr std::uint32_t kWholeFileUpTo = 20, kContext = 3;
  bool whole = example.lineCount <= kWholeFileUpTo;
  example.firstLine = whole ? 1 : (*at > kContext ? *at - kContext : 1);
  example.lastLine = whole ? example.lineCount : std::min(example.lineCount, *at + kContext);
  for (std::uint32_t i = example.firstLine; i <= example.lastLine; ++i) {
    example.excerpt += lines[i - 1] + (i < example.lastLine ? "\n" : "");
  }
}

std::optional<Example> ExampleIndex::find(std::string_view code) const {
  for (const fs::path& p : diags_) {
    std::optional<std::string> text = readFile(p);
    if (!text) continue;
    std::optional<std::string> block = blockIn(*text, code);
    if (!block) continue;
    Example example;
    example.block = *block;
    addInput(example, p);
    return example;
  }
  return std::nullopt;
}

// The registry's one-line docs are Markdown (backticks), but a backslash in them is literal
// (`\"`), and `|` would end a table cell.
std::string markdownText(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '|') out += '\\';
    out += c;
  }
  return out;
}

// "a name that no `let` declares" -> "A name that no `let` declares."
std::string sentence(std::string_view doc) {
  std::string s = markdownText(doc);
  if (!s.empty() && s.front() >= 'a' && s.front() <= 'z')
    s.front() = static_cast<char>(s.front() - 'a' + 'A');
  if (!s.empty() && s.back() != '.' && s.back() != '!' && s.back() != '?') s += '.';
  return s;
}

std::string exampleSection(const Example& e) {
  std::string out = "\n## Example\n\n";
  if (!e.excerpt.empty()) {
    bool whole = e.firstLine == 1 && e.lastLine == e.lineCount;
    out += whole ? fmt::format("`{}`:\n\n", e.inputPath)
                 : fmt::format("`{}`, lines {} to {}:\n\n", e.inputPath, e.firstLine, e.lastLine);
    out += codeBlock(languageOf(e.inputPath), e.excerpt) + "\n";
  }
  out += fmt::format("rootpol reports (from `{}`):\n\n", e.diagPath);
  return out + codeBlock("text", e.block);
}

std::string page(DiagCode code, const ExampleIndex* examples) {
  const DiagInfo& info = diagInfo(code);
  std::string out = fmt::format("# {}: {}\n\n", info.code, info.name);
  out += fmt::format("- **Severity:** {}\n", severityName(info.severity));
  out += fmt::format("- **Group:** {}\n\n", groupOf(info.code));
  out += sentence(info.doc) + "\n";
  std::string paragraph = ruleHelp(code);
  if (!paragraph.empty()) out += "\n" + paragraph + (paragraph.back() == '\n' ? "" : "\n");
  if (examples != nullptr) {
    if (std::optional<Example> e = examples->find(info.code)) out += exampleSection(*e);
  }
  return out;
}

std::string index() {
  std::string out =
      "# Diagnostics\n\n"
      "Every diagnostic rootpol reports has a stable code; `rootpol docs CODE` prints its page.\n"
      "This directory is generated: run `make docs` (that is, `rootpol docs --examples-from\n"
      "tests/golden --out docs/diagnostics`) after changing a code or a golden test, and do not\n"
      "edit it by hand. The registry is `compiler/base/diagnostic_kinds.def`.\n";
  std::string_view group;
  for (DiagCode code : allDiagCodes()) {
    const DiagInfo& info = diagInfo(code);
    if (groupOf(info.code) != group) {
      group = groupOf(info.code);
      out += fmt::format(
          "\n## {}\n\n| Code | Severity | Name | Summary |\n| --- | --- | --- | --- |\n", group);
    }
    out += fmt::format("| [{0}]({0}.md) | {1} | `{2}` | {3} |\n", info.code,
                       severityName(info.severity), info.name, markdownText(info.doc));
  }
  return out;
}

std::optional<DiagCode> codeNamed(std::string name) {
  if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit)) name = "RP" + name;
  for (DiagCode code : allDiagCodes()) {
    if (equalsIgnoreCase(diagInfo(code).code, name)) return code;
  }
  return std::nullopt;
}

bool writeFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

// Writes every page and the index; pages of codes no longer registered are removed so the
// directory is exactly what the registry says.
int writeAll(const fs::path& dir, const ExampleIndex* examples) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  static const std::regex pageName("RP[0-9]{4}\\.md");
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (std::regex_match(entry.path().filename().string(), pageName)) fs::remove(entry.path(), ec);
  }
  bool ok = !ec;
  for (DiagCode code : allDiagCodes()) {
    ok = ok && writeFile(dir / (std::string(diagInfo(code).code) + ".md"), page(code, examples));
  }
  ok = ok && writeFile(dir / "README.md", index());
  if (!ok) {
    std::cerr << fmt::format("rootpol: cannot write `{}`\n", dir.generic_string());
    return kExitToolFailure;
  }
  std::cout << fmt::format("wrote {} pages and {}\n", allDiagCodes().size(),
                           (dir / "README.md").generic_string());
  return kExitOk;
}

}  // namespace

CLI::App* addDocsCommand(CLI::App& app, DocsFlags& flags) {
  CLI::App* docs = app.add_subcommand(
      "docs", "explain a diagnostic code (rootpol docs RP1005), or write every page with --out");
  docs->add_option("code", flags.code, "a code such as RP1005; none: the index");
  docs->add_option("--out", flags.outDir, "write DIR/RPxxxx.md for every code and DIR/README.md");
  docs->add_option("--examples-from", flags.examplesFrom,
                   "add an example to each page from the golden tests in DIR (tests/golden)");
  return docs;
}

int runDocs(const DocsFlags& flags) {
  std::optional<ExampleIndex> examples;
  if (!flags.examplesFrom.empty()) {
    std::error_code ec;
    if (!fs::is_directory(flags.examplesFrom, ec)) {
      std::cerr << fmt::format("rootpol: `{}` is not a directory\n", flags.examplesFrom);
      return kExitToolFailure;
    }
    fs::path dir = fs::absolute(flags.examplesFrom, ec).lexically_normal();
    if (!dir.has_filename()) dir = dir.parent_path();  // "tests/golden/" -> "tests/golden"
    examples.emplace(dir);
  }
  const ExampleIndex* ex = examples ? &*examples : nullptr;
  if (!flags.outDir.empty()) {
    if (!flags.code.empty()) {
      std::cerr << "rootpol: docs takes either a CODE or --out, not both\n";
      return kExitToolFailure;
    }
    return writeAll(flags.outDir, ex);
  }
  if (flags.code.empty()) {
    std::cout << index();
    return kExitOk;
  }
  std::optional<DiagCode> code = codeNamed(flags.code);
  if (!code) {
    std::cerr << fmt::format(
        "rootpol: no diagnostic has the code `{}` (`rootpol docs` lists them)\n", flags.code);
    return kExitInputErrors;
  }
  std::cout << page(*code, ex);
  return kExitOk;
}

}  // namespace rootpol::cli
