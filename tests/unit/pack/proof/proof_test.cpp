// The packer's proof (docs/packing.md): what is deployed decides every request exactly as the
// one-statement-per-rule document. For every example and non-error golden program, the parts
// of each compiled policy against the lowered document; for every corpus SCP (read through the
// hub), its packing at the quota and at a small size that forces parts. Requests come from the
// differential generator (tests/differential/generator.h): values on both sides of every
// condition, absent keys, empty and multi-valued lists, actions and resources in and out of
// every pattern. The parts of a policy are decided together as one level, as AWS decides the
// SCPs attached to one target. iam-simulate sees the parts too: the semantic test runs it on
// them (tests/semantic).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "driver/compilation.h"
#include "eval/evaluator.h"
#include "generator.h"
#include "inputs.h"
#include "pack/pack.h"

namespace rootpol::pack {
namespace {

namespace fs = std::filesystem;

fs::path sourceDir() { return fs::path(ROOTPOL_SOURCE_DIR); }

// A reference document and what stands for it.
struct Pair {
  std::string name;
  std::vector<policy::Document> parts;
};

bool isGoldenNonProgram(const fs::path& relative) {
  if (!relative.empty() && *relative.begin() == "parse") return true;
  return std::any_of(relative.begin(), relative.end(),
                     [](const fs::path& part) { return part.string().rfind("error_", 0) == 0; });
}

std::vector<std::vector<std::string>> programs() {
  std::vector<std::vector<std::string>> out = {{(sourceDir() / "examples").string()}};
  std::vector<std::string> goldens;
  for (const auto& entry : fs::recursive_directory_iterator(sourceDir() / "tests" / "golden")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".rootpol") continue;
    if (isGoldenNonProgram(fs::relative(entry.path(), sourceDir() / "tests" / "golden"))) continue;
    goldens.push_back(entry.path().string());
  }
  std::sort(goldens.begin(), goldens.end());
  for (const std::string& g : goldens) out.push_back({g});
  return out;
}

// The decision of `reference` alone and of `parts` together on every generated request.
std::size_t compare(const std::vector<differential::SourceDocument>& references, const std::vector<Pair>& pairs,
                    std::size_t requests) {
  differential::ResourceTypes resources(catalog::Catalog::builtin());
  differential::Generated generated =
      differential::generate(references, catalog::Catalog::builtin(), resources, 20260515, requests);
  std::vector<eval::Evaluator> one, split;
  for (std::size_t i = 0; i < references.size(); ++i) {
    one.push_back(eval::Evaluator::forDocument(references[i].document));
    eval::Level level{"target", {}};
    for (const policy::Document& part : pairs[i].parts) level.policies.push_back(eval::NamedPolicy{"part", &part});
    split.emplace_back(std::vector<eval::Level>{level});
  }
  std::size_t mismatches = 0;
  for (const differential::Case& c : generated.cases) {
    eval::Decision a = one[c.document].evaluate(c.request).decision;
    eval::Decision b = split[c.document].evaluate(c.request).decision;
    if (a == b) continue;
    if (++mismatches <= 10) {
      ADD_FAILURE() << pairs[c.document].name << ": " << eval::decisionName(a) << " per rule, " << eval::decisionName(b)
                    << " packed, for " << c.request.action << " on " << c.request.resource << " by "
                    << c.request.principalArn;
    }
  }
  return generated.cases.size();
}

TEST(PackProof, CompiledProgramsDecideAsTheirRules) {
  std::vector<differential::SourceDocument> references;
  std::vector<Pair> pairs;
  std::size_t split = 0, failed = 0;
  for (const std::vector<std::string>& inputs : programs()) {
    driver::Options options;
    options.inputs = inputs;
    if (inputs[0].find("/tests/golden/") != std::string::npos) options.projectRoot = (sourceDir() / "tests" / "golden").string();
    driver::Compilation compilation(options);
    ASSERT_TRUE(compilation.run()) << inputs[0];
    if (compilation.diagnostics().hasErrors()) {  // warn_* goldens with errors elsewhere, ...
      ++failed;
      continue;
    }
    for (const driver::CompiledPolicy& p : compilation.policies()) {
      std::vector<policy::Document> parts;
      for (const driver::PolicyPart& part : p.parts) parts.push_back(part.document);
      split += parts.size() > 1 ? 1 : 0;
      references.push_back({"golden", inputs[0] + ":" + p.name, p.document, nullptr});
      pairs.push_back({references.back().name, std::move(parts)});
      // Packed again at a third of its size, so that every policy is also tried in parts.
      PackOptions small;
      small.capacity = std::max<std::size_t>(600, policy::jsonSize(p.document) / 3);
      Packed packed = packDocument(p.document, small);
      if (packed.parts.empty()) continue;  // a statement larger than that by itself
      split += packed.parts.size() > 1 ? 1 : 0;
      references.push_back({"golden", inputs[0] + ":" + p.name + " (small parts)", p.document, nullptr});
      pairs.push_back({references.back().name, std::move(packed.parts)});
    }
  }
  std::cout << programs().size() << " programs, " << failed << " with errors\n";
  ASSERT_GT(references.size(), 80u);
  EXPECT_GT(split, 0u) << "some golden program is over the quota (tests/golden/pack)";
  std::size_t n = compare(references, pairs, references.size() * 300);
  std::cout << references.size() << " policies (" << split << " in parts), " << n << " requests; " << failed
            << " programs with errors skipped\n";
}

std::vector<std::string> knownActions(std::string_view service) {
  std::vector<std::string> out;
  for (std::string_view name : catalog::Catalog::builtin().actionNames(service)) out.emplace_back(name);
  return out;
}

TEST(PackProof, CorpusPoliciesDecideAsWritten) {
  std::vector<differential::SourceDocument> corpus;
  differential::InputStats stats;
  differential::loadCorpusDocuments(sourceDir() / ".." / "shared" / "corpus", corpus, stats);
  if (corpus.empty()) GTEST_SKIP() << "no corpus at ../shared/corpus";
  std::vector<differential::SourceDocument> references;
  std::vector<Pair> pairs;
  std::size_t split = 0;
  for (const differential::SourceDocument& doc : corpus) {
    const std::size_t size = policy::jsonSize(doc.document);
    // At the quota; at a third of the size (parts); at the quota with --wildcard-actions, exact
    // for the catalog's actions, which are all the generator asks about.
    for (int variant = 0; variant < 3; ++variant) {
      const std::size_t capacity = variant == 1 ? std::max<std::size_t>(1200, size / 3) : 10240;
      PackOptions options;
      options.capacity = capacity;
      if (variant == 2) options.wildcardActions = knownActions;
      Packed packed = packDocument(doc.document, options);
      if (packed.parts.empty()) continue;  // a statement over the size by itself
      for (const policy::Document& part : packed.parts) EXPECT_LE(policy::jsonSize(part), capacity) << doc.name;
      split += packed.parts.size() > 1 ? 1 : 0;
      references.push_back(doc);
      pairs.push_back({doc.name, std::move(packed.parts)});
    }
  }
  ASSERT_GT(references.size(), 50u);
  std::size_t n = compare(references, pairs, references.size() * 300);
  std::cout << corpus.size() << " corpus SCPs, " << references.size() << " packings (" << split << " in parts), " << n
            << " requests\n";
}

}  // namespace
}  // namespace rootpol::pack
