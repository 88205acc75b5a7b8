// policy::ReadInParallel: a large document's statements read in runs on several threads give the
// document, facts and diagnostics of one pass, and each run's hooks see only its own statements.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "policy/read_document.h"

namespace rootpol::policy {
namespace {

// 3,000 statements, every fifth with something the reader reports (an unknown Effect, an
// unknown element, a NotAction beside an Action), so that diagnostics come from every run.
std::string manyStatements() {
  std::string json = R"({"Version":"2012-10-17","Statement":[)";
  for (int i = 0; i < 3000; ++i) {
    if (i > 0) json += ",\n";
    const std::string n = std::to_string(i);
    switch (i % 5 == 0 ? (i / 5) % 3 : 3) {
      case 0: json += R"({"Effect":"Dany","Action":"s3:GetObject","Resource":"*"})"; break;
      case 1: json += R"({"Sid":"S)" + n + R"(","Effect":"Deny","Action":"s3:*","Resourse":"*"})"; break;
      case 2: json += R"({"Effect":"Deny","Action":"s3:*","NotAction":"ec2:*","Resource":"*"})"; break;
      default:
        json += R"({"Sid":"S)" + n + R"(","Effect":"Deny","Action":["s3:GetObject","ec2:Run)" + n +
                R"("],"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/t)" + n + R"(":"v"}}})";
    }
  }
  return json + "]}";
}

std::vector<std::string> describe(const DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const Diagnostic& d : sink.diagnostics()) {
    out.push_back(std::to_string(static_cast<int>(d.code)) + " " + d.message + " @" +
                  (d.span ? std::to_string(d.span->begin) : "-") + " " + d.help.value_or(""));
  }
  return out;
}

TEST(PolicyReadInParallel, RunsGiveWhatOnePassGives) {
  const std::string text = manyStatements();
  const json::ParseResult parsed = json::parse(text, 1);
  DiagnosticSink oneSink;
  std::atomic<int> seenInOnePass{0};
  ReadOptions one;
  one.onAction = [&](const json::Node&) { seenInOnePass.fetch_add(1); };
  const ReadResult expected = readPolicy(parsed, text, 1, oneSink, one);
  ASSERT_TRUE(expected.document);
  ASSERT_GT(oneSink.diagnostics().size(), 500u);

  for (unsigned threads : {2u, 3u, 7u}) {
    DiagnosticSink sink;
    // Each run's hook counts the actions it sees, in its own counter: a run must get only its own
    // statements, and every action once.
    std::vector<int> seen(threads, 0);
    std::mutex mutex;
    std::set<DiagnosticSink*> runSinks;
    ReadInParallel parallel;
    parallel.threads = threads;
    parallel.minStatements = 100;
    parallel.optionsFor = [&](std::size_t run, DiagnosticSink& runSink) {
      const std::lock_guard lock(mutex);
      runSinks.insert(&runSink);
      ReadOptions options;
      options.onAction = [&seen, run](const json::Node&) { ++seen[run]; };
      return options;
    };
    ReadOptions options;
    options.onAction = [](const json::Node&) { FAIL() << "the document's own hook is not used for its statements"; };
    options.parallel = &parallel;
    const ReadResult got = readPolicy(parsed, text, 1, sink, options);
    ASSERT_TRUE(got.document);
    EXPECT_EQ(runSinks.size(), threads);
    EXPECT_EQ(describe(sink), describe(oneSink)) << threads << " threads";
    EXPECT_EQ(toJson(*got.document), toJson(*expected.document)) << threads << " threads";
    EXPECT_EQ(got.errors, expected.errors);
    EXPECT_EQ(got.kind, expected.kind);
    ASSERT_EQ(got.facts.size(), expected.facts.size());
    int total = 0;
    for (int s : seen) {
      EXPECT_GT(s, 0) << "every run reads some statements";
      total += s;
    }
    EXPECT_EQ(total, seenInOnePass.load()) << threads << " threads";
  }
}

TEST(PolicyReadInParallel, SmallDocumentsAndOneThreadUseTheDocumentsOwnOptions) {
  const std::string text = manyStatements();
  const json::ParseResult parsed = json::parse(text, 1);
  for (auto [threads, minimum] : {std::pair{1u, std::size_t{100}}, std::pair{4u, std::size_t{5000}}}) {
    int runsMade = 0;
    int ownSeen = 0;
    ReadInParallel parallel;
    parallel.threads = threads;
    parallel.minStatements = minimum;
    parallel.optionsFor = [&](std::size_t, DiagnosticSink&) {
      ++runsMade;
      return ReadOptions{};
    };
    ReadOptions options;
    options.onAction = [&](const json::Node&) { ++ownSeen; };
    options.parallel = &parallel;
    DiagnosticSink sink;
    ASSERT_TRUE(readPolicy(parsed, text, 1, sink, options).document);
    EXPECT_EQ(runsMade, 0);
    EXPECT_GT(ownSeen, 3000);
  }
}

}  // namespace
}  // namespace rootpol::policy
