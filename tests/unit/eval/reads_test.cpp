// eval::Reads: what a decision read (for `rootpol replay`, which must not guess keys a
// CloudTrail record cannot tell), and where the fast path settled.
#include <gtest/gtest.h>

#include <string>
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

std::vector<std::string> keysOf(const Reads& reads) { return {reads.keys.begin(), reads.keys.end()}; }

// FullAWSAccess, then a document with the statements `statements` (a JSON array).
struct Chain {
  policy::Document document;
  Evaluator evaluator;
  explicit Chain(const std::string& statements)
      : document(parse(R"({"Version":"2012-10-17","Statement":)" + statements + "}")),
        evaluator({Level{"root", {NamedPolicy{"FullAWSAccess", nullptr}, NamedPolicy{"guard", &document}}}}) {}
};

Request request(std::string action, std::vector<std::pair<std::string, std::vector<std::string>>> context,
                std::string resource = "*") {
  return Request{"arn:aws:iam::111122223333:role/dev", std::move(action), std::move(resource), std::move(context)};
}

TEST(EvalReadsTest, RecordsEveryKeyLookedUpAndTheDenyingStatement) {
  Chain chain(R"([{"Sid":"Keys","Effect":"Deny","Action":"iam:*","Resource":"*"},
                  {"Sid":"Vpn","Effect":"Deny","Action":"s3:*","Resource":"*",
                   "Condition":{"NotIpAddressIfExists":{"aws:SourceIp":"203.0.113.0/24"}}}])");
  Reads reads;
  EXPECT_EQ(chain.evaluator.decide(request("s3:GetObject", {{"aws:SourceIp", {"8.8.8.8"}}}), reads),
            Decision::ExplicitDeny);
  EXPECT_EQ(keysOf(reads), std::vector<std::string>{"aws:SourceIp"});
  EXPECT_FALSE(reads.resource);
  Evaluator::StatementRef ref = chain.evaluator.statementAt(reads.level, reads.policy, reads.statement);
  EXPECT_EQ(ref.policy, "guard");
  EXPECT_EQ(ref.sid, "Vpn");
  EXPECT_EQ(ref.level, "root");
  EXPECT_EQ(reads.statementStart, 0u);

  // An action no statement names reads nothing: the decision holds whatever the keys.
  EXPECT_EQ(chain.evaluator.decide(request("ec2:RunInstances", {}), reads), Decision::Allow);
  EXPECT_TRUE(reads.keys.empty());
}

TEST(EvalReadsTest, AFailedConditionDropsWhatItsStatementReadBefore) {
  // aws:PrincipalOrgID is read first; aws:PrincipalIsAWSService "true" then fails the statement,
  // whatever the organization: only the failing condition's key decided.
  Chain chain(R"([{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{
                   "StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},
                   "BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}])");
  Reads reads;
  EXPECT_EQ(chain.evaluator.decide(request("s3:GetObject", {{"aws:PrincipalIsAWSService", {"true"}}}), reads),
            Decision::Allow);
  EXPECT_EQ(keysOf(reads), std::vector<std::string>{"aws:PrincipalIsAWSService"});
  // When every condition holds, all of them decided.
  EXPECT_EQ(chain.evaluator.decide(request("s3:GetObject", {{"aws:PrincipalIsAWSService", {"false"}}}), reads),
            Decision::ExplicitDeny);
  EXPECT_EQ(keysOf(reads), (std::vector<std::string>{"aws:PrincipalOrgID", "aws:PrincipalIsAWSService"}));
}

TEST(EvalReadsTest, ResourceIsReadOnlyByPatternsOtherThanStar) {
  Chain chain(R"([{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::secret/*"}])");
  Reads reads;
  EXPECT_EQ(chain.evaluator.decide(request("s3:GetObject", {}, "arn:aws:s3:::open/x"), reads), Decision::Allow);
  EXPECT_TRUE(reads.resource);
  EXPECT_EQ(chain.evaluator.decide(request("ec2:RunInstances", {}), reads), Decision::Allow);
  EXPECT_FALSE(reads.resource);
}

TEST(EvalReadsTest, ImplicitDenyNamesTheLevelThatAllowedNothing) {
  policy::Document allowList = parse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":"s3:*","Resource":"*"}]})");
  Evaluator evaluator({Level{"root", {NamedPolicy{"FullAWSAccess", nullptr}}},
                       Level{"ou Sandbox", {NamedPolicy{"allow-s3", &allowList}}}});
  Reads reads;
  EXPECT_EQ(evaluator.decide(request("ec2:RunInstances", {}), reads), Decision::ImplicitDeny);
  EXPECT_EQ(evaluator.levelTarget(reads.level), "ou Sandbox");
  // The decisions agree with the evaluator's ordinary fast path.
  EXPECT_EQ(evaluator.evaluate(request("ec2:RunInstances", {})).decision, Decision::ImplicitDeny);
  EXPECT_EQ(evaluator.decide(request("s3:GetObject", {}), reads), Decision::Allow);
}

}  // namespace
}  // namespace rootpol::eval
