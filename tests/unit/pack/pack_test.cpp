#include "pack/pack.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eval/evaluator.h"

namespace rootpol::pack {
namespace {

// `deny ACTION for root`, as lowering writes it, one statement per rule.
policy::Statement denyForRoot(std::string action, std::size_t rule) {
  policy::Statement s;
  s.sid = fmt::format("DenyList{}", rule);
  s.actions = {std::move(action)};
  s.resources = {"*"};
  s.conditions.emplace_back("ArnLike", "aws:PrincipalArn", std::vector<std::string>{"arn:*:iam::*:root"});
  return s;
}

// Action names as long as real ones (iam:DeleteServiceLinkedRole, ...).
std::string actionName(std::size_t i) {
  static const char* const services[] = {"iam", "ec2", "s3", "organizations", "cloudtrail", "kms"};
  return fmt::format("{}:DeleteSomethingLong{:04}", services[i % 6], i);
}

policy::Document manyRules(std::size_t n) {
  policy::Document doc;
  for (std::size_t i = 0; i < n; ++i) doc.statements.push_back(denyForRoot(actionName(i), i + 1));
  return doc;
}

// Every request the statements can tell apart: each action (and one more), root or not.
void expectSameDecisions(const policy::Document& reference, const std::vector<policy::Document>& parts, std::size_t n) {
  eval::Evaluator one = eval::Evaluator::forDocument(reference);
  eval::Level level{"target", {}};
  for (const policy::Document& part : parts) level.policies.push_back(eval::NamedPolicy{"part", &part});
  eval::Evaluator split({level});
  for (std::size_t i = 0; i <= n; ++i) {
    for (const char* principal : {"arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/Admin"}) {
      eval::Request r{principal, actionName(i), "*", {{"aws:PrincipalArn", {principal}}}};
      ASSERT_EQ(one.evaluate(r).decision, split.evaluate(r).decision) << r.action << " " << principal;
    }
  }
}

TEST(PackTest, APolicyThatFitsIsOnePart) {
  PackOptions options;
  options.capacity = 10240;
  Packed packed = packDocument(manyRules(20), options);
  ASSERT_EQ(packed.parts.size(), 1u);
  ASSERT_EQ(packed.parts[0].statements.size(), 1u);
  EXPECT_EQ(packed.parts[0].statements[0].actions.size(), 20u);
  EXPECT_EQ(policy::jsonSize(packed.parts[0]), packed.mergedBytes);
}

// The case: hundreds of `deny ACTION for root` rules are 68,094 bytes one statement per
// rule; merged they are one statement over the quota, which two parts hold.
TEST(PackTest, HundredsOfOneActionRulesFitInTwoParts) {
  const std::size_t n = 420;
  policy::Document reference = manyRules(n);
  ASSERT_GT(policy::jsonSize(reference), 60000u);
  PackOptions options;
  options.capacity = 10240;
  Packed packed = packDocument(reference, options);
  ASSERT_EQ(packed.parts.size(), 2u);
  std::size_t total = 0;
  for (const policy::Document& part : packed.parts) {
    const std::size_t size = policy::jsonSize(part);
    EXPECT_LE(size, 10240u);
    EXPECT_LE(size * 10, 10240u * 9) << "parts are balanced, far from the quota";
    total += size;
  }
  EXPECT_GT(packed.mergedBytes, 10240u);
  EXPECT_LE(total * 100, packed.mergedBytes * 115) << total << " bytes vs the merged " << packed.mergedBytes;
  expectSameDecisions(reference, packed.parts, n);
}

TEST(PackTest, ManyPartsStayExact) {
  const std::size_t n = 600;
  policy::Document reference = manyRules(n);
  PackOptions options;
  options.capacity = 2048;
  Packed packed = packDocument(reference, options);
  ASSERT_GE(packed.parts.size(), 9u);
  for (const policy::Document& part : packed.parts) EXPECT_LE(policy::jsonSize(part), 2048u);
  expectSameDecisions(reference, packed.parts, n);
}

TEST(PackTest, WithoutMergingStatementsMoveWhole) {
  policy::Document reference = manyRules(60);
  PackOptions options;
  options.capacity = 2048;
  options.merge = false;
  Packed packed = packDocument(reference, options);
  std::size_t statements = 0;
  for (const policy::Document& part : packed.parts) {
    EXPECT_LE(policy::jsonSize(part), 2048u);
    statements += part.statements.size();
  }
  EXPECT_EQ(statements, 60u);
  expectSameDecisions(reference, packed.parts, 60);
}

TEST(PackTest, AStatementTooLargeByItselfIsNamed) {
  policy::Document doc = manyRules(3);
  std::vector<std::string> cidrs;
  for (int i = 0; i < 800; ++i) cidrs.push_back(fmt::format("10.{}.{}.0/24", i / 256, i % 256));
  doc.statements[1].conditions.emplace_back("NotIpAddress", "aws:SourceIp", cidrs);
  PackOptions options;
  options.capacity = 10240;
  Packed packed = packDocument(doc, options);
  EXPECT_TRUE(packed.parts.empty());
  ASSERT_TRUE(packed.oversized);
  EXPECT_EQ(*packed.oversized, 1u);
  EXPECT_GT(packed.oversizedBytes, 10240u);
}

// Statements that cannot be cut are packed whole, and tightly: weights 5,4,3,3,3,2 in two bins
// of 10, which first-fit-decreasing alone misses ([5,4] [3,3,3] [2]); the balanced worst-fit or
// the exact search finds [5,3,2] [4,3,3].
TEST(PackTest, UnsplittableStatementsArePackedTightly) {
  policy::Document doc;
  const std::size_t sizes[] = {5, 4, 3, 3, 3, 2};
  for (std::size_t i = 0; i < 6; ++i) {
    policy::Statement s;
    s.notAction = true;  // NotAction: cannot be cut
    s.actions = {fmt::format("svc:Only{}", i)};
    s.resources = {"*"};
    std::vector<std::string> values;
    for (std::size_t v = 0; v < sizes[i] * 20; ++v) values.push_back(fmt::format("{}-{:06}", i, v));
    s.conditions.emplace_back("StringNotEquals", fmt::format("aws:PrincipalTag/t{}", i), values);
    doc.statements.push_back(std::move(s));
  }
  std::size_t total = policy::jsonSize(doc);
  PackOptions options;
  options.capacity = total / 2 + 100;
  Packed packed = packDocument(doc, options);
  ASSERT_EQ(packed.parts.size(), 2u);
  for (const policy::Document& part : packed.parts) EXPECT_LE(policy::jsonSize(part), options.capacity);
}

}  // namespace
}  // namespace rootpol::pack
