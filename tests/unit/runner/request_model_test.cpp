// The request model (runner/request_model.h): which keys a test request gets without giving
// them, their values, and that `with` and `without` override them.
#include "runner/request_model.h"

#include <gtest/gtest.h>

#include <map>

namespace rootpol::runner {
namespace {

using Context = std::map<std::string, std::vector<std::string>>;

Context contextOf(const eval::Request& r) {
  Context out;
  for (const auto& [key, values] : r.context) out[key] = values;
  return out;
}

RequestSpec rootSpec(std::string action) {
  RequestSpec spec;
  spec.principal = "arn:aws:iam::333333333333:root";
  spec.accountId = "333333333333";
  spec.action = std::move(action);
  spec.resource = "*";
  return spec;
}

TEST(RequestModel, RootGetsEveryAlwaysPresentKey) {
  Context c = contextOf(modelRequest(rootSpec("s3:ListAllMyBuckets")));
  Context want = {
      {"aws:PrincipalArn", {"arn:aws:iam::333333333333:root"}},
      {"aws:PrincipalAccount", {"333333333333"}},
      {"aws:PrincipalType", {"Account"}},
      {"aws:userid", {"333333333333"}},
      {"aws:ViaAWSService", {"false"}},
      {"aws:PrincipalIsAWSService", {"false"}},
      {"aws:SecureTransport", {"true"}},
      {"aws:RequestedRegion", {"us-east-1"}},
      {"aws:CurrentTime", {"2026-01-01T00:00:00Z"}},
      {"aws:EpochTime", {"1767225600"}},
  };
  EXPECT_EQ(c, want);  // and nothing else: aws:MultiFactorAuthPresent, aws:SourceIp, ... absent
}

// An AssumeRoot session is the root user plus aws:AssumedRoot "true"; MFA keys stay absent.
TEST(RequestModel, AssumedRootIsRootWithAssumedRootTrue) {
  RequestSpec spec = rootSpec("s3:DeleteBucketPolicy");
  spec.assumedRoot = true;
  Context session = contextOf(modelRequest(spec));
  EXPECT_EQ(session["aws:AssumedRoot"], std::vector<std::string>{"true"});
  session.erase("aws:AssumedRoot");
  EXPECT_EQ(session, contextOf(modelRequest(rootSpec("s3:DeleteBucketPolicy"))));
  EXPECT_EQ(session.count("aws:MultiFactorAuthPresent"), 0U);
  // `without assumed_root` makes it long-term credentials again; `with` overrides the value.
  spec.removed = {"aws:assumedroot"};
  EXPECT_EQ(contextOf(modelRequest(spec)).count("aws:AssumedRoot"), 0U);
  spec.removed.clear();
  spec.given = {{"aws:AssumedRoot", {"false"}}};
  EXPECT_EQ(contextOf(modelRequest(spec))["aws:AssumedRoot"], std::vector<std::string>{"false"});
}

TEST(RequestModel, GivenKeysWinWhateverTheirCase) {
  RequestSpec spec = rootSpec("s3:ListAllMyBuckets");
  spec.given = {{"aws:viaawsservice", {"true"}}, {"aws:SourceIp", {"8.8.8.8"}}};
  eval::Request r = modelRequest(spec);
  Context c = contextOf(r);
  EXPECT_EQ(c.count("aws:ViaAWSService"), 0u);
  EXPECT_EQ(c["aws:viaawsservice"], std::vector<std::string>{"true"});
  EXPECT_EQ(c["aws:SourceIp"], std::vector<std::string>{"8.8.8.8"});
}

TEST(RequestModel, RemovedKeysAreAbsentEvenThePrincipalArn) {
  RequestSpec spec = rootSpec("s3:ListAllMyBuckets");
  spec.removed = {"aws:ViaAWSService", "aws:principalarn"};
  eval::Request r = modelRequest(spec);
  Context c = contextOf(r);
  EXPECT_EQ(c.count("aws:ViaAWSService"), 0u);
  EXPECT_EQ(c.count("aws:PrincipalArn"), 0u);
  // The evaluator's fallback for aws:PrincipalArn must not bring it back.
  eval::RequestContext view(r);
  EXPECT_FALSE(view.find("aws:PrincipalArn").has_value());
}

TEST(RequestModel, RequestedRegion) {
  EXPECT_EQ(contextOf(modelRequest(rootSpec("ec2:RunInstances")))["aws:RequestedRegion"],
            std::vector<std::string>{"us-east-1"});
  RequestSpec home = rootSpec("ec2:RunInstances");
  home.homeRegion = "eu-west-1";
  EXPECT_EQ(contextOf(modelRequest(home))["aws:RequestedRegion"], std::vector<std::string>{"eu-west-1"});
  // A global service's calls go to its one endpoint's region, whatever the home region.
  home.action = "iam:CreateRole";
  EXPECT_EQ(contextOf(modelRequest(home))["aws:RequestedRegion"], std::vector<std::string>{"us-east-1"});
  home.action = "globalaccelerator:CreateAccelerator";
  EXPECT_EQ(contextOf(modelRequest(home))["aws:RequestedRegion"], std::vector<std::string>{"us-west-2"});
  EXPECT_TRUE(globalEndpointRegion("Organizations:ListAccounts").has_value());
  EXPECT_FALSE(globalEndpointRegion("s3:GetObject").has_value());
}

TEST(RequestModel, OneInstantForBothTimeKeys) {
  RequestSpec spec = rootSpec("s3:GetObject");
  spec.given = {{"aws:CurrentTime", {"2031-06-01T00:00:00Z"}}};
  EXPECT_EQ(contextOf(modelRequest(spec))["aws:EpochTime"], std::vector<std::string>{"1938038400"});
  spec.given = {{"aws:EpochTime", {"1938038400"}}};
  EXPECT_EQ(contextOf(modelRequest(spec))["aws:CurrentTime"], std::vector<std::string>{"2031-06-01T00:00:00Z"});
  spec.given = {{"aws:EpochTime", {"0"}}};
  EXPECT_EQ(contextOf(modelRequest(spec))["aws:CurrentTime"], std::vector<std::string>{"1970-01-01T00:00:00Z"});
}

TEST(RequestModel, PrincipalFacts) {
  struct Case {
    std::string arn, principalArn, account, type, userid;
  };
  const Case cases[] = {
      {"arn:aws:iam::444455556666:root", "arn:aws:iam::444455556666:root", "444455556666", "Account", "444455556666"},
      {"arn:aws:iam::444455556666:user/ops/alice", "arn:aws:iam::444455556666:user/ops/alice", "444455556666", "User",
       "AIDAEXAMPLEUSERID0000"},
      {"arn:aws:iam::444455556666:role/Dev", "arn:aws:iam::444455556666:role/Dev", "444455556666", "AssumedRole",
       "AROAEXAMPLEROLEID0000:rootpol-test"},
      {"arn:aws:sts::444455556666:assumed-role/Dev/alice", "arn:aws:iam::444455556666:role/Dev", "444455556666",
       "AssumedRole", "AROAEXAMPLEROLEID0000:alice"},
      {"arn:aws:sts::444455556666:federated-user/bob", "arn:aws:sts::444455556666:federated-user/bob", "444455556666",
       "FederatedUser", "444455556666:bob"},
      {"arn:aws:s3:::not-a-principal", "arn:aws:s3:::not-a-principal", "111122223333", "", ""},
  };
  for (const Case& c : cases) {
    PrincipalFacts f = principalFacts(c.arn, "111122223333");
    EXPECT_EQ(f.arn, c.principalArn) << c.arn;
    EXPECT_EQ(f.account, c.account) << c.arn;
    EXPECT_EQ(f.type, c.type) << c.arn;
    EXPECT_EQ(f.userid, c.userid) << c.arn;
  }
  // A principal of unknown shape gets no aws:PrincipalType or aws:userid rather than a guess.
  RequestSpec spec = rootSpec("s3:GetObject");
  spec.principal = "arn:aws:s3:::not-a-principal";
  Context c = contextOf(modelRequest(spec));
  EXPECT_EQ(c.count("aws:PrincipalType"), 0u);
  EXPECT_EQ(c.count("aws:userid"), 0u);
}

TEST(RequestModel, ServiceLinkedRoles) {
  EXPECT_TRUE(serviceLinkedRoleExemption(
                  "arn:aws:iam::444455556666:role/aws-service-role/elasticmapreduce.amazonaws.com/AWSServiceRoleForEMRCleanup")
                  .has_value());
  EXPECT_TRUE(serviceLinkedRoleExemption("arn:aws:sts::444455556666:assumed-role/AWSServiceRoleForSupport/s").has_value());
  EXPECT_FALSE(serviceLinkedRoleExemption("arn:aws:iam::444455556666:role/service-role/MyLambdaRole").has_value());
  EXPECT_FALSE(serviceLinkedRoleExemption("arn:aws:iam::444455556666:role/aws-service-roleX/x").has_value());
  EXPECT_FALSE(serviceLinkedRoleExemption("arn:aws:iam::444455556666:root").has_value());
}

}  // namespace
}  // namespace rootpol::runner
