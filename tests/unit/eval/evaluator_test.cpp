#include "eval/evaluator.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "policy/read_document.h"

namespace rootpol::eval {
namespace {

constexpr const char* kUser = "arn:aws:iam::111122223333:user/alice";
constexpr const char* kRoot = "arn:aws:iam::111122223333:root";

policy::Document parse(const std::string& json) {
  std::string error;
  std::optional<policy::Document> document = policy::readDocument(json, error);
  EXPECT_TRUE(document.has_value()) << error << "\n" << json;
  return document.value_or(policy::Document{});
}

// A one-statement policy: `body` is the statement's JSON members after Effect.
policy::Document statement(const std::string& effect, const std::string& body) {
  return parse(R"({"Version":"2012-10-17","Statement":{"Effect":")" + effect + "\"," + body + "}}");
}

Request request(std::string action, std::string resource = "*", std::string principal = kUser) {
  return Request{std::move(principal), std::move(action), std::move(resource), {}};
}

Decision decide(const policy::Document& document, const Request& r) {
  return evaluateDocument(document, r).decision;
}

TEST(EvalEvaluatorTest, DecisionNames) {
  EXPECT_EQ(decisionName(Decision::Allow), "allow");
  EXPECT_EQ(decisionName(Decision::ExplicitDeny), "explicit_deny");
  EXPECT_EQ(decisionName(Decision::ImplicitDeny), "implicit_deny");
}

TEST(EvalEvaluatorTest, ActionMatching) {
  struct Case {
    const char* pattern;
    const char* action;
    bool matches;
  };
  const Case cases[] = {
      {"*", "s3:GetObject", true},
      {"s3:*", "s3:GetObject", true},
      {"s3:*", "S3:GETOBJECT", true},  // case-insensitive, service prefix included
      {"S3:get*", "s3:GetObject", true},
      {"s3:*Object", "s3:PutObject", true},
      {"s3:Get?bject", "s3:GetObject", true},
      {"s3:Get?bject", "s3:GetObjects", false},
      {"s3*", "s3:GetObject", true},
      {"ec2:*", "s3:GetObject", false},
      {"s3:GetObject", "s3:GetObjectAcl", false},
      {"s3:ListBucket", "s3:ListBucket", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.pattern) + " ~ " + c.action);
    policy::Document allow =
        statement("Allow", std::string(R"("Action":")") + c.pattern + R"(","Resource":"*")");
    EXPECT_EQ(decide(allow, request(c.action)),
              c.matches ? Decision::Allow : Decision::ImplicitDeny);
    policy::Document notAction =
        statement("Allow", std::string(R"("NotAction":")") + c.pattern + R"(","Resource":"*")");
    EXPECT_EQ(decide(notAction, request(c.action)),
              c.matches ? Decision::ImplicitDeny : Decision::Allow);
  }
}

TEST(EvalEvaluatorTest, ResourceMatching) {
  policy::Document bucket =
      statement("Deny", R"("Action":"s3:*","Resource":["arn:aws:s3:::bucket/*"])");
  EXPECT_EQ(decide(bucket, request("s3:GetObject", "arn:aws:s3:::bucket/a/b")),
            Decision::ExplicitDeny);
  EXPECT_EQ(decide(bucket, request("s3:GetObject", "arn:aws:s3:::Bucket/a")),
            Decision::ImplicitDeny);
  EXPECT_EQ(decide(bucket, request("s3:GetObject", "arn:aws:s3:::other/a")),
            Decision::ImplicitDeny);
  EXPECT_EQ(decide(bucket, request("s3:GetObject", "*")), Decision::ImplicitDeny);

  policy::Document except =
      statement("Deny", R"("Action":"s3:*","NotResource":"arn:aws:s3:::bucket/*")");
  EXPECT_EQ(decide(except, request("s3:GetObject", "arn:aws:s3:::bucket/a")),
            Decision::ImplicitDeny);
  EXPECT_EQ(decide(except, request("s3:GetObject", "arn:aws:s3:::other/a")),
            Decision::ExplicitDeny);
  EXPECT_EQ(decide(except, request("s3:GetObject", "*")), Decision::ExplicitDeny);

  // No Resource element: read as "*".
  policy::Document none = statement("Deny", R"("Action":"s3:*")");
  ASSERT_TRUE(none.statements.front().resources.empty());
  EXPECT_EQ(decide(none, request("s3:GetObject", "arn:aws:s3:::bucket/a")), Decision::ExplicitDeny);

  policy::Document home =
      statement("Allow", R"("Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*")");
  Request alice = request("s3:GetObject", "arn:aws:s3:::home/alice/notes");
  alice.context = {{"aws:username", {"alice"}}};
  EXPECT_EQ(decide(home, alice), Decision::Allow);
  alice.context.clear();  // no aws:username: the pattern matches nothing
  EXPECT_EQ(decide(home, alice), Decision::ImplicitDeny);
  // ... so a NotResource naming it excludes nothing.
  policy::Document notHome =
      statement("Deny", R"("Action":"s3:*","NotResource":"arn:aws:s3:::home/${aws:username}/*")");
  EXPECT_EQ(decide(notHome, alice), Decision::ExplicitDeny);
}

// IAM reads `${...}` as a variable only under Version 2012-10-17: without a Version (read as
// 2008-10-17) or with 2008-10-17 it is literal text, in conditions and in resources alike.
TEST(EvalEvaluatorTest, VariablesOnlyInVersion2012) {
  const std::string body =
      R"("Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":)"
      R"({"StringEquals":{"aws:PrincipalTag/project":"${aws:PrincipalTag/team}"}}},)"
      R"({"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::home/${aws:username}/*"},)"
      R"({"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*","Condition":)"
      R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::${aws:PrincipalAccount}:user/*"}}}])";
  Request get = request("s3:GetObject");
  get.context = {{"aws:PrincipalTag/team", {"blue"}},
                 {"aws:PrincipalTag/project", {"blue"}},
                 {"aws:username", {"alice"}},
                 {"aws:PrincipalAccount", {"111122223333"}}};
  Request put = get;
  put.action = "s3:PutObject";
  put.resource = "arn:aws:s3:::home/alice/doc";
  Request remove = get;
  remove.action = "s3:DeleteObject";
  Request literal = get;  // the project tag holds the text itself
  literal.context[1].second = {"${aws:PrincipalTag/team}"};

  policy::Document current = parse(R"({"Version":"2012-10-17",)" + body + "}");
  EXPECT_EQ(decide(current, get), Decision::ExplicitDeny);
  EXPECT_EQ(decide(current, put), Decision::ExplicitDeny);
  EXPECT_EQ(decide(current, remove), Decision::ExplicitDeny);
  EXPECT_EQ(decide(current, literal), Decision::ImplicitDeny);
  for (const char* version : {"", R"("Version":"2008-10-17",)"}) {
    SCOPED_TRACE(version);
    policy::Document old = parse("{" + std::string(version) + body + "}");
    EXPECT_EQ(decide(old, get), Decision::ImplicitDeny);
    EXPECT_EQ(decide(old, put), Decision::ImplicitDeny);
    EXPECT_EQ(decide(old, remove), Decision::ImplicitDeny);
    EXPECT_EQ(decide(old, literal), Decision::ExplicitDeny);
  }
}

TEST(EvalEvaluatorTest, ForDocumentMatchesEvaluateDocument) {
  policy::Document document =
      parse(R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},
      {"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]})");
  Evaluator evaluator = Evaluator::forDocument(document);
  for (const char* action : {"s3:GetObject", "s3:DeleteBucket", "ec2:RunInstances"}) {
    SCOPED_TRACE(action);
    EXPECT_EQ(evaluator.evaluate(request(action)).decision, decide(document, request(action)));
  }
  EXPECT_EQ(evaluator.evaluate(request("s3:DeleteBucket")).decision, Decision::ExplicitDeny);
}

TEST(EvalEvaluatorTest, ConditionsAreAndedAcrossEntries) {
  policy::Document document = statement("Deny", R"("Action":"*","Resource":"*","Condition":{
      "StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]},
      "ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/Admin"]},
      "BoolIfExists":{"aws:ViaAWSService":"false"}})");
  Request r = request("ec2:RunInstances");
  r.context = {{"aws:RequestedRegion", {"us-east-1"}}};
  EXPECT_EQ(decide(document, r), Decision::ExplicitDeny);
  r.context = {{"aws:RequestedRegion", {"eu-west-1"}}};
  EXPECT_EQ(decide(document, r), Decision::ImplicitDeny);
  r.context = {{"aws:RequestedRegion", {"us-east-1"}}, {"aws:ViaAWSService", {"true"}}};
  EXPECT_EQ(decide(document, r), Decision::ImplicitDeny);
  r.context = {{"aws:RequestedRegion", {"us-east-1"}}};
  r.principalArn = "arn:aws:iam::111122223333:role/Admin";
  EXPECT_EQ(decide(document, r), Decision::ImplicitDeny);
}

TEST(EvalEvaluatorTest, SingleDocumentHasNoFullAwsAccess) {
  policy::Document denyOnly = statement("Deny", R"("Action":"iam:*","Resource":"*")");
  EXPECT_EQ(decide(denyOnly, request("s3:GetObject")), Decision::ImplicitDeny);
  EXPECT_EQ(decide(denyOnly, request("iam:CreateUser")), Decision::ExplicitDeny);
  policy::Document both = parse(R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
      {"Effect":"Deny","Action":"iam:*","Resource":"*"}]})");
  EXPECT_EQ(decide(both, request("s3:GetObject")), Decision::Allow);
  EXPECT_EQ(decide(both, request("iam:CreateUser")), Decision::ExplicitDeny);
  EXPECT_EQ(decide(policy::Document{}, request("s3:GetObject")), Decision::ImplicitDeny);
}

class EvalChainTest : public ::testing::Test {
 protected:
  policy::Document denyRoot_ = statement("Deny", R"("Action":"*","Resource":"*",
      "Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}})");
  policy::Document allowS3_ = statement("Allow", R"("Action":"s3:*","Resource":"*")");
  policy::Document allowEc2_ = statement("Allow", R"("Action":"ec2:*","Resource":"*")");
  policy::Document denyIam_ = statement("Deny", R"("Action":"iam:*","Resource":"*")");

  static NamedPolicy full() { return NamedPolicy{"FullAWSAccess", nullptr}; }
  NamedPolicy named(const char* name, const policy::Document& d) { return NamedPolicy{name, &d}; }
};

TEST_F(EvalChainTest, DecisionTable) {
  struct Case {
    const char* name;
    std::vector<Level> chain;
    Request request;
    Decision expected;
  };
  const std::vector<Case> cases = {
      {"empty chain", {}, request("s3:GetObject"), Decision::Allow},
      {"FullAWSAccess everywhere",
       {{"r", {full()}}, {"ou", {full()}}, {"acct", {full()}}},
       request("s3:GetObject"),
       Decision::Allow},
      {"a level without policies",
       {{"r", {full()}}, {"ou", {}}},
       request("s3:GetObject"),
       Decision::ImplicitDeny},
      {"deny at the account",
       {{"r", {full()}}, {"acct", {full(), named("deny-root", denyRoot_)}}},
       request("s3:GetObject", "*", kRoot),
       Decision::ExplicitDeny},
      {"deny does not apply",
       {{"r", {full()}}, {"acct", {full(), named("deny-root", denyRoot_)}}},
       request("s3:GetObject"),
       Decision::Allow},
      {"a level with only a deny",
       {{"r", {full()}}, {"ou", {named("deny-iam", denyIam_)}}},
       request("s3:GetObject"),
       Decision::ImplicitDeny},
      {"explicit beats an earlier implicit",
       {{"r", {named("s3", allowS3_)}}, {"ou", {full(), named("deny-iam", denyIam_)}}},
       request("iam:CreateUser"),
       Decision::ExplicitDeny},
      {"allow list at the OU",
       {{"r", {full()}}, {"ou", {named("s3", allowS3_)}}, {"acct", {full()}}},
       request("s3:PutObject"),
       Decision::Allow},
      {"allow list misses",
       {{"r", {full()}}, {"ou", {named("s3", allowS3_)}}, {"acct", {full()}}},
       request("ec2:RunInstances"),
       Decision::ImplicitDeny},
      {"any policy at a level may allow",
       {{"r", {full()}}, {"ou", {named("s3", allowS3_), named("ec2", allowEc2_)}}},
       request("ec2:RunInstances"),
       Decision::Allow},
      {"every level must allow",
       {{"r", {named("s3", allowS3_)}}, {"ou", {named("ec2", allowEc2_)}}},
       request("ec2:RunInstances"),
       Decision::ImplicitDeny},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(evaluate(c.chain, c.request).decision, c.expected);
    Evaluation traced = evaluate(c.chain, c.request, true);
    EXPECT_EQ(traced.decision, c.expected);
    EXPECT_EQ(traced.levels.size(), c.chain.size());
    EXPECT_TRUE(evaluate(c.chain, c.request).levels.empty());
  }
}

TEST_F(EvalChainTest, EvaluatorIsReusableAndCopyable) {
  std::vector<Level> chain = {{"r", {full(), named("deny-iam", denyIam_)}},
                              {"ou", {named("s3", allowS3_), named("deny-iam", denyIam_)}}};
  Evaluator evaluator(chain);
  Evaluator copy = evaluator;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(evaluator.evaluate(request("s3:GetObject")).decision, Decision::Allow);
    EXPECT_EQ(copy.evaluate(request("iam:CreateUser")).decision, Decision::ExplicitDeny);
    EXPECT_EQ(copy.evaluate(request("ec2:RunInstances")).decision, Decision::ImplicitDeny);
  }
}

TEST_F(EvalChainTest, TraceReasons) {
  policy::Document mixed = parse(R"({"Statement":[
      {"Sid":"OnlyEc2","Effect":"Deny","Action":"ec2:*","Resource":"*"},
      {"Sid":"NotS3","Effect":"Deny","NotAction":"s3:*","Resource":"*"},
      {"Sid":"Bucket","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::secret/*"},
      {"Sid":"Public","Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::public/*"},
      {"Sid":"Vpn","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},
      {"Sid":"Tls","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},
      {"Sid":"AllowS3","Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]})");
  Request r = request("s3:GetObject", "arn:aws:s3:::public/index.html");
  r.context = {{"aws:SourceIp", {"10.1.2.3"}}, {"aws:RequestedRegion", {"eu-west-1"}}};
  Evaluation e = evaluate({{"r", {full()}}, {"acct", {named("mixed", mixed)}}}, r, true);
  EXPECT_EQ(e.decision, Decision::Allow);
  ASSERT_EQ(e.levels.size(), 2u);
  EXPECT_EQ(e.levels[0].target, "r");
  ASSERT_EQ(e.levels[0].policies.size(), 1u);
  EXPECT_EQ(e.levels[0].policies[0].name, "FullAWSAccess");
  EXPECT_TRUE(e.levels[0].policies[0].allows);
  EXPECT_TRUE(e.levels[0].allowed);
  const LevelTrace& account = e.levels[1];
  EXPECT_TRUE(account.allowed);
  EXPECT_FALSE(account.denied);
  ASSERT_EQ(account.policies.size(), 1u);
  const PolicyTrace& policy = account.policies[0];
  EXPECT_EQ(policy.name, "mixed");
  EXPECT_TRUE(policy.allows);
  EXPECT_FALSE(policy.denies);
  ASSERT_EQ(policy.statements.size(), 7u);
  const std::vector<std::string> reasons = {
      R"(action `s3:GetObject` matches none of Action ["ec2:*"])",
      R"(action `s3:GetObject` is excluded by NotAction ["s3:*"])",
      R"(resource `arn:aws:s3:::public/index.html` matches none of Resource ["arn:aws:s3:::secret/*"])",
      R"(resource `arn:aws:s3:::public/index.html` is excluded by NotResource "arn:aws:s3:::public/*")",
      R"(condition NotIpAddress `aws:SourceIp` ["10.0.0.0/8"] is false for the request's ["10.1.2.3"])",
      "condition Bool on `aws:SecureTransport`: the key is absent",
      "action, resource and 1 condition entry match",
  };
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(policy.statements[i].index, i);
    EXPECT_EQ(policy.statements[i].reason, reasons[i]);
    EXPECT_EQ(policy.statements[i].applies, i == 6);
    EXPECT_EQ(policy.statements[i].deny, i != 6);
  }
  EXPECT_EQ(policy.statements[0].sid, "OnlyEc2");

  r.context = {{"aws:SourceIp", {"11.1.2.3"}}};
  e = evaluate({{"acct", {named("mixed", mixed)}}}, r, true);
  EXPECT_EQ(e.decision, Decision::ExplicitDeny);
  EXPECT_TRUE(e.levels[0].denied);
  EXPECT_FALSE(e.levels[0].allowed);
  EXPECT_TRUE(e.levels[0].policies[0].statements[4].applies);
  EXPECT_EQ(e.levels[0].policies[0].statements[6].reason,
            "condition StringEquals on `aws:RequestedRegion`: the key is absent");
}

TEST_F(EvalChainTest, NoConditionReason) {
  Evaluation e = evaluateDocument(allowS3_, request("s3:GetObject"), true);
  ASSERT_EQ(e.levels.size(), 1u);
  EXPECT_EQ(e.levels[0].policies[0].statements[0].reason, "action and resource match");
}

}  // namespace
}  // namespace rootpol::eval
