// stdlib/policy_facts.json against the catalog: every action it names exists, every key is a
// condition key the catalog knows, and the helpers read it as the checks expect.
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "policy/catalog_facts.h"
#include "policy/facts.h"

namespace rootpol::policy {
namespace {

const catalog::Catalog& cat() { return catalog::Catalog::builtin(); }

void expectActions(const std::vector<std::string>& actions) {
  for (const std::string& a : actions) EXPECT_TRUE(cat().findAction(a).has_value()) << a;
}

void expectKeys(const std::vector<std::string>& keys) {
  for (const std::string& k : keys) {
    std::string concrete = k;
    if (auto at = concrete.find("${"); at != std::string::npos) concrete = concrete.substr(0, at) + "team";
    EXPECT_TRUE(cat().conditionKey(concrete).has_value()) << k;
  }
}

TEST(PolicyFacts, ActionsExistInTheCatalog) {
  const PolicyFacts& f = policyFacts();
  ASSERT_FALSE(f.sensitive.empty());
  for (const SensitiveCategory& c : f.sensitive) expectActions(c.actions);
  expectActions(f.actionsNeedingResources);
  expectActions(f.federatedActions);
}

TEST(PolicyFacts, KeysExistInTheCatalog) {
  const PolicyFacts& f = policyFacts();
  expectKeys(f.actionScopedGlobalKeys);
  expectKeys(f.principalNarrowingKeys);
  for (const ValueFormat& v : f.valueFormats) expectKeys({v.key});
}

TEST(PolicyFacts, Lookups) {
  EXPECT_TRUE(keyIn(policyFacts().actionScopedGlobalKeys, "aws:ResourceTag/team"));
  EXPECT_FALSE(keyIn(policyFacts().actionScopedGlobalKeys, "aws:SourceIp"));
  EXPECT_TRUE(actionIn(policyFacts().actionsNeedingResources, "IAM:passrole"));
  ASSERT_NE(valueFormatOf("aws:sourcevpce"), nullptr);
  EXPECT_EQ(valueFormatOf("aws:sourcevpce")->glob, "vpce-*");
  EXPECT_EQ(valueFormatOf("aws:SourceIp"), nullptr);
}

TEST(PolicyFacts, TagKeysOnlyWhereTheActionsCarryThem) {
  EXPECT_FALSE(someActionCarriesKey(cat(), {"sts:GetCallerIdentity"}, "aws:ResourceTag/team"));
  EXPECT_TRUE(someActionCarriesKey(cat(), {"ec2:TerminateInstances"}, "aws:ResourceTag/team"));
  EXPECT_TRUE(someActionCarriesKey(cat(), {"sts:GetCallerIdentity"}, "aws:SourceIp"));
}

TEST(PolicyFacts, KeyCarriers) {
  using V = std::vector<std::string>;
  const std::string sse = "s3:x-amz-server-side-encryption";
  EXPECT_EQ(keyCarriers(cat(), V{"s3:ListBucket"}, false, sse), KeyCarriers::None);
  EXPECT_EQ(keyCarriers(cat(), V{"s3:PutObject"}, false, sse), KeyCarriers::All);
  EXPECT_EQ(keyCarriers(cat(), V{"s3:PutObject", "s3:ListBucket"}, false, sse), KeyCarriers::Some);
  EXPECT_EQ(keyCarriers(cat(), V{"*"}, false, sse), KeyCarriers::Some);
  EXPECT_EQ(keyCarriers(cat(), V{"s3:*"}, false, sse), KeyCarriers::Some);
  EXPECT_EQ(keyCarriers(cat(), V{"s?:PutObject"}, false, sse), KeyCarriers::Some);  // any service
  EXPECT_EQ(keyCarriers(cat(), V{"s3:PutObjec?"}, false, sse), KeyCarriers::All);   // s3:PutObject only
  EXPECT_EQ(keyCarriers(cat(), V{"s3:List*"}, false, sse), KeyCarriers::None);
  // NotAction covers every other service; excluding every action that carries the key leaves none.
  EXPECT_EQ(keyCarriers(cat(), V{"iam:*"}, true, sse), KeyCarriers::Some);
  EXPECT_EQ(keyCarriers(cat(), V{"s3:*"}, true, sse), KeyCarriers::None);
  // Global keys every request may carry, unknown keys and unknown actions cannot be told.
  EXPECT_EQ(keyCarriers(cat(), V{"s3:ListBucket"}, false, "aws:SourceIp"), KeyCarriers::Unknown);
  EXPECT_EQ(keyCarriers(cat(), V{"s3:ListBucket"}, false, "s3:NoSuchKey"), KeyCarriers::Unknown);
  EXPECT_EQ(keyCarriers(cat(), V{"s3:NoSuchAction"}, false, sse), KeyCarriers::Unknown);
  EXPECT_EQ(keyCarriers(cat(), V{"*"}, false, "aws:ResourceTag/team"), KeyCarriers::Some);
}

// Lint looks a key up once per document (keyFacts) and asks keyCarriers with it for every
// statement: the same answers as asking with the key alone.
TEST(PolicyFacts, KeyFactsAnswerAsTheKeyDoes) {
  using V = std::vector<std::string>;
  const KeyFacts tag = keyFacts(cat(), "aws:ResourceTag/team");
  ASSERT_TRUE(tag.entry.has_value());
  EXPECT_TRUE(tag.entry->global);
  EXPECT_TRUE(tag.actionScoped);
  EXPECT_FALSE(keyFacts(cat(), "aws:SourceIp").actionScoped);
  EXPECT_FALSE(keyFacts(cat(), "s3:NoSuchKey").entry.has_value());
  for (const V& actions : {V{"sts:GetCallerIdentity"}, V{"ec2:TerminateInstances", "EC2:startinstances"},
                           V{"ec2:TerminateInstances", "sts:GetCallerIdentity"}, V{"ec2:Start*"}, V{"s3:NoSuchAction"},
                           V{"*"}}) {
    for (std::string_view key : {"aws:ResourceTag/team", "aws:SourceIp", "s3:x-amz-server-side-encryption"}) {
      for (bool notAction : {false, true}) {
        EXPECT_EQ(keyCarriers(cat(), actions, notAction, key, keyFacts(cat(), key)),
                  keyCarriers(cat(), actions, notAction, key))
            << actions.front() << " " << key << " " << notAction;
      }
    }
  }
  EXPECT_EQ(keyCarriers(cat(), V{"ec2:TerminateInstances", "sts:GetCallerIdentity"}, false, "aws:ResourceTag/team",
                        tag),
            KeyCarriers::Some);
  EXPECT_EQ(keyCarriers(cat(), V{"EC2:terminateinstances"}, false, "aws:ResourceTag/team", tag), KeyCarriers::All);
}

// Lint keeps each action's answer per key for a document (KeyCarriersMemo): asked in any order
// and again, it answers as keyCarriers does, an unknown action after `*` included.
TEST(PolicyFacts, KeyCarriersMemoAnswersAsKeyCarriers) {
  using V = std::vector<std::string>;
  const std::string sse = "s3:x-amz-server-side-encryption";
  const std::vector<V> lists = {V{"*", "s3:NoSuchAction"},      V{"s3:*", "s3:NoSuchAction"},
                                V{"s3:NoSuchAction", "*"},      V{"s3:PutObject", "s3:ListBucket", "s3:Nope"},
                                V{"s3:ListBucket", "s3:Get*"},  V{"s3:PutObject", "S3:putobject"},
                                V{"ec2:Start*", "sts:GetCallerIdentity"}, V{"iam:*"}, V{"s3:ListBucket"}};
  KeyCarriersMemo memo(cat());
  for (int round = 0; round < 2; ++round) {
    for (const V& actions : lists) {
      for (std::string_view key : {std::string_view(sse), std::string_view("aws:ResourceTag/team"),
                                   std::string_view("aws:SourceIp"), std::string_view("s3:NoSuchKey")}) {
        for (bool notAction : {false, true}) {
          KeyCarriersMemo::Key& entry = memo.key(key);
          EXPECT_EQ(memo.carriers(entry, key, actions, notAction), keyCarriers(cat(), actions, notAction, key))
              << actions.front() << " " << key << " " << notAction << " round " << round;
        }
      }
    }
  }
  KeyCarriersMemo::Key& entry = memo.key(sse);
  EXPECT_EQ(memo.carriers(entry, sse, V{"*", "s3:NoSuchAction"}, false), KeyCarriers::Unknown);
  EXPECT_EQ(memo.carriers(entry, sse, V{"s3:*", "s3:NoSuchAction"}, false), KeyCarriers::Some);
  EXPECT_EQ(memo.carriers(entry, sse, V{"s3:PutObject", "S3:putobject"}, false), KeyCarriers::All);
  EXPECT_EQ(memo.carriers(entry, sse, V{"s3:ListBucket"}, false), KeyCarriers::None);
}

TEST(PolicyFacts, VariableKeys) {
  EXPECT_FALSE(checkVariableKeys(cat(), "home/${aws:username}/${aws:PrincipalTag/team, 'x'}"));
  EXPECT_FALSE(checkVariableKeys(cat(), "${s3:prefix}${token.actions.githubusercontent.com:sub}"));
  EXPECT_FALSE(checkVariableKeys(cat(), "${ACCELERATOR_PREFIX}"));  // a template placeholder
  ASSERT_TRUE(checkVariableKeys(cat(), "home/${aws:usrname}"));
  EXPECT_NE(checkVariableKeys(cat(), "home/${aws:usrname}")->message.find("aws:usrname"), std::string::npos);
  EXPECT_TRUE(isIssuerKey("accounts.google.com:aud"));
  EXPECT_FALSE(isIssuerKey("aws:SourceIp"));
}

// RP4027's question: whether an action's resource types may name a Resource value.
TEST(PolicyFacts, ActionsTakeResourcesOfTheirTypes) {
  ResourceFormats formats(cat());
  auto takes = [&](std::string_view action, std::string_view arn) {
    return formats.takes(formats.patternsOf(action), formats.target(arn));
  };
  EXPECT_TRUE(takes("s3:GetObject", "arn:aws:s3:::logs/*"));
  EXPECT_FALSE(takes("s3:GetObject", "arn:aws:s3:::logs"));  // the bucket, not its objects
  EXPECT_TRUE(takes("s3:ListBucket", "arn:aws:s3:::logs"));
  EXPECT_TRUE(takes("S3:getobject", "arn:aws:s3:::logs/${aws:username}"));  // any case; a variable is `*`
  EXPECT_TRUE(takes("s3:GetObject", "*"));
  EXPECT_TRUE(takes("iam:DeleteRole", "arn:aws:iam::111122223333:root"));  // untyped: the root user
  EXPECT_TRUE(takes("no-such:Action", "arn:aws:s3:::logs"));                // cannot be judged
  EXPECT_TRUE(takes("*", "arn:aws:s3:::logs"));
  // An action of no resource type: a pattern may be accepted, a plain ARN is not it.
  EXPECT_TRUE(takes("s3:ListAllMyBuckets", "arn:aws:s3:::*"));
  EXPECT_FALSE(takes("s3:ListAllMyBuckets", "arn:aws:s3:::logs"));
  // The formats are cached: asking again, in any case, gives the same place in the list.
  const ResourceFormats::Formats objects = formats.patternsOf("s3:GetObject");
  EXPECT_TRUE(objects.judged);
  EXPECT_GT(objects.size, 0u);
  EXPECT_EQ(formats.patternsOf("S3:GETOBJECT"), objects);
  EXPECT_NE(formats.patternsOf("s3:ListBucket").begin, objects.begin);
  EXPECT_FALSE(formats.patternsOf("no-such:Action").judged);
  // A wildcard before the colon (or in a text without one) stands for any service: not judged.
  // After the colon it names the service's matching actions, judged by their formats.
  EXPECT_FALSE(formats.patternsOf("s*:GetObject").judged);
  EXPECT_FALSE(formats.patternsOf("s3?:GetObject").judged);
  EXPECT_FALSE(formats.patternsOf("s3GetObject*").judged);
  EXPECT_TRUE(takes("s*:GetObject", "arn:aws:s3:::logs"));
  const ResourceFormats::Formats gets = formats.patternsOf("s3:GetObjectAc?");
  EXPECT_TRUE(gets.judged);
  EXPECT_FALSE(takes("s3:GetObjectAc?", "arn:aws:s3:::logs"));  // GetObjectAcl: objects only
  EXPECT_TRUE(takes("s3:GetObjectAc?", "arn:aws:s3:::logs/a"));
}

// Each service's fields from its own entry, also when services are asked in turns, and the
// same entry each time it is asked.
TEST(PolicyFacts, FieldsOfServicesAskedInTurns) {
  ResourceFormats formats(cat());
  for (int round = 0; round < 2; ++round) {
    const ResourceFormats::Fields& iam = formats.requiredFields("iam");
    EXPECT_FALSE(iam.someRegion);  // global
    EXPECT_TRUE(iam.someAccount);
    EXPECT_EQ(&formats.requiredFields("iam"), &iam);
    const ResourceFormats::Fields& lambda = formats.requiredFields("lambda");
    EXPECT_TRUE(lambda.region);
    EXPECT_TRUE(lambda.account);
    EXPECT_NE(&lambda, &iam);
  }
  EXPECT_TRUE(formats.requiredFields("no-such-service").resources.empty());
  EXPECT_FALSE(formats.requiredFields("no-such-service").someAccount);
}

TEST(PolicyFacts, UnknownResourceTypes) {
  ResourceFormats formats(cat());
  auto unknown = [&](std::string_view service, std::string_view resource) {
    return formats.unknownResourceType(service, formats.requiredFields(service), resource);
  };
  EXPECT_FALSE(unknown("iam", "role/Admin").has_value());
  EXPECT_FALSE(unknown("iam", "root").has_value());
  EXPECT_TRUE(unknown("iam", "role:*").has_value());  // no wildcard makes it a role
  EXPECT_TRUE(unknown("iam", "role:Admin").has_value());
  EXPECT_FALSE(unknown("s3", "anything").has_value());  // a bucket
  EXPECT_FALSE(unknown("s3", "logs/*").has_value());    // objects
  EXPECT_TRUE(unknown("lambda", "function/*").has_value());  // `function:NAME`
  EXPECT_FALSE(unknown("lambda", "function:*").has_value());
  // Another service's types do not count (sts:AssumeRole acts on IAM roles); the untyped ones do.
  EXPECT_TRUE(unknown("sts", "role/Admin").has_value());
  EXPECT_FALSE(unknown("sts", "assumed-role/Admin/session").has_value());
  EXPECT_FALSE(unknown("cloudformation", "transform/*").has_value());
  EXPECT_FALSE(unknown("no-such-service", "x").has_value());  // no formats
}

}  // namespace
}  // namespace rootpol::policy
