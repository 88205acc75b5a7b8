// The index behind the redundancy and shadowing rules (lint/rules/cover_index.h): it never
// misses a covering statement (checked against every pair), and the comparisons it leaves
// grow linearly with the document (counted, never timed).
#include <gtest/gtest.h>

#include <random>

#include "lint/rules/cover_index.h"
#include "lint/rules/facts.h"

namespace rootpol::lint::facts {
namespace {

using policy::ConditionEntry;
using policy::Statement;

Statement make(bool deny, std::vector<std::string> actions, std::vector<std::string> resources,
               std::vector<ConditionEntry> conditions = {}) {
  Statement s;
  s.deny = deny;
  s.actions = std::move(actions);
  s.resources = std::move(resources);
  s.conditions = std::move(conditions);
  return s;
}

// Statements of the shapes documents use, with many that cover others: `*`, service and
// prefix wildcards, NotAction, no Resource, NotResource, wildcard resources, shared conditions.
// `names` sets how many distinct names (actions, buckets, tag values) there are to draw from.
// With `withPrincipals`, statements name principals as resource policies do.
std::vector<Statement> generate(std::size_t n, unsigned seed, std::size_t names = 30,
                                bool withPrincipals = false) {
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t k) { return static_cast<std::size_t>(rng() % k); };
  const std::vector<std::string> services = {"s3", "ec2", "iam", "kms", "sqs", "sns", "lambda"};
  const std::vector<std::string> verbs = {"Get", "Put", "List", "Delete", "Create", "Describe"};
  std::vector<Statement> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string service = services[pick(services.size())];
    std::string verb = verbs[pick(verbs.size())];
    std::vector<std::string> actions;
    switch (pick(10)) {
      case 0: actions = {service + ":*"}; break;
      case 1: actions = {service + ":" + verb + "*"}; break;
      case 2: actions = {i % 50 == 0 ? "*" : "S3:Get?bject"}; break;
      default: actions = {service + ":" + verb + "Thing" + std::to_string(pick(names)),
                          service + ":" + verb + "Other"};
    }
    std::vector<std::string> resources;
    switch (pick(6)) {
      case 0: break;  // every resource
      case 1: resources = {"*"}; break;
      case 2: resources = {"arn:aws:s3:::bucket" + std::to_string(pick(names)) + "/*"}; break;
      default: resources = {"arn:aws:s3:::bucket" + std::to_string(pick(names)) + "/key" +
                            std::to_string(pick(5))};
    }
    std::vector<ConditionEntry> conditions;
    if (pick(3) == 0) conditions.emplace_back("StringNotEquals", "aws:PrincipalTag/team",
                                              std::vector<std::string>{"t" + std::to_string(pick(names / 8 + 1))});
    if (pick(3) == 0) conditions.emplace_back("Bool", "AWS:SecureTransport", std::vector<std::string>{"false"});
    Statement s = make(pick(5) != 0, actions, resources, conditions);
    s.notAction = pick(40) == 0;
    s.notResource = !s.resources.empty() && pick(40) == 0;
    if (withPrincipals) {
      switch (pick(4)) {
        case 0: s.principal = policy::Principal{false, "\"*\"", {}}; break;
        case 1: s.principal = policy::Principal{true, "{\"AWS\":\"a" + std::to_string(pick(3)) + "\"}", {}}; break;
        default: s.principal = policy::Principal{false, "{\"AWS\":\"a" + std::to_string(pick(3)) + "\"}", {}};
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

// Checks every pair: each statement that covers another is among its candidates. Returns how
// many pairs cover.
std::size_t expectEveryCoveringFound(const std::vector<Statement>& all, const CoverIndex& index) {
  std::size_t covering = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::vector<std::uint32_t> candidates = index.candidates(i);
    for (std::size_t j = 0; j < all.size(); ++j) {
      if (i == j || !statementCovers(all[j], all[i])) continue;
      ++covering;
      EXPECT_TRUE(std::binary_search(candidates.begin(), candidates.end(), j))
          << "statement " << j << " covers " << i;
    }
  }
  return covering;
}

TEST(CoverIndex, FindsEveryCoveringStatement) {
  for (unsigned seed : {1u, 2u, 3u, 4u}) {
    SCOPED_TRACE(seed);
    std::vector<Statement> all = generate(400, seed, 30, seed == 4);
    CoverIndex index(all);
    std::size_t covering = expectEveryCoveringFound(all, index);
    EXPECT_GT(covering, seed == 4 ? 200u : 400u) << "the generator must make coverage common";
    for (std::size_t i = 0; i < 50; ++i) {  // the merged walk gives the same candidates
      std::vector<std::uint32_t> walked;
      index.forEachCandidate(i, [&](std::size_t j) {
        walked.push_back(static_cast<std::uint32_t>(j));
        return false;
      });
      EXPECT_EQ(walked, index.candidates(i));
    }
  }
}

TEST(CoverIndex, FindsPatternsWithLongHeads) {
  // Heads of 63 characters and more are kept apart from the short ones (cover_index.h).
  std::vector<Statement> all;
  for (std::size_t length : {20u, 61u, 62u, 63u, 64u, 90u}) {  // at least the 13 of `arn:aws:s3:::`
    std::string head = "arn:aws:s3:::" + std::string(length - 13, 'b');
    all.push_back(make(true, {"s3:GetObject"}, {head + "*"}));
    all.push_back(make(true, {"s3:GetObject"}, {head + "/key"}));
    all.push_back(make(true, {"s3:GetObject"}, {head + "?/key"}));
    all.push_back(make(true, {"s3:Get" + std::string(length, 'x') + "*"}, {"*"}));
    all.push_back(make(true, {"s3:Get" + std::string(length + 3, 'x')}, {"*"}));
  }
  CoverIndex index(all);
  EXPECT_GE(expectEveryCoveringFound(all, index), 30u);
}

TEST(CoverIndex, FindsEveryCoveringNotActionStatement) {
  // NotAction statements drawn from patterns that cover one another in every way: `*`, service
  // and prefix wildcards, `?`, upper case, concrete actions, and the empty list.
  const std::vector<std::string> pool = {"*", "s3:*", "s3:Get*", "S3:GetObject", "s3:getobject",
                                         "s3:G?tObject", "s3:GetObjectAcl", "iam:*", "iam:Create*",
                                         "iam:CreateUser", "ec2:*", "s*"};
  std::mt19937 rng(11);
  std::vector<Statement> all;
  for (std::size_t i = 0; i < 400; ++i) {
    std::vector<std::string> patterns;
    for (std::size_t k = rng() % 4; k > 0; --k) patterns.push_back(pool[rng() % pool.size()]);
    Statement s = make(true, patterns, {});
    s.notAction = true;
    if (rng() % 5 == 0) s.actions = {"*"}, s.notAction = false;
    all.push_back(std::move(s));
  }
  CoverIndex index(all);
  EXPECT_GT(expectEveryCoveringFound(all, index), 2000u) << "the generator must make coverage common";
}

TEST(CoverIndex, LeavesFewCandidatesForDistinctStatements) {
  // The shapes of a generated document, mixed so that no one index separates them: the same
  // action on a resource of its own, `*` on `*` with a condition value of its own, an action of
  // its own on `*`.
  auto distinct = [](std::size_t n) {
    std::vector<Statement> out;
    for (std::size_t i = 0; i < n; ++i) {
      std::string k = std::to_string(i);
      switch (i % 6) {
        case 5: {  // a resource policy's grant to a principal of its own
          Statement s = make(false, {"s3:GetObject"}, {"arn:aws:s3:::bucket/*"});
          s.principal = policy::Principal{false, "{\"AWS\":\"" + k + "\"}", {}};
          out.push_back(std::move(s));
          break;
        }
        case 4: {  // every bucket but two of its own
          Statement s = make(true, {"s3:*"}, {"arn:aws:s3:::b" + k, "arn:aws:s3:::b" + k + "/*"});
          s.notResource = true;
          out.push_back(std::move(s));
          break;
        }
        case 3: {  // everything but IAM and an action of its own
          Statement s = make(true, {"iam:*", "s3:GetThing" + k}, {"*"});
          s.notAction = true;
          out.push_back(std::move(s));
          break;
        }
        case 0: out.push_back(make(true, {"s3:GetObject"}, {"arn:aws:s3:::bucket" + k + "/*"})); break;
        case 1:
          out.push_back(make(true, {"*"}, {"*"}, {ConditionEntry("StringNotEquals", "aws:PrincipalTag/t",
                                                                 std::vector<std::string>{k})}));
          break;
        default: out.push_back(make(true, {"ec2:Action" + k}, {"*"})); break;
      }
    }
    return out;
  };
  auto comparisons = [](const std::vector<Statement>& all) {
    CoverIndex index(all);
    std::size_t n = 0;
    for (std::size_t i = 0; i < all.size(); ++i) n += index.candidates(i).size();
    return n;
  };
  std::size_t small = comparisons(distinct(1000));
  std::size_t large = comparisons(distinct(10000));
  EXPECT_LE(small, 6000u);
  // Linear growth is 10x; every pair would be 100x.
  EXPECT_LE(large, 15 * small) << small << " -> " << large;
}

TEST(CoverIndex, ComparisonsGrowLinearlyOnMixedDocuments) {
  // As the redundancy rule asks: candidates in order until the first that covers.
  auto comparisons = [](std::size_t n) {
    std::vector<Statement> all = generate(n, 7, n);  // names grow with the document
    CoverIndex index(all);
    std::size_t count = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
      index.forEachCandidate(i, [&](std::size_t j) {
        ++count;
        return statementCovers(all[j], all[i]);
      });
    }
    return count;
  };
  std::size_t small = comparisons(1000);
  std::size_t large = comparisons(10000);
  // Linear growth is 10x; every pair would be 100x. The shapes that cover many others (`*`,
  // `s3:*`, no Resource) are a fixed share of the document, hence the slack.
  EXPECT_LE(large, 20 * small) << small << " -> " << large;
}

}  // namespace
}  // namespace rootpol::lint::facts
