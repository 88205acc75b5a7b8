// replay: CloudTrail names to IAM actions (stdlib/cloudtrail_*.json over the catalog) and
// records to requests (replay/mapping.h).
#include "replay/mapping.h"

#include <gtest/gtest.h>

#include <string>

namespace rootpol::replay {
namespace {

std::string actionOf(std::string_view source, std::string_view name) {
  std::string why;
  return Tables::builtin().action(source, name, why).value_or("unmappable: " + why);
}

TEST(ReplayTablesTest, EventSourceAndNameToAction) {
  EXPECT_EQ(actionOf("s3.amazonaws.com", "ListBuckets"), "s3:ListAllMyBuckets");
  EXPECT_EQ(actionOf("s3.amazonaws.com", "HeadObject"), "s3:GetObject");
  EXPECT_EQ(actionOf("monitoring.amazonaws.com", "DeleteAlarms"), "cloudwatch:DeleteAlarms");
  EXPECT_EQ(actionOf("lambda.amazonaws.com", "CreateFunction20150331"), "lambda:CreateFunction");
  EXPECT_EQ(actionOf("lambda.amazonaws.com", "GetFunction20150331v2"), "lambda:GetFunction");
  EXPECT_EQ(actionOf("iam.amazonaws.com", "createaccesskey"), "iam:CreateAccessKey");  // catalog spelling
  EXPECT_EQ(actionOf("sts.amazonaws.com", "GetCallerIdentity"), "unmappable: `sts:GetCallerIdentity` needs no IAM permission");
  EXPECT_EQ(actionOf("signin.amazonaws.com", "ConsoleLogin"),
            "unmappable: `signin.amazonaws.com` events are not calls IAM authorizes");
  EXPECT_EQ(actionOf("s3.amazonaws.com", "FrobnicateBucket"),
            "unmappable: `s3:FrobnicateBucket` is not an action of the AWS catalog");
  EXPECT_TRUE(Tables::builtin().deniedError("AccessDenied"));
  EXPECT_TRUE(Tables::builtin().deniedError("Client.UnauthorizedOperation"));
  EXPECT_FALSE(Tables::builtin().deniedError("NoSuchBucket"));
}

TEST(ReplayTablesTest, ResourceFormatsOfAnAction) {
  const auto globs = Tables::builtin().resourceGlobs("s3:GetObject");
  ASSERT_FALSE(globs.empty());
  bool object = false;
  for (const std::string& g : globs) object = object || g == "arn:*:s3:::*/*";
  EXPECT_TRUE(object);
}

const std::vector<std::string>* value(const Call& call, std::string_view key) {
  for (const auto& [name, values] : call.request.context) {
    if (name == key) return &values;
  }
  return nullptr;
}

Record base(std::string_view ip) {
  Record r;
  r.eventTime = "2026-11-30T10:00:01Z";
  r.awsRegion = "eu-west-1";
  r.sourceIPAddress = ip;
  r.recipientAccountId = "222222222222";
  return r;
}

TEST(ReplayMappingTest, RootAndAssumeRootSessions) {
  Record r = base("198.51.100.7");
  r.identity.type = "Root";
  r.identity.accountId = "222222222222";
  r.identity.principalId = "222222222222";
  Call call;
  std::string why;
  ASSERT_TRUE(mapRecord(r, "s3:ListAllMyBuckets", call, why)) << why;
  EXPECT_EQ(call.principal, "arn:aws:iam::222222222222:root");
  EXPECT_EQ(call.request.principalArn, "arn:aws:iam::222222222222:root");
  EXPECT_EQ(value(call, "aws:AssumedRoot"), nullptr);
  EXPECT_TRUE(call.knows("aws:AssumedRoot"));  // known to be absent
  EXPECT_EQ(*value(call, "aws:SourceIp"), std::vector<std::string>{"198.51.100.7"});
  EXPECT_EQ(*value(call, "aws:ViaAWSService"), std::vector<std::string>{"false"});
  EXPECT_EQ(*value(call, "aws:RequestedRegion"), std::vector<std::string>{"eu-west-1"});
  EXPECT_EQ(*value(call, "aws:EpochTime"), std::vector<std::string>{"1796032801"});
  EXPECT_FALSE(call.knows("aws:SecureTransport"));  // no tlsDetails
  EXPECT_FALSE(call.knows("aws:MultiFactorAuthPresent"));
  r.identity.accessKeyId = "AKIAIOSFODNN7EXAMPLE";  // a long-term key: no MFA key at all
  ASSERT_TRUE(mapRecord(r, "s3:ListAllMyBuckets", call, why));
  EXPECT_TRUE(call.knows("aws:MultiFactorAuthPresent"));
  EXPECT_EQ(value(call, "aws:MultiFactorAuthPresent"), nullptr);
  r.identity.accountId = {};  // the account from the ARN when the record leaves it out
  r.identity.arn = "arn:aws:iam::222222222222:root";
  r.identity.assumedRoot = "true";
  ASSERT_TRUE(mapRecord(r, "s3:DeleteBucketPolicy", call, why)) << why;
  EXPECT_EQ(call.account, "222222222222");
  EXPECT_EQ(*value(call, "aws:AssumedRoot"), std::vector<std::string>{"true"});
  EXPECT_EQ(call.request.action, "s3:DeleteBucketPolicy");
}

TEST(ReplayMappingTest, AssumedRoleIsItsRoleAndAServiceCallIsViaAWSService) {
  Record r = base("cloudformation.amazonaws.com");
  r.identity.type = "AssumedRole";
  r.identity.accountId = "222222222222";
  r.identity.arn = "arn:aws:sts::222222222222:assumed-role/Deploy/session-1";
  r.identity.issuerArn = "arn:aws:iam::222222222222:role/ci/Deploy";
  r.identity.invokedBy = "cloudformation.amazonaws.com";
  Call call;
  std::string why;
  ASSERT_TRUE(mapRecord(r, "ec2:RunInstances", call, why)) << why;
  EXPECT_EQ(call.principal, "arn:aws:iam::222222222222:role/ci/Deploy");
  EXPECT_EQ(*value(call, "aws:PrincipalType"), std::vector<std::string>{"AssumedRole"});
  EXPECT_EQ(*value(call, "aws:ViaAWSService"), std::vector<std::string>{"true"});
  EXPECT_FALSE(call.knows("aws:SourceIp"));  // a service name is no address
  // Without the issuer, the session's ARN gives the role (without its path).
  r.identity.issuerArn = {};
  ASSERT_TRUE(mapRecord(r, "ec2:RunInstances", call, why));
  EXPECT_EQ(call.principal, "arn:aws:iam::222222222222:role/Deploy");
}

TEST(ReplayMappingTest, InternalCallsAndVpcEndpointsAndServices) {
  Record r = base("AWS Internal");
  r.identity.type = "IAMUser";
  r.identity.accountId = "222222222222";
  r.identity.arn = "arn:aws:iam::222222222222:user/alice";
  Call call;
  std::string why;
  ASSERT_TRUE(mapRecord(r, "s3:GetObject", call, why));
  EXPECT_FALSE(call.knows("aws:SourceIp"));
  EXPECT_EQ(*value(call, "aws:ViaAWSService"), std::vector<std::string>{"false"});
  r.sourceIPAddress = "10.0.0.5";
  r.vpcEndpointId = "vpce-0abc";
  ASSERT_TRUE(mapRecord(r, "s3:GetObject", call, why));
  EXPECT_TRUE(call.knows("aws:SourceIp"));  // absent through an endpoint
  EXPECT_EQ(value(call, "aws:SourceIp"), nullptr);
  EXPECT_EQ(*value(call, "aws:SourceVpce"), std::vector<std::string>{"vpce-0abc"});
  EXPECT_EQ(*value(call, "aws:VpcSourceIp"), std::vector<std::string>{"10.0.0.5"});

  Record s = base("lambda.amazonaws.com");
  s.identity.type = "AWSService";
  s.identity.invokedBy = "lambda.amazonaws.com";
  ASSERT_TRUE(mapRecord(s, "sts:AssumeRole", call, why));
  EXPECT_TRUE(call.service);
  EXPECT_EQ(*value(call, "aws:PrincipalIsAWSService"), std::vector<std::string>{"true"});
  EXPECT_TRUE(call.knows("aws:PrincipalOrgID"));

  Record saml = base("198.51.100.7");
  saml.identity.type = "SAMLUser";
  EXPECT_FALSE(mapRecord(saml, "sts:AssumeRoleWithSAML", call, why));
  EXPECT_EQ(why, "identity type `SAMLUser` is not a principal SCPs or RCPs govern");
}

}  // namespace
}  // namespace rootpol::replay
