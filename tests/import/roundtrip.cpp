// import_roundtrip: `rootpol import` never loses meaning. Every JSON policy of
// tests/golden/import/input/ and of the public corpus (when it is there) is imported, the program is
// compiled, and generated requests — keys present with matching and non-matching values, and
// absent — are decided against the original and against the compiled import:
// (a) by our evaluator, on every request;
// (b) by @cloud-copilot/iam-simulate, on a sample of the SCP requests (skipped without node).
// Any difference fails. Documents the importer refuses are counted by diagnostic code: the
// refusals of tests/golden/import/input/ are expected (their `.json.diag`), the corpus's are listed.
// Exit: 0 no difference, 1 differences or an unexpected refusal, 2 tool failure.
#include <algorithm>
#include <charconv>
#include <fstream>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "driver/compilation.h"
#include "eval/evaluator.h"
#include "generator.h"
#include "importer/importer.h"
#include "importer/read_input.h"
#include "oracle_client.h"

namespace fs = std::filesystem;
using namespace rootpol;

namespace {

struct Args {
  fs::path repo;
  std::optional<fs::path> corpus;
  std::size_t requests = 20000;
  std::size_t oracleCases = 3000;
  std::uint32_t seed = 7;
};

struct Pair {
  std::string name;
  bool rcp = false;
  differential::SourceDocument original;
  policy::Document imported;
  nlohmann::json importedJson;
};

struct Stats {
  std::size_t files = 0;
  std::size_t imported = 0;
  std::size_t rcps = 0;
  std::map<std::string, std::vector<std::string>> refused;  // code -> files
  std::size_t unexpectedRefusals = 0;
  std::size_t compared = 0;
  std::size_t differences = 0;
  std::size_t canaryDifferences = 0;  // against imports stripped of their conditions
  std::size_t oracleCompared = 0;
  std::size_t oracleDifferences = 0;
  std::map<std::string, std::size_t> oracleErrors;
};

std::optional<std::string> readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<fs::path> jsonFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The compiled import: its one policy's document and JSON.
bool compileImport(const std::string& name, const std::string& text, Pair& pair) {
  driver::Options options;
  options.extraSources.emplace_back(name, text);
  driver::Compilation compilation(options);
  if (!compilation.run() || compilation.diagnostics().hasErrors() || compilation.policies().size() != 1) return false;
  pair.imported = compilation.policies().front().document;
  if (compilation.policies().front().parts.size() != 1) return false;
  pair.importedJson = nlohmann::json::parse(compilation.policies().front().parts.front().json);
  return true;
}

// `CODE path` lines: the corpus files the importer refuses, and why (each one a document AWS
// would not accept as an SCP/RCP, or one the language cannot say yet). A refusal not listed
// fails, and so does a listed file that now imports: the list stays exact.
std::set<std::string> knownRefusals(const fs::path& file) {
  std::set<std::string> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') out.insert(line);
  }
  return out;
}

void importFile(const fs::path& file, const std::string& label, bool expectRefusal,
                const importer::Importer& importer, std::vector<Pair>& pairs, Stats& stats) {
  ++stats.files;
  std::optional<std::string> text = readAll(file);
  SourceManager sources;
  DiagnosticSink sink;
  std::vector<importer::ImportSource> documents;
  std::optional<std::string> program;
  if (text && importer::readImportSource(label, *text, sources, sink, documents) && documents.size() == 1) {
    program = importer.run(documents.front(), sink);
  }
  if (!program) {
    std::string code = "read";
    for (const Diagnostic& d : sink.sorted()) {
      if (d.severity == Severity::Error) {
        code = std::string(diagInfo(d.code).code);
        break;
      }
    }
    stats.refused[code].push_back(label);
    if (!expectRefusal) ++stats.unexpectedRefusals;
    return;
  }
  Pair pair;
  pair.name = label;
  pair.rcp = documents.front().resourcePolicy;
  if (!compileImport(documents.front().name + ".rootpol", *program, pair)) {
    std::cout << "import_roundtrip: " << label << ": the import does not compile\n" << *program;
    ++stats.unexpectedRefusals;
    return;
  }
  // The oracle reads the file as written (a describe-policy answer: its Content).
  nlohmann::json json = nlohmann::json::parse(*text, nullptr, false);
  if (json.contains("Policy") && json["Policy"].contains("Content")) {
    json = nlohmann::json::parse(json["Policy"]["Content"].get<std::string>(), nullptr, false);
  }
  pair.original = {"import", label, documents.front().document, json};
  ++stats.imported;
  stats.rcps += pair.rcp;
  pairs.push_back(std::move(pair));
}

