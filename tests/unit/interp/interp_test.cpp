#include "interp/interp.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "interp/glob.h"

namespace rootpol::interp {
namespace {

using ast::CondOp;
using ast::Scalar;

constexpr const char* kRoot = "arn:aws:iam::111122223333:root";
constexpr const char* kRole = "arn:aws:iam::111122223333:role/Worker";

std::vector<ast::Value> valuesOf(std::initializer_list<const char*> texts) {
  std::vector<ast::Value> out;
  for (const char* t : texts) out.push_back(ast::Value{t, {}});
  return out;
}

struct KeySpec {
  std::string awsKey;
  Scalar scalar = Scalar::String;
  bool list = false;
  bool network = false;
};

std::unique_ptr<ast::Cond> atom(const KeySpec& key, CondOp op,
                                std::initializer_list<const char*> values = {}) {
  auto cond = std::make_unique<ast::Cond>();
  cond->kind = ast::Cond::Kind::Atom;
  cond->op = op;
  cond->resolved.awsKey = key.awsKey;
  cond->resolved.type = ast::Type{key.scalar, key.list};
  cond->resolved.network = key.network;
  cond->values = valuesOf(values);
  return cond;
}

std::unique_ptr<ast::Cond> node(ast::Cond::Kind kind,
                                std::vector<std::unique_ptr<ast::Cond>> kids) {
  auto cond = std::make_unique<ast::Cond>();
  cond->kind = kind;
  cond->children = std::move(kids);
  return cond;
}

std::unique_ptr<ast::Cond> notOf(std::unique_ptr<ast::Cond> c) {
  std::vector<std::unique_ptr<ast::Cond>> kids;
  kids.push_back(std::move(c));
  return node(ast::Cond::Kind::Not, std::move(kids));
}

std::unique_ptr<ast::Cond> both(std::unique_ptr<ast::Cond> a, std::unique_ptr<ast::Cond> b,
                                ast::Cond::Kind kind = ast::Cond::Kind::And) {
  std::vector<std::unique_ptr<ast::Cond>> kids;
  kids.push_back(std::move(a));
  kids.push_back(std::move(b));
  return node(kind, std::move(kids));
}

ast::Rule rule(ast::Effect effect, std::initializer_list<const char*> actions) {
  ast::Rule r;
  r.effect = effect;
  r.resolvedActions = valuesOf(actions);
  return r;
}

ast::Rule denyRule(std::initializer_list<const char*> actions) {
  return rule(ast::Effect::Deny, actions);
}

void addClause(ast::Rule& r, std::unique_ptr<ast::Cond> cond, bool unless = false) {
  ast::CondClause clause;
  clause.unless = unless;
  clause.cond = std::move(cond);
  r.clauses.push_back(std::move(clause));
}

Request request(std::string action, std::map<std::string, std::vector<std::string>> context = {},
                std::string principal = kRole) {
  Request r;
  r.principalArn = std::move(principal);
  r.action = std::move(action);
  r.context = std::move(context);
  return r;
}

const KeySpec kSourceIp{"aws:SourceIp", Scalar::Cidr, false, true};
const KeySpec kVia{"aws:ViaAWSService", Scalar::Bool};
const KeySpec kMfa{"aws:MultiFactorAuthPresent", Scalar::Bool};
const KeySpec kMfaAge{"aws:MultiFactorAuthAge", Scalar::Int};
const KeySpec kRegion{"aws:RequestedRegion", Scalar::Region};
const KeySpec kPrincipal{"aws:PrincipalArn", Scalar::Arn};
const KeySpec kTagKeys{"aws:TagKeys", Scalar::String, true};
const KeySpec kTime{"aws:CurrentTime", Scalar::Date};
const KeySpec kTeam{"aws:PrincipalTag/team", Scalar::String};

// --- matchers ---------------------------------------------------------------------------

TEST(Glob, WildcardsAndCase) {
  EXPECT_TRUE(globMatch("s3:Get*", "s3:GetObject"));
  EXPECT_TRUE(globMatch("*", ""));
  EXPECT_TRUE(globMatch("a*b*c", "aXXbYYbc"));
  EXPECT_TRUE(globMatch("s3:Get?bject", "s3:GetObject"));
  EXPECT_FALSE(globMatch("s3:Get?", "s3:Get"));
  EXPECT_FALSE(globMatch("s3:get*", "s3:GetObject"));
  EXPECT_TRUE(globMatch("s3:get*", "s3:GetObject", true));
  EXPECT_FALSE(globMatch("abc", "abcd"));
  EXPECT_TRUE(globMatch("**a**", "xxa"));
}

TEST(Glob, ArnLikeIsPartWise) {
  EXPECT_TRUE(arnLike("arn:*:iam::*:root", kRoot));
  EXPECT_FALSE(arnLike("arn:*:iam::*:root", kRole));
  EXPECT_TRUE(arnLike("arn:aws:iam::*:role/*", kRole));
  // Parts are matched one by one: `root` must be the whole sixth part.
  EXPECT_FALSE(arnLike("arn:aws:iam::*:root", "arn:aws:iam::111122223333:x:root"));
  EXPECT_TRUE(globMatch("arn:aws:iam::*:root", "arn:aws:iam::111122223333:x:root"));
  // The sixth part keeps its colons, and a `*` there spans them.
  EXPECT_TRUE(arnLike("arn:aws:logs:*:*:log-group:*", "arn:aws:logs:eu-west-1:1:log-group:g:*"));
  EXPECT_FALSE(arnLike("arn:aws:iam::*:role/worker", kRole));  // case-sensitive
  EXPECT_TRUE(arnLike("not-an-arn*", "not-an-arn-at-all"));    // whole-string fallback
}

TEST(Glob, RootArn) {
  EXPECT_TRUE(isAccountRootArn(kRoot));
  EXPECT_TRUE(isAccountRootArn("arn:aws-us-gov:iam::123456789012:root"));
  EXPECT_FALSE(isAccountRootArn(kRole));
  EXPECT_FALSE(isAccountRootArn("arn:aws:iam::1234:root"));
  EXPECT_FALSE(isAccountRootArn("arn:aws:sts::111122223333:root"));
}

TEST(Glob, Cidr) {
  EXPECT_TRUE(cidrContains("10.0.0.0/8", "10.200.3.4"));
  EXPECT_FALSE(cidrContains("10.0.0.0/8", "11.0.0.1"));
  EXPECT_TRUE(cidrContains("198.51.100.0/25", "198.51.100.127"));
  EXPECT_FALSE(cidrContains("198.51.100.0/25", "198.51.100.128"));
  EXPECT_TRUE(cidrContains("203.0.113.7", "203.0.113.7"));  // bare address = /32
  EXPECT_TRUE(cidrContains("0.0.0.0/0", "192.0.2.77"));
  EXPECT_TRUE(cidrContains("2001:db8::/32", "2001:db8:ffff::1"));
  EXPECT_FALSE(cidrContains("2001:db8::/48", "2001:db8:ffff::1"));
  EXPECT_TRUE(cidrContains("2001:db8::1", "2001:0db8:0:0:0:0:0:1"));
  EXPECT_TRUE(cidrContains("::ffff:0:0/96", "::ffff:192.0.2.1"));
  EXPECT_FALSE(cidrContains("10.0.0.0/8", "::1"));  // families never mix
  EXPECT_FALSE(cidrContains("10.0.0.0/33", "10.0.0.1"));
  EXPECT_FALSE(cidrContains("10.0.0.0/8", "10.0.0"));
  EXPECT_FALSE(cidrContains("2001:db8::1::/64", "2001:db8::1"));
  auto net = parseIpNetwork("2001:db8::5/64");
  ASSERT_TRUE(net.has_value());
  EXPECT_EQ(formatIp(*net), "2001:db8:0:0:0:0:0:5");
}

TEST(Glob, Instants) {
  auto midnight = parseInstant("2024-03-01");
  auto zulu = parseInstant("2024-03-01T00:00:00Z");
  auto offset = parseInstant("2024-03-01T02:00:00+02:00");
  auto fraction = parseInstant("2024-02-29T23:59:59.5Z");
  ASSERT_TRUE(midnight && zulu && offset && fraction);
  EXPECT_EQ(*midnight, *zulu);
  EXPECT_EQ(*offset, *zulu);
  EXPECT_LT(*fraction, *zulu);
  EXPECT_EQ(zulu->seconds, 1709251200);
  EXPECT_EQ(parseInstant("1709251200"), zulu);
  EXPECT_FALSE(parseInstant("2023-02-29").has_value());
  EXPECT_FALSE(parseInstant("2024-03-01T10:00:00").has_value());  // no zone
  EXPECT_EQ(formatInstant(*zulu), "2024-03-01T00:00:00Z");
  EXPECT_EQ(formatInstant(Instant{-1, 0}), "1969-12-31T23:59:59Z");
}

TEST(Glob, Numbers) {
  EXPECT_EQ(parseNumber("3600"), 3600.0);
  EXPECT_EQ(parseNumber("-2.5"), -2.5);
  EXPECT_FALSE(parseNumber("12a").has_value());
  EXPECT_FALSE(parseNumber("").has_value());
}

// --- rules ------------------------------------------------------------------------------

TEST(Interp, ActionsAreCaseInsensitiveGlobs) {
  ast::Rule r = denyRule({"s3:Get*", "iam:CreateAccessKey"});
  EXPECT_TRUE(ruleMatches(r, request("s3:GetObject")));
  EXPECT_TRUE(ruleMatches(r, request("S3:getobject")));
  EXPECT_TRUE(ruleMatches(r, request("IAM:createaccesskey")));
  EXPECT_FALSE(ruleMatches(r, request("s3:PutObject")));
  EXPECT_TRUE(ruleMatches(denyRule({"*"}), request("kms:Decrypt")));
}

TEST(Interp, ActionsExceptIsNotAction) {
  ast::Rule r = denyRule({"iam:*", "sts:*"});
  r.actionsExcept = true;
  EXPECT_FALSE(ruleMatches(r, request("iam:CreateUser")));
  EXPECT_FALSE(ruleMatches(r, request("STS:AssumeRole")));
  EXPECT_TRUE(ruleMatches(r, request("ec2:RunInstances")));
}

TEST(Interp, Resources) {
  ast::Rule r = denyRule({"s3:DeleteBucket"});
  r.resolvedResources = valuesOf({"arn:aws:s3:::aws-controltower*"});
  Request req = request("s3:DeleteBucket");
  req.resource = "arn:aws:s3:::aws-controltower-logs";
  EXPECT_TRUE(ruleMatches(r, req));
  req.resource = "arn:aws:s3:::other";
  EXPECT_FALSE(ruleMatches(r, req));
  req.resource = "*";  // a wildcard request resource only meets the pattern "*"
  EXPECT_FALSE(ruleMatches(r, req));
  r.resourcesExcept = true;
  EXPECT_TRUE(ruleMatches(r, req));
  req.resource = "arn:aws:s3:::aws-controltower-logs";
  EXPECT_FALSE(ruleMatches(r, req));
  req.resource = "arn:aws:s3:::other";
  EXPECT_TRUE(ruleMatches(r, req));
  // No resources at all means every resource, "*" included.
  EXPECT_TRUE(ruleMatches(denyRule({"s3:DeleteBucket"}), req));
}

TEST(Interp, ForRootAndPrincipalPatterns) {
  ast::Rule root = denyRule({"*"});
  root.forRoot = true;
  EXPECT_TRUE(ruleMatches(root, request("s3:GetObject", {}, kRoot)));
  EXPECT_FALSE(ruleMatches(root, request("s3:GetObject", {}, kRole)));
  // The principal comes from the request, not from a context entry.
  EXPECT_FALSE(ruleMatches(root, request("s3:GetObject", {{"aws:PrincipalArn", {kRoot}}}, kRole)));

  ast::Rule listed = denyRule({"*"});
  listed.resolvedPrincipals = valuesOf({"arn:aws:iam::*:role/Work*"});
  EXPECT_TRUE(ruleMatches(listed, request("s3:GetObject", {}, kRole)));
  EXPECT_FALSE(ruleMatches(listed, request("s3:GetObject", {}, kRoot)));
}

// `for root credentials`: the root user without aws:AssumedRoot, whatever value the key has.
TEST(Interp, ForRootCredentialsSkipsAssumeRootSessions) {
  ast::Rule credentials = denyRule({"*"});
  credentials.forRoot = true;
  credentials.forRootCredentials = true;
  EXPECT_TRUE(ruleMatches(credentials, request("s3:GetObject", {}, kRoot)));
  EXPECT_FALSE(ruleMatches(credentials, request("s3:GetObject", {{"aws:AssumedRoot", {"true"}}}, kRoot)));
  EXPECT_FALSE(ruleMatches(credentials, request("s3:GetObject", {{"aws:assumedroot", {"false"}}}, kRoot)));
  EXPECT_TRUE(ruleMatches(credentials, request("s3:GetObject", {{"aws:AssumedRoot", {}}}, kRoot)));
  EXPECT_FALSE(ruleMatches(credentials, request("s3:GetObject", {}, kRole)));
  ast::Rule root = denyRule({"*"});
  root.forRoot = true;
  EXPECT_TRUE(ruleMatches(root, request("s3:GetObject", {{"aws:AssumedRoot", {"true"}}}, kRoot)));
}

TEST(Interp, AbsentKeyAndNegation) {
  ast::Rule eq = denyRule({"*"});
  addClause(eq, atom(kTeam, CondOp::Eq, {"ops"}));
  EXPECT_FALSE(ruleMatches(eq, request("s3:GetObject")));
  EXPECT_TRUE(ruleMatches(eq, request("s3:GetObject", {{"aws:PrincipalTag/team", {"ops"}}})));
  EXPECT_FALSE(ruleMatches(eq, request("s3:GetObject", {{"aws:PrincipalTag/team", {"OPS"}}})));

  ast::Rule ne = denyRule({"*"});  // team != "ops": true when the tag is absent
  addClause(ne, notOf(atom(kTeam, CondOp::Eq, {"ops"})));
  EXPECT_TRUE(ruleMatches(ne, request("s3:GetObject")));
  EXPECT_FALSE(ruleMatches(ne, request("s3:GetObject", {{"aws:PrincipalTag/team", {"ops"}}})));

  ast::Rule unless = denyRule({"*"});  // unless team in [...] == when not (...)
  addClause(unless, atom(kTeam, CondOp::In, {"ops", "sec"}), true);
  EXPECT_TRUE(ruleMatches(unless, request("s3:GetObject")));
  EXPECT_FALSE(ruleMatches(unless, request("s3:GetObject", {{"aws:PrincipalTag/team", {"sec"}}})));
  // Keys are matched case-insensitively, as in IAM.
  EXPECT_FALSE(ruleMatches(unless, request("s3:GetObject", {{"aws:principaltag/team", {"sec"}}})));
}

TEST(Interp, ExistsAndMissing) {
  ast::Rule exists = denyRule({"*"});
  addClause(exists, atom(kTeam, CondOp::Exists));
  EXPECT_FALSE(ruleMatches(exists, request("s3:GetObject")));
  EXPECT_TRUE(ruleMatches(exists, request("s3:GetObject", {{"aws:PrincipalTag/team", {""}}})));
  ast::Rule missing = denyRule({"*"});
  addClause(missing, notOf(atom(kTeam, CondOp::Exists)));
  EXPECT_TRUE(ruleMatches(missing, request("s3:GetObject")));
  EXPECT_FALSE(ruleMatches(missing, request("s3:GetObject", {{"aws:PrincipalTag/team", {"x"}}})));
}

TEST(Interp, BoolKeys) {
  ast::Rule r = denyRule({"*"});  // unless mfa
  addClause(r, atom(kMfa, CondOp::IsTrue), true);
  EXPECT_TRUE(ruleMatches(r, request("iam:DeleteRole")));
  EXPECT_TRUE(ruleMatches(r, request("iam:DeleteRole", {{kMfa.awsKey, {"false"}}})));
  EXPECT_FALSE(ruleMatches(r, request("iam:DeleteRole", {{kMfa.awsKey, {"TRUE"}}})));

  ast::Rule eqFalse = denyRule({"*"});  // when mfa == false
  addClause(eqFalse, atom(kMfa, CondOp::Eq, {"false"}));
  EXPECT_FALSE(ruleMatches(eqFalse, request("iam:DeleteRole")));
  EXPECT_TRUE(ruleMatches(eqFalse, request("iam:DeleteRole", {{kMfa.awsKey, {"False"}}})));
}

TEST(Interp, IntsCompareNumerically) {
  ast::Rule r = denyRule({"*"});  // unless mfa and mfa_age < 3600
  addClause(r, both(atom(kMfa, CondOp::IsTrue), atom(kMfaAge, CondOp::Lt, {"3600"})), true);
  auto with = [](const char* mfa, const char* age) {
    std::map<std::string, std::vector<std::string>> ctx{{kMfa.awsKey, {mfa}}};
    if (age) ctx[kMfaAge.awsKey] = {age};
    return request("iam:DeleteRole", ctx);
  };
  EXPECT_FALSE(ruleMatches(r, with("true", "3599")));
  EXPECT_FALSE(ruleMatches(r, with("true", "900")));  // not a string comparison
  EXPECT_TRUE(ruleMatches(r, with("true", "3600")));
  EXPECT_TRUE(ruleMatches(r, with("true", nullptr)));
  EXPECT_TRUE(ruleMatches(r, with("false", "10")));
  EXPECT_TRUE(ruleMatches(r, with("true", "soon")));  // unparsable: the atom is false

  ast::Rule ge = denyRule({"*"});
  addClause(ge, atom(kMfaAge, CondOp::Ge, {"60"}));
  EXPECT_TRUE(ruleMatches(ge, request("iam:DeleteRole", {{kMfaAge.awsKey, {"60"}}})));
  EXPECT_FALSE(ruleMatches(ge, request("iam:DeleteRole", {{kMfaAge.awsKey, {"59"}}})));
}

TEST(Interp, DatesCompareAsInstants) {
  ast::Rule r = denyRule({"*"});  // when current_time > "2025-01-01"
  addClause(r, atom(kTime, CondOp::Gt, {"2025-01-01"}));
  auto at = [](const char* t) { return request("ec2:RunInstances", {{kTime.awsKey, {t}}}); };
  EXPECT_TRUE(ruleMatches(r, at("2025-01-01T00:00:01Z")));
  EXPECT_FALSE(ruleMatches(r, at("2025-01-01T00:00:00Z")));
  EXPECT_FALSE(ruleMatches(r, at("2025-01-01T01:00:00+02:00")));  // 2024-12-31T23:00Z
  EXPECT_TRUE(ruleMatches(r, at("2025-01-01T00:00:00.250Z")));
  EXPECT_FALSE(ruleMatches(r, request("ec2:RunInstances")));

  ast::Rule eq = denyRule({"*"});
  addClause(eq, atom(kTime, CondOp::Eq, {"2025-01-01"}));
  EXPECT_TRUE(ruleMatches(eq, at("2025-01-01T00:00:00Z")));
  ast::Rule le = denyRule({"*"});
  addClause(le, atom(kTime, CondOp::Le, {"2025-01-01T12:00:00Z"}));
  EXPECT_TRUE(ruleMatches(le, at("2025-01-01T12:00:00Z")));
  EXPECT_FALSE(ruleMatches(le, at("2025-01-02")));
}

TEST(Interp, ArnLikeAndArnEquality) {
  ast::Rule like = denyRule({"cloudtrail:StopLogging"});  // unless principal like [...]
  addClause(like, atom(kPrincipal, CondOp::Like, {"arn:aws:iam::*:role/BreakGlass"}), true);
  auto as = [](const char* p) {
    return request("cloudtrail:StopLogging", {{"aws:PrincipalArn", {p}}}, p);
  };
  EXPECT_FALSE(ruleMatches(like, as("arn:aws:iam::111122223333:role/BreakGlass")));
  EXPECT_TRUE(ruleMatches(like, as(kRole)));
  EXPECT_TRUE(ruleMatches(like, as("arn:aws:iam::111122223333:role/breakglass")));

  ast::Rule eq = denyRule({"*"});  // == on an arn key is exact: no wildcards
  addClause(eq, atom(kPrincipal, CondOp::Eq, {"arn:aws:iam::*:role/Worker"}));
  EXPECT_FALSE(ruleMatches(eq, as(kRole)));
  ast::Rule eqExact = denyRule({"*"});
  addClause(eqExact, atom(kPrincipal, CondOp::In, {kRole}));
  EXPECT_TRUE(ruleMatches(eqExact, as(kRole)));
}

TEST(Interp, StringLikeIsCaseSensitive) {
  ast::Rule r = denyRule({"*"});
  addClause(r, atom(kRegion, CondOp::Like, {"eu-*"}));
  EXPECT_TRUE(ruleMatches(r, request("ec2:RunInstances", {{kRegion.awsKey, {"eu-west-1"}}})));
  EXPECT_FALSE(ruleMatches(r, request("ec2:RunInstances", {{kRegion.awsKey, {"EU-west-1"}}})));
}

TEST(Interp, CidrV4AndV6) {
  ast::Rule r = denyRule({"*"});  // when source_ip in [...] strict
  r.strict = true;
  addClause(r, atom(kSourceIp, CondOp::In, {"203.0.113.0/24", "2001:db8::/32"}));
  auto from = [](const char* ip) { return request("s3:GetObject", {{"aws:SourceIp", {ip}}}); };
  EXPECT_TRUE(ruleMatches(r, from("203.0.113.9")));
  EXPECT_FALSE(ruleMatches(r, from("192.0.2.77")));
  EXPECT_TRUE(ruleMatches(r, from("2001:db8:1::7")));
  EXPECT_FALSE(ruleMatches(r, from("2001:db9::1")));
  EXPECT_FALSE(ruleMatches(r, from("garbage")));
}

// Example A: deny * for root unless source_ip in vpn_cidrs.
ast::Policy exampleA(bool strict) {
  ast::Policy policy;
  policy.name = "no-root-outside-vpn";
  ast::Rule r = denyRule({"*"});
  r.forRoot = true;
  r.strict = strict;
  addClause(r, atom(kSourceIp, CondOp::In, {"203.0.113.0/24", "198.51.100.0/25"}), true);
  policy.rules.push_back(std::move(r));
  return policy;
}

TEST(Interp, NetworkGuardWithoutStrict) {
  ast::Policy policy = exampleA(false);
  auto root = [](std::map<std::string, std::vector<std::string>> ctx) {
    return request("s3:ListAllMyBuckets", std::move(ctx), kRoot);
  };
  EXPECT_EQ(
      evaluate(policy, root({{"aws:SourceIp", {"198.51.100.7"}}, {"aws:ViaAWSService", {"false"}}}))
          .decision,
      Decision::ImplicitDeny);
  Outcome outside =
      evaluate(policy, root({{"aws:SourceIp", {"192.0.2.77"}}, {"aws:ViaAWSService", {"false"}}}));
  EXPECT_EQ(outside.decision, Decision::ExplicitDeny);
  EXPECT_EQ(outside.rule, std::optional<std::size_t>(0));
  // A call an AWS service makes for the principal carries no caller IP: not denied.
  EXPECT_EQ(evaluate(policy, root({{"aws:ViaAWSService", {"true"}}})).decision,
            Decision::ImplicitDeny);
  EXPECT_EQ(
      evaluate(policy, root({{"aws:SourceIp", {"192.0.2.77"}}, {"aws:ViaAWSService", {"true"}}}))
          .decision,
      Decision::ImplicitDeny);
  // Absent source IP on a direct call: not (false or false) is true, so denied.
  EXPECT_EQ(evaluate(policy, root({{"aws:ViaAWSService", {"false"}}})).decision,
            Decision::ExplicitDeny);
  // Other principals are not concerned.
  EXPECT_EQ(
      evaluate(policy, request("s3:ListAllMyBuckets", {{"aws:SourceIp", {"192.0.2.77"}}})).decision,
      Decision::ImplicitDeny);
}

TEST(Interp, NetworkGuardWithStrict) {
  ast::Policy policy = exampleA(true);
  auto root = [](std::map<std::string, std::vector<std::string>> ctx) {
    return request("s3:ListAllMyBuckets", std::move(ctx), kRoot);
  };
  EXPECT_EQ(evaluate(policy, root({{"aws:ViaAWSService", {"true"}}})).decision,
            Decision::ExplicitDeny);
  EXPECT_EQ(
      evaluate(policy, root({{"aws:SourceIp", {"192.0.2.77"}}, {"aws:ViaAWSService", {"true"}}}))
          .decision,
      Decision::ExplicitDeny);
  EXPECT_EQ(evaluate(policy, root({{"aws:SourceIp", {"203.0.113.1"}}})).decision,
            Decision::ImplicitDeny);
}

TEST(Interp, NetworkGuardFollowsPolarity) {
  auto via = [](std::string value, std::map<std::string, std::vector<std::string>> ctx = {}) {
    ctx["aws:ViaAWSService"] = {std::move(value)};
    return request("s3:GetObject", std::move(ctx));
  };
  // deny when source_ip not in X: (not A) and not via. A service call is never denied.
  ast::Rule r = denyRule({"*"});
  addClause(r, notOf(atom(kSourceIp, CondOp::In, {"10.0.0.0/8"})));
  EXPECT_FALSE(ruleMatches(r, via("true")));
  EXPECT_TRUE(ruleMatches(r, via("false")));
  // deny when source_ip in X: A and not via. A service call is not denied either, even when
  // it carries an address inside X.
  ast::Rule positive = denyRule({"*"});
  addClause(positive, atom(kSourceIp, CondOp::In, {"10.0.0.0/8"}));
  EXPECT_FALSE(ruleMatches(positive, via("TRUE")));
  EXPECT_FALSE(ruleMatches(positive, via("true", {{"aws:SourceIp", {"10.1.2.3"}}})));
  EXPECT_TRUE(ruleMatches(positive, via("false", {{"aws:SourceIp", {"10.1.2.3"}}})));
  EXPECT_FALSE(ruleMatches(positive, request("s3:GetObject")));
  // allow when source_ip in X: A or via. A service call stays allowed.
  ast::Rule allow = rule(ast::Effect::Allow, {"*"});
  addClause(allow, atom(kSourceIp, CondOp::In, {"10.0.0.0/8"}));
  EXPECT_TRUE(ruleMatches(allow, via("true")));
  EXPECT_FALSE(ruleMatches(allow, via("false", {{"aws:SourceIp", {"192.0.2.1"}}})));
  // allow unless source_ip in X: (not A) or via.
  ast::Rule allowUnless = rule(ast::Effect::Allow, {"*"});
  addClause(allowUnless, atom(kSourceIp, CondOp::In, {"10.0.0.0/8"}), true);
  EXPECT_TRUE(ruleMatches(allowUnless, via("true", {{"aws:SourceIp", {"10.1.2.3"}}})));
  EXPECT_FALSE(ruleMatches(allowUnless, via("false", {{"aws:SourceIp", {"10.1.2.3"}}})));
}

TEST(Interp, MultiValuedKeysNeedSomeValue) {
  ast::Rule r = denyRule({"*"});  // when tag_keys in ["cost-center"]
  addClause(r, atom(kTagKeys, CondOp::In, {"cost-center"}));
  auto tags = [](std::vector<std::string> keys) {
    return request("ec2:CreateTags", {{"aws:TagKeys", std::move(keys)}});
  };
  EXPECT_TRUE(ruleMatches(r, tags({"cost-center"})));
  EXPECT_TRUE(ruleMatches(r, tags({"owner", "cost-center"})));
  EXPECT_FALSE(ruleMatches(r, tags({"owner"})));
  EXPECT_FALSE(ruleMatches(r, tags({})));
  EXPECT_FALSE(ruleMatches(r, request("ec2:CreateTags")));

  ast::Rule notIn = denyRule({"*"});  // tag_keys not in [...]: true when absent or empty
  addClause(notIn, notOf(atom(kTagKeys, CondOp::In, {"cost-center"})));
  EXPECT_TRUE(ruleMatches(notIn, tags({})));
  EXPECT_TRUE(ruleMatches(notIn, tags({"owner"})));
  EXPECT_FALSE(ruleMatches(notIn, tags({"owner", "cost-center"})));

  ast::Rule like = denyRule({"*"});
  addClause(like, atom({"aws:PrincipalOrgPaths", Scalar::String, true}, CondOp::Like,
                       {"o-abc/r-ab12/ou-ab12-11111111/*"}));
  EXPECT_TRUE(ruleMatches(
      like, request("s3:GetObject", {{"aws:PrincipalOrgPaths",
                                      {"o-abc/r-ab12/", "o-abc/r-ab12/ou-ab12-11111111/x/"}}})));
  ast::Rule exists = denyRule({"*"});
  addClause(exists, atom(kTagKeys, CondOp::Exists));
  EXPECT_FALSE(ruleMatches(exists, tags({})));  // an empty list counts as absent
}

TEST(Interp, OrAndCombinations) {
  ast::Rule r = denyRule({"*"});  // when region == "us-east-1" or team == "ops"
  addClause(r, both(atom(kRegion, CondOp::Eq, {"us-east-1"}), atom(kTeam, CondOp::Eq, {"ops"}),
                    ast::Cond::Kind::Or));
  EXPECT_TRUE(ruleMatches(r, request("s3:GetObject", {{kRegion.awsKey, {"us-east-1"}}})));
  EXPECT_TRUE(ruleMatches(r, request("s3:GetObject", {{kTeam.awsKey, {"ops"}}})));
  EXPECT_FALSE(ruleMatches(r, request("s3:GetObject", {{kRegion.awsKey, {"eu-west-1"}}})));
  // Several clauses are ANDed.
  addClause(r, atom(kMfa, CondOp::IsTrue), true);
  EXPECT_FALSE(
      ruleMatches(r, request("s3:GetObject", {{kTeam.awsKey, {"ops"}}, {kMfa.awsKey, {"true"}}})));
}

TEST(Interp, EvaluateOrder) {
  ast::Policy policy;
  policy.rules.push_back(rule(ast::Effect::Allow, {"s3:*"}));
  policy.rules.push_back(denyRule({"ec2:*"}));
  policy.rules.push_back(denyRule({"s3:DeleteBucket"}));
  policy.rules.push_back(denyRule({"s3:Delete*"}));
  Outcome deleted = evaluate(policy, request("s3:DeleteBucket"));
  EXPECT_EQ(deleted.decision, Decision::ExplicitDeny);
  EXPECT_EQ(deleted.rule, std::optional<std::size_t>(2));
  Outcome read = evaluate(policy, request("s3:GetObject"));
  EXPECT_EQ(read.decision, Decision::Allow);
  EXPECT_EQ(read.rule, std::optional<std::size_t>(0));
  Outcome other = evaluate(policy, request("kms:Decrypt"));
  EXPECT_EQ(other.decision, Decision::ImplicitDeny);
  EXPECT_FALSE(other.rule.has_value());
  EXPECT_EQ(decisionName(Decision::ExplicitDeny), "explicit_deny");
  EXPECT_EQ(decisionName(Decision::Allow), "allow");
  EXPECT_EQ(decisionName(Decision::ImplicitDeny), "implicit_deny");
}

}  // namespace
}  // namespace rootpol::interp
