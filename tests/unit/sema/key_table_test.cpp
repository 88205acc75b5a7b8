// The condition-key table: the embedded stdlib/keys.json parses and holds the spec's keys.
#include "sema/key_table.h"

#include <gtest/gtest.h>

#include "stdlib_files.h"

namespace rootpol::sema {
namespace {

KeyTable embedded() {
  auto text = stdlib::embeddedFile("keys.json");
  EXPECT_TRUE(text.has_value());
  std::string error;
  auto table = KeyTable::fromJson(text.value_or(""), error);
  EXPECT_TRUE(table.has_value()) << error;
  return table.value_or(KeyTable{});
}

TEST(KeyTable, EmbeddedTableHasTheSpecKeys) {
  KeyTable keys = embedded();
  using S = ast::Scalar;
  struct Row {
    const char* name;
    const char* aws;
    ast::Type type;
    bool network;
  };
  // Spec section 4, the table of friendly names.
  const Row rows[] = {
      {"source_ip", "aws:SourceIp", {S::Cidr, false}, true},
      {"vpc_source_ip", "aws:VpcSourceIp", {S::Cidr, false}, true},
      {"source_vpc", "aws:SourceVpc", {S::String, false}, true},
      {"source_vpce", "aws:SourceVpce", {S::String, false}, true},
      {"region", "aws:RequestedRegion", {S::Region, false}, false},
      {"mfa", "aws:MultiFactorAuthPresent", {S::Bool, false}, false},
      {"mfa_age", "aws:MultiFactorAuthAge", {S::Int, false}, false},
      {"principal", "aws:PrincipalArn", {S::Arn, false}, false},
      {"principal_account", "aws:PrincipalAccount", {S::Account, false}, false},
      {"org_id", "aws:PrincipalOrgID", {S::String, false}, false},
      {"org_path", "aws:PrincipalOrgPaths", {S::String, true}, false},
      {"via_aws_service", "aws:ViaAWSService", {S::Bool, false}, false},
      {"called_via", "aws:CalledVia", {S::String, true}, false},
      {"secure_transport", "aws:SecureTransport", {S::Bool, false}, false},
      {"principal_tag", "aws:PrincipalTag/", {S::String, false}, false},
      {"request_tag", "aws:RequestTag/", {S::String, false}, false},
      {"resource_tag", "aws:ResourceTag/", {S::String, false}, false},
      {"tag_keys", "aws:TagKeys", {S::String, true}, false},
      {"current_time", "aws:CurrentTime", {S::Date, false}, false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const KeyEntry* e = keys.friendly(row.name);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->awsKey, row.aws);
    EXPECT_EQ(e->type, row.type);
    EXPECT_EQ(e->network, row.network);
    bool parameterised = std::string(row.aws).back() == '/';
    EXPECT_EQ(e->parameter.empty(), !parameterised);
  }
  EXPECT_EQ(keys.friendly("nope"), nullptr);
  EXPECT_EQ(keys.friendly("SOURCE_IP"), nullptr);  // friendly names are case-sensitive
}

TEST(KeyTable, AlwaysPresentKeys) {
  KeyTable keys = embedded();
  for (const char* name : {"region", "principal", "principal_account", "via_aws_service", "secure_transport", "current_time"}) {
    EXPECT_TRUE(keys.friendly(name)->alwaysPresent) << name;
  }
  for (const char* name : {"source_ip", "mfa", "mfa_age", "org_id", "org_path", "called_via", "tag_keys"}) {
    EXPECT_FALSE(keys.friendly(name)->alwaysPresent) << name;
  }
}

TEST(KeyTable, EveryFriendlyKeyIsAGlobalKeyOfTheSameType) {
  KeyTable keys = embedded();
  for (const std::string& name : keys.friendlyNames()) {
    SCOPED_TRACE(name);
    const KeyEntry* f = keys.friendly(name);
    ASSERT_NE(f, nullptr);
    std::string probe = f->awsKey + (f->parameter.empty() ? "" : "team");
    auto g = keys.global(probe);
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(g->type, f->type);
    EXPECT_EQ(g->alwaysPresent, f->alwaysPresent);
  }
}

TEST(KeyTable, GlobalLookup) {
  KeyTable keys = embedded();
  auto ip = keys.global("aws:sourceip");  // case-insensitive, the table's spelling comes back
  ASSERT_TRUE(ip.has_value());
  EXPECT_EQ(ip->awsKey, "aws:SourceIp");
  EXPECT_EQ(ip->type.scalar, ast::Scalar::Cidr);

  auto tag = keys.global("AWS:principaltag/Team");  // the prefix takes the table's spelling, the tag the user's
  ASSERT_TRUE(tag.has_value());
  EXPECT_EQ(tag->awsKey, "aws:PrincipalTag/Team");
  EXPECT_TRUE(tag->parameter.empty());

  EXPECT_FALSE(keys.global("aws:PrincipalTag/").has_value());  // no tag key
  EXPECT_FALSE(keys.global("aws:SourceIp6").has_value());
  EXPECT_FALSE(keys.global("ec2:InstanceType").has_value());
  auto epoch = keys.global("aws:EpochTime");
  ASSERT_TRUE(epoch.has_value());
  EXPECT_TRUE(epoch->alwaysPresent);

  auto names = keys.globalNames();
  EXPECT_NE(std::find(names.begin(), names.end(), "aws:CalledVia"), names.end());
}

TEST(KeyTable, MalformedTables) {
  struct Row {
    const char* json;
    const char* error;
  };
  const Row rows[] = {
      {"{", "malformed key table"},
      {R"({"global": []})", "malformed key table"},
      {R"({"friendly": [{"name": "x", "aws": "aws:X", "type": "ip"}], "global": []})", "key `aws:X` has an unknown type"},
      {R"({"friendly": [], "global": [{"aws": "aws:X", "type": "[[string]]"}]})", "key `aws:X` has an unknown type"},
      {R"({"friendly": [{"name": "x", "type": "string"}], "global": []})", "malformed key table"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.json);
    std::string error;
    EXPECT_FALSE(KeyTable::fromJson(row.json, error).has_value());
    EXPECT_NE(error.find(row.error), std::string::npos) << error;
  }
  std::string error;
  auto minimal = KeyTable::fromJson(R"({"friendly": [{"name": "k", "aws": "aws:K", "type": "[string]"}], "global": []})", error);
  ASSERT_TRUE(minimal.has_value()) << error;
  EXPECT_TRUE(minimal->friendly("k")->type.list);
}

}  // namespace
}  // namespace rootpol::sema