eval::Evaluator single(const std::string& name, const policy::Document& document) {
  eval::Level level;
  level.target = "account";
  level.policies.push_back({name, &document});
  return eval::Evaluator({level});
}

// The import with its conditions dropped: a document that must decide differently somewhere,
// or the requests never reach the conditions and the comparison proves nothing.
policy::Document withoutConditions(policy::Document document) {
  for (policy::Statement& s : document.statements) s.conditions.clear();
  return document;
}

void compareOurs(const std::vector<Pair>& pairs, const differential::Generated& generated, Stats& stats) {
  std::vector<eval::Evaluator> originals, imports, canaries;
  std::vector<policy::Document> stripped;
  stripped.reserve(pairs.size());
  for (const Pair& p : pairs) {
    originals.push_back(single(p.name, p.original.document));
    imports.push_back(single(p.name, p.imported));
    stripped.push_back(withoutConditions(p.imported));
    canaries.push_back(single(p.name, stripped.back()));
  }
  for (const differential::Case& c : generated.cases) {
    ++stats.compared;
    eval::Decision before = originals[c.document].evaluate(c.request).decision;
    eval::Decision after = imports[c.document].evaluate(c.request).decision;
    stats.canaryDifferences += canaries[c.document].evaluate(c.request).decision != before;
    if (before == after) continue;
    if (++stats.differences <= 10) {
      std::cout << "DIFFERENCE (evaluator) " << pairs[c.document].name << ": " << c.request.action << " on "
                << c.request.resource << " by " << c.request.principalArn << ": original "
                << eval::decisionName(before) << ", import " << eval::decisionName(after) << "\n";
    }
  }
}

nlohmann::json oracleCase(const std::string& id, const nlohmann::json& document, const differential::Case& c) {
  nlohmann::json context = nlohmann::json::object();
  for (const auto& [key, values] : c.request.context) {
    const bool list = values.size() != 1 || std::find(c.arrayKeys.begin(), c.arrayKeys.end(), key) != c.arrayKeys.end();
    context[key] = list ? nlohmann::json(values) : nlohmann::json(values.front());
  }
  return {{"id", id},
          {"scps", nlohmann::json::array({nlohmann::json::array({document})})},
          {"action", c.request.action},
          {"resource", c.request.resource},
          {"principal", c.request.principalArn},
          {"context", std::move(context)}};
}

// The oracle decides the original and the import of a sample of SCP cases; the two decisions
// must agree (the oracle's own quirks then cancel out: both sides meet them alike).
bool compareOracle(const std::vector<Pair>& pairs, const differential::Generated& generated,
                   const semantic::OracleClient& oracle, std::size_t limit, Stats& stats) {
  nlohmann::json cases = nlohmann::json::array();
  std::vector<std::size_t> picked;
  const std::size_t step = std::max<std::size_t>(1, generated.cases.size() / std::max<std::size_t>(limit, 1));
  for (std::size_t i = 0; i < generated.cases.size() && picked.size() < limit; i += step) {
    const differential::Case& c = generated.cases[i];
    if (pairs[c.document].rcp) continue;
    picked.push_back(i);
    cases.push_back(oracleCase(std::to_string(i) + "o", pairs[c.document].original.json, c));
    cases.push_back(oracleCase(std::to_string(i) + "i", pairs[c.document].importedJson, c));
  }
  std::string error;
  auto results = oracle.run(cases, error);
  if (!results) {
    std::cout << "import_roundtrip: the oracle failed: " << error << "\n";
    return false;
  }
  std::map<std::string, std::string> decision;
  for (const semantic::OracleResult& r : *results) decision[r.id] = r.decision;
  for (std::size_t i : picked) {
    const std::string& before = decision[std::to_string(i) + "o"];
    const std::string& after = decision[std::to_string(i) + "i"];
    if (before == "error" || after == "error") {
      ++stats.oracleErrors[before == "error" ? "original" : "import"];
      continue;
    }
    ++stats.oracleCompared;
    if (before == after) continue;
    if (++stats.oracleDifferences <= 10) {
      const differential::Case& c = generated.cases[i];
      std::cout << "DIFFERENCE (iam-simulate) " << pairs[c.document].name << ": " << c.request.action << " on "
                << c.request.resource << ": original " << before << ", import " << after << "\n"
                << "  import: " << pairs[c.document].importedJson.dump() << "\n";
    }
  }
  return true;
}

