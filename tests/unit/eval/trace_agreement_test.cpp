// The fast path (Evaluator::evaluate without a trace) and the traced path decide with one
// combination rule (ChainVerdict): on a table of chains × requests they must agree, and the
// traced decision must follow from the levels of its own trace.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "eval/evaluator.h"
#include "policy/read_document.h"

namespace rootpol::eval {
namespace {

policy::Document parse(const std::string& json) {
  std::string error;
  std::optional<policy::Document> document = policy::readDocument(json, error);
  EXPECT_TRUE(document.has_value()) << error << "\n" << json;
  return document.value_or(policy::Document{});
}

// The decision the trace's levels give, read independently of ChainVerdict.
Decision fromLevels(const Evaluation& e) {
  bool denied = false, everyLevelAllows = true;
  for (const LevelTrace& level : e.levels) {
    denied = denied || level.denied;
    everyLevelAllows = everyLevelAllows && level.allowed;
  }
  return denied ? Decision::ExplicitDeny : everyLevelAllows ? Decision::Allow : Decision::ImplicitDeny;
}

class TraceAgreementTest : public ::testing::Test {
 protected:
  policy::Document denyRoot_ = parse(R"({"Statement":{"Effect":"Deny","Action":"*","Resource":"*",
      "Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}})");
  policy::Document allowS3_ = parse(R"({"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})");
  policy::Document denyIamOutsideVpn_ = parse(R"({"Statement":{"Effect":"Deny","Action":"iam:*","Resource":"*",
      "Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}})");
  policy::Document mixed_ = parse(R"({"Statement":[
      {"Effect":"Allow","Action":["ec2:*","iam:*"],"Resource":"*"},
      {"Effect":"Deny","Action":"ec2:TerminateInstances","NotResource":"arn:aws:ec2:*:*:instance/i-keep*"}]})");

  NamedPolicy full() const { return NamedPolicy{"FullAWSAccess", nullptr}; }
  NamedPolicy named(const char* name, const policy::Document& d) const { return NamedPolicy{name, &d}; }

  std::vector<std::vector<Level>> chains() const {
    return {
        {},
        {{"root", {full()}}},
        {{"root", {}}},
        {{"root", {full(), named("deny-root", denyRoot_)}}, {"ou", {full()}}, {"acct", {full()}}},
        {{"root", {named("s3", allowS3_)}}, {"ou", {full(), named("vpn", denyIamOutsideVpn_)}}},
        {{"root", {full()}}, {"ou", {named("s3", allowS3_), named("mixed", mixed_)}}, {"acct", {full()}}},
        {{"root", {named("mixed", mixed_)}}, {"ou", {named("deny-root", denyRoot_)}}},
        {{"root", {named("vpn", denyIamOutsideVpn_), full()}}, {"acct", {named("mixed", mixed_), full()}}},
    };
  }
};

std::vector<Request> requests() {
  const std::string user = "arn:aws:iam::111122223333:user/alice";
  const std::string root = "arn:aws:iam::111122223333:root";
  std::vector<Request> out = {
      {user, "s3:GetObject", "arn:aws:s3:::bucket/key", {}},
      {root, "s3:GetObject", "arn:aws:s3:::bucket/key", {}},
      {user, "iam:CreateUser", "*", {{"aws:SourceIp", {"10.1.2.3"}}}},
      {user, "iam:CreateUser", "*", {{"aws:SourceIp", {"8.8.8.8"}}}},
      {user, "iam:CreateUser", "*", {}},
      {user, "ec2:TerminateInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/i-keep1", {}},
      {user, "ec2:TerminateInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/i-other", {}},
      {root, "ec2:RunInstances", "*", {{"aws:SourceIp", {"10.0.0.1"}}}},
      {user, "sqs:SendMessage", "*", {}},
  };
  return out;
}

TEST_F(TraceAgreementTest, TracedAndUntracedAgree) {
  std::size_t compared = 0;
  const std::vector<std::vector<Level>> table = chains();
  for (std::size_t c = 0; c < table.size(); ++c) {
    Evaluator evaluator(table[c]);
    for (const Request& r : requests()) {
      SCOPED_TRACE("chain " + std::to_string(c) + ", " + r.principalArn + " " + r.action + " " + r.resource);
      Evaluation fast = evaluator.evaluate(r);
      Evaluation traced = evaluator.evaluate(r, /*trace=*/true);
      EXPECT_EQ(fast.decision, traced.decision);
      EXPECT_TRUE(fast.levels.empty());
      EXPECT_EQ(traced.levels.size(), table[c].size());
      EXPECT_EQ(traced.decision, fromLevels(traced));
      EXPECT_EQ(evaluate(table[c], r).decision, fast.decision);
      ++compared;
    }
  }
  EXPECT_EQ(compared, chains().size() * requests().size());
}

TEST(ChainVerdictTest, CombinationRule) {
  EXPECT_EQ(ChainVerdict().decision(), Decision::Allow);  // an empty chain allows
  ChainVerdict v;
  v.addLevel(false, true);
  EXPECT_EQ(v.decision(), Decision::Allow);
  v.addLevel(false, false);
  EXPECT_EQ(v.decision(), Decision::ImplicitDeny);
  EXPECT_FALSE(v.settled());
  v.addLevel(true, true);
  EXPECT_TRUE(v.settled());
  EXPECT_EQ(v.decision(), Decision::ExplicitDeny);
  v.addLevel(false, true);
  EXPECT_EQ(v.decision(), Decision::ExplicitDeny);  // a deny is never undone
}

}  // namespace
}  // namespace rootpol::eval