bool parseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    auto number = [&](auto& out) {
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
      return ec == std::errc() && end == value.data() + value.size();
    };
    if (flag == "--repo") {
      args.repo = value;
    } else if (flag == "--corpus") {
      args.corpus = value;
    } else if (flag == "--requests") {
      if (!number(args.requests)) return false;
    } else if (flag == "--oracle-cases") {
      if (!number(args.oracleCases)) return false;
    } else if (flag == "--seed") {
      if (!number(args.seed)) return false;
    } else {
      return false;
    }
  }
  return !args.repo.empty() && argc % 2 == 1;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parseArgs(argc, argv, args)) {
    std::cerr << "usage: import_roundtrip --repo DIR [--corpus DIR] [--requests N] [--oracle-cases N] [--seed S]\n";
    return 2;
  }
  const catalog::Catalog& catalog = catalog::Catalog::builtin();
  importer::Importer importer(sema::KeyTable::builtin(), catalog);
  std::vector<Pair> pairs;
  Stats stats;
  const fs::path goldens = args.repo / "tests" / "golden" / "import" / "input";
  for (const fs::path& file : jsonFiles(goldens)) {
    const bool refusal = fs::exists(file.string() + ".diag");
    importFile(file, "golden/" + fs::relative(file, goldens).generic_string(), refusal, importer, pairs, stats);
  }
  const std::size_t goldenFiles = stats.files;
  const fs::path corpus = args.corpus.value_or(args.repo / ".." / "shared" / "corpus");
  const std::vector<fs::path> corpusFiles = jsonFiles(corpus);
  const std::set<std::string> known = knownRefusals(args.repo / "tests" / "import" / "known_refusals.txt");
  for (const fs::path& file : corpusFiles) {
    const std::string label = "corpus/" + fs::relative(file, corpus).generic_string();
    auto listed = std::find_if(known.begin(), known.end(), [&](const std::string& line) {
      return line.size() > label.size() && line.compare(line.size() - label.size(), label.size(), label) == 0;
    });
    const std::size_t refusedBefore = stats.unexpectedRefusals;
    const std::size_t importedBefore = stats.imported;
    importFile(file, label, listed != known.end(), importer, pairs, stats);
    if (listed != known.end() && stats.imported > importedBefore) {
      std::cout << "import_roundtrip: " << label << " imports now: remove it from tests/import/known_refusals.txt\n";
      ++stats.unexpectedRefusals;
    } else if (listed != known.end() && stats.unexpectedRefusals == refusedBefore) {
      // Refused as listed: the code must match too.
      bool same = false;
      for (const auto& [code, files] : stats.refused) {
        if (!files.empty() && files.back() == label && *listed == code + " " + label) same = true;
      }
      if (!same) {
        std::cout << "import_roundtrip: " << label << " is refused with another code than " << *listed << "\n";
        ++stats.unexpectedRefusals;
      }
    } else if (stats.unexpectedRefusals > refusedBefore) {
      std::cout << "import_roundtrip: " << label << " is refused and not in tests/import/known_refusals.txt\n";
    }
  }
  std::vector<differential::SourceDocument> originals;
  for (const Pair& p : pairs) originals.push_back(p.original);
  differential::ResourceTypes resources(catalog);
  differential::Generated generated = differential::generate(originals, catalog, resources, args.seed, args.requests);
  compareOurs(pairs, generated, stats);
  semantic::OracleClient oracle(args.repo / "tests" / "oracle");
  std::optional<std::string> noOracle = oracle.unavailableReason();
  if (!noOracle && !compareOracle(pairs, generated, oracle, args.oracleCases, stats)) return 2;

  std::cout << "import_roundtrip: " << stats.files << " files (" << goldenFiles << " goldens, "
            << corpusFiles.size() << " corpus" << (corpusFiles.empty() ? ", corpus absent" : "") << "), "
            << stats.imported << " imported (" << stats.rcps << " RCPs)\n";
  for (const auto& [code, files] : stats.refused) {
    std::cout << "  refused " << code << ": " << files.size() << "\n";
    for (const std::string& f : files) std::cout << "    " << f << "\n";
  }
  std::cout << "  evaluator: " << stats.compared << " requests, " << stats.differences << " differences ("
            << stats.canaryDifferences << " against the imports without their conditions, which must differ)\n";
  if (noOracle) {
    std::cout << "  iam-simulate: SKIPPED: " << *noOracle << "\n";
  } else {
    std::cout << "  iam-simulate: " << stats.oracleCompared << " requests decided twice, " << stats.oracleDifferences
              << " differences";
    for (const auto& [side, n] : stats.oracleErrors) std::cout << ", " << n << " errors on the " << side;
    std::cout << "\n";
  }
  const bool blind = stats.canaryDifferences == 0;
  if (blind) std::cout << "import_roundtrip: the requests never tell a condition apart: the comparison proves nothing\n";
  const bool failed = stats.differences > 0 || stats.oracleDifferences > 0 || stats.unexpectedRefusals > 0 || blind;
  return failed ? 1 : 0;
}
