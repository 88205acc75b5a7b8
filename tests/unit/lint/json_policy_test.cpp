// readPolicyFile on JSON: a correct SCP fills every field with exact spans and reports nothing;
// every structural code points at the exact key or value; kinds, Sids, actions against the
// catalog, placeholders, duplicate keys, Terraform templates and file types.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "policy_test_util.h"

namespace rootpol::lint {
namespace {

using testing::read;
using testing::readJson;
using testing::scp;
using V = std::vector<std::string>;

constexpr std::string_view kScp = R"({
  "Version": "2012-10-17",
  "Id": "root-guard",
  "Statement": [
    {
      "Sid": "DenyRootOutsideVpn",
      "Effect": "Deny",
      "NotAction": ["iam:CreateVirtualMFADevice", "S3:get*"],
      "Resource": "*",
      "Condition": {
        "StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"},
        "NotIpAddress": {"AWS:SourceIp": ["203.0.113.0/24", "198.51.100.0/25"]},
        "Bool": {"aws:ViaAWSService": false},
        "NumericGreaterThan": {"aws:MultiFactorAuthAge": 3600}
      }
    },
    {"Effect": "Allow", "Action": "*", "Resource": ["*"]}
  ]
}
)";

TEST(JsonPolicy, CorrectScpFillsEveryFieldAndReportsNothing) {
  auto r = readJson(std::string(kScp));
  EXPECT_EQ(r->codes(), V{});
  ASSERT_TRUE(r->doc);
  const LintDocument& doc = *r->doc;
  EXPECT_EQ(doc.origin, LintDocument::Origin::Json);
  EXPECT_EQ(doc.kind, LintDocument::Kind::Scp);
  EXPECT_EQ(doc.name, "p.json");
  EXPECT_EQ(doc.file, r->file);
  EXPECT_EQ(doc.span, (Span{r->file, 0, static_cast<std::uint32_t>(kScp.size() - 1)}));
  EXPECT_EQ(doc.bytesAsWritten, kScp.size());
  EXPECT_EQ(doc.bytesMinified, nlohmann::json::parse(kScp).dump().size());
  ASSERT_EQ(doc.statements().size(), 2u);
  const policy::Statement& st = doc.statements()[0];
  EXPECT_EQ(r->at(st.origin), "5:5");
  ASSERT_FALSE(st.sid.empty());
  EXPECT_EQ(st.sid, "DenyRootOutsideVpn");
  EXPECT_EQ(r->text(st.sidSpan), "\"DenyRootOutsideVpn\"");
  EXPECT_EQ(r->at(st.sidSpan), "6:14");
  EXPECT_TRUE(st.deny);
  EXPECT_EQ(r->at(st.effectSpan), "7:17");
  EXPECT_TRUE(st.deny);
  EXPECT_TRUE(st.notAction);
  ASSERT_EQ(st.actions.size(), 2u);
  EXPECT_EQ(st.actions[1], "S3:get*");
  EXPECT_EQ(r->at(st.actionSpans[1]), "8:51");
  EXPECT_FALSE(st.notResource);
  ASSERT_EQ(st.resources.size(), 1u);
  EXPECT_EQ(st.resources[0], "*");
  EXPECT_EQ(r->at(st.resourceSpans[0]), "9:19");
  EXPECT_FALSE(st.principal);
  ASSERT_EQ(st.conditions.size(), 4u);
  const policy::ConditionEntry& ip = st.conditions[1];
  EXPECT_EQ(ip.op, "NotIpAddress");
  EXPECT_EQ(r->at(ip.opSpan), "12:9");
  EXPECT_EQ(ip.key, "AWS:SourceIp");
  EXPECT_EQ(r->at(ip.keySpan), "12:26");
  ASSERT_EQ(ip.values.size(), 2u);
  EXPECT_EQ(ip.values[1], "198.51.100.0/25");
  EXPECT_EQ(r->at(ip.valueSpans[1]), "12:61");
  EXPECT_EQ(st.conditions[2].values[0], "false");
  EXPECT_EQ(st.conditions[3].values[0], "3600");
  EXPECT_EQ(r->text(st.conditions[3].valueSpans[0]), "3600");
  const policy::Statement& allow = doc.statements()[1];
  EXPECT_TRUE(allow.sid.empty());
  EXPECT_FALSE(allow.deny);
  EXPECT_EQ(r->at(allow.origin), "17:5");
}

TEST(JsonPolicy, InvalidJsonIsReportedAtItsPositionAndNothingIsRead) {
  auto r = readJson("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [,]\n}");
  EXPECT_EQ(r->codes(), V{"RP4001 3:17"});
  EXPECT_EQ(r->first(DiagCode::RP4001).message,
            "unexpected `,` while parsing an array; expected a value");
  EXPECT_FALSE(r->doc);
  auto templated = readJson("{\"Version\": \"2012-10-17\", \"Statement\": ${statements}}");
  EXPECT_EQ(templated->codes(), V{"RP4001 1:40"});
  EXPECT_EQ(templated->first(DiagCode::RP4001).help,
            "a template sequence: lint the rendered policy, or name the file `.json.tftpl`");
  auto comment = readJson("[1, // x\n]");
  EXPECT_EQ(comment->first(DiagCode::RP4001).help, "JSON has no comments: remove the comment");
}

TEST(JsonPolicy, SecondDocumentIsReportedAndTheFirstIsRead) {
  std::string one = scp(R"("Effect": "Deny", "Action": "s3:GetObject")");
  auto r = readJson(one + one);
  EXPECT_EQ(r->codes(), V{"RP4002 7:1"});
  const Diagnostic& d = r->first(DiagCode::RP4002);
  ASSERT_EQ(d.labels.size(), 1u);
  EXPECT_EQ(r->at(d.labels[0].span), "6:1");
  ASSERT_TRUE(r->doc);
  EXPECT_EQ(r->doc->statements().size(), 1u);
  auto garbage = readJson(one + "  ]");
  EXPECT_EQ(garbage->codes(), V{"RP4001 7:3"});
  EXPECT_TRUE(garbage->doc);
}

TEST(JsonPolicy, VersionMissingOrWrong) {
  auto missing = readJson(R"({"Statement": [{"Effect": "Deny", "Action": "*"}]})");
  EXPECT_EQ(missing->codes(), V{"RP4003 1:1"});
  EXPECT_NE(missing->first(DiagCode::RP4003).help->find("2008-10-17"), std::string::npos);
  auto old =
      readJson(R"({"Version": "2008-10-17", "Statement": [{"Effect": "Deny", "Action": "*"}]})");
  EXPECT_EQ(old->codes(), V{"RP4003 1:13"});
  auto number = readJson(R"({"Version": 2012, "Statement": [{"Effect": "Deny", "Action": "*"}]})");
  EXPECT_EQ(number->codes(), V{"RP4003 1:13"});
}

TEST(JsonPolicy, UnknownTopLevelElementsGetDidYouMean) {
  auto r = readJson(R"({"Version": "2012-10-17", "Statements": [], "Id": 3})");
  EXPECT_EQ(r->codes(), (V{"RP4005 1:27", "RP4006 1:51", "RP4017 1:1"}));
  EXPECT_EQ(r->first(DiagCode::RP4005).message, "unknown policy element `Statements`");
  EXPECT_EQ(r->first(DiagCode::RP4005).help, "did you mean `Statement`?");
  ASSERT_TRUE(r->doc);
  EXPECT_TRUE(r->doc->statements().empty());
}

TEST(JsonPolicy, StatementShapes) {
  auto object =
      readJson(R"({"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*"}})");
  EXPECT_EQ(object->codes(), V{"RP4007 1:27"});
  EXPECT_EQ(object->doc->statements().size(), 1u);
  auto text = readJson(R"({"Version": "2012-10-17", "Statement": "Deny"})");
  EXPECT_EQ(text->codes(), V{"RP4006 1:40"});
  auto items =
      readJson(R"({"Version": "2012-10-17", "Statement": [1, {"Effect": "Deny", "Action": "*"}]})");
  EXPECT_EQ(items->codes(), V{"RP4006 1:41"});
  EXPECT_EQ(items->doc->statements().size(), 1u);
  auto empty = readJson(R"({"Version": "2012-10-17", "Statement": []})");
  EXPECT_EQ(empty->codes(), V{"RP4017 1:40"});
  auto array = readJson("[]");
  EXPECT_EQ(array->codes(), V{"RP4006 1:1"});
  EXPECT_FALSE(array->doc);
}

TEST(JsonPolicy, StatementElements) {
  auto r = readJson(scp(R"("Effect": "Deny", "Actions": ["s3:GetObject"], "Resources": "*")"));
  EXPECT_EQ(r->codes(), (V{"RP4005 4:22", "RP4005 4:51", "RP4017 4:3"}));
  EXPECT_EQ(r->first(DiagCode::RP4005).help, "did you mean `Action`?");
  EXPECT_EQ(r->doc->statements().size(), 0u);  // no Action: left out
  auto noEffect = readJson(scp(R"("Action": "*")"));
  EXPECT_EQ(noEffect->codes(), V{"RP4017 4:3"});
  EXPECT_EQ(noEffect->first(DiagCode::RP4017).message, "the statement has no `Effect`");
  EXPECT_TRUE(noEffect->doc->statements().empty());
}

TEST(JsonPolicy, EffectMustBeAllowOrDenyExactly) {
  auto r = readJson(scp(R"("Effect": "deny", "Action": "*")"));
  EXPECT_EQ(r->codes(), V{"RP4011 4:14"});
  EXPECT_EQ(r->first(DiagCode::RP4011).help, "write `Deny`: the effect is case-sensitive");
  ASSERT_EQ(r->doc->statements().size(), 1u);  // kept as written
  EXPECT_FALSE(r->doc->statements()[0].deny);
  EXPECT_EQ(r->text(r->doc->statements()[0].effectSpan), "\"deny\"");
  auto other = readJson(scp(R"("Effect": "Block", "Action": "*")"));
  EXPECT_EQ(other->first(DiagCode::RP4011).help, "the effect is `Allow` or `Deny`");
  auto number = readJson(scp(R"("Effect": 1, "Action": "*")"));
  EXPECT_EQ(number->codes(), V{"RP4006 4:14"});
  EXPECT_TRUE(number->doc->statements().empty());  // no effect to lint it by
}

TEST(JsonPolicy, ActionAndNotActionOrResourceAndNotResourceTogether) {
  auto r = readJson(scp(R"("Effect": "Deny", "Action": "*", "NotAction": "iam:*", )"
                        R"("Resource": "*", "NotResource": "*")"));
  EXPECT_EQ(r->codes(), (V{"RP4006 4:37", "RP4006 4:76"}));
  const Diagnostic& d = r->first(DiagCode::RP4006);
  EXPECT_EQ(d.message, "a statement has `Action` or `NotAction`, not both");
  ASSERT_EQ(d.labels.size(), 1u);
  EXPECT_EQ(r->at(d.labels[0].span), "4:22");
  EXPECT_FALSE(r->doc->statements()[0].notAction);
}

TEST(JsonPolicy, ListElementTypes) {
  auto r = readJson(scp(R"("Effect": "Deny", "Action": 3, "Resource": [])"));
  EXPECT_EQ(r->codes(), (V{"RP4006 4:32", "RP4006 4:47"}));
  auto item = readJson(scp(R"("Effect": "Deny", "Action": ["s3:GetObject", {"a": 1}])"));
  EXPECT_EQ(item->codes(), V{"RP4006 4:49"});
  EXPECT_EQ(item->doc->statements()[0].actions.size(), 1u);
}

TEST(JsonPolicy, SidsAreLettersAndDigitsAndUnique) {
  auto r = readJson(R"({"Version": "2012-10-17", "Statement": [
 {"Sid": "Deny-Root", "Effect": "Deny", "Action": "*"},
 {"Sid": "A1", "Effect": "Deny", "Action": "*"},
 {"Sid": "A1", "Effect": "Deny", "Action": "*"},
 {"Sid": 7, "Effect": "Deny", "Action": "*"}]})");
  EXPECT_EQ(r->codes(), (V{"RP1013 2:10", "RP4006 5:10", "RP4010 4:10"}));
  EXPECT_EQ(r->first(DiagCode::RP1013).help, "write `DenyRoot`");
  const Diagnostic& dup = r->first(DiagCode::RP4010);
  ASSERT_EQ(dup.labels.size(), 1u);
  EXPECT_EQ(r->at(dup.labels[0].span), "3:10");
}

TEST(JsonPolicy, ActionsAreCheckedAgainstTheCatalog) {
  auto r = readJson(
      scp(R"("Effect": "Deny", "Action": ["s3:GetObjekt", "s4:GetObject", "s3:Get*Nothing", )"
          R"("s3GetObject", "S3:getobject", "*:Get*", "*"])"));
  EXPECT_EQ(r->codes(), (V{"RP1021 4:33", "RP1020 4:49", "RP1022 4:65", "RP1014 4:83"}));
  EXPECT_EQ(r->first(DiagCode::RP1021).help, "did you mean `s3:GetObject`?");
  EXPECT_EQ(r->first(DiagCode::RP1020).message, "unknown service prefix `s4`");
  EXPECT_EQ(r->first(DiagCode::RP1020).help, "did you mean `s3:GetObject`?");
  EXPECT_EQ(r->doc->statements()[0].actions.size(), 7u);
}

TEST(JsonPolicy, PrincipalInSomeStatementsOfAnScp) {
  auto r = readJson(R"({"Version": "2012-10-17", "Statement": [
 {"Effect": "Deny", "Action": "*", "Principal": "*"},
 {"Effect": "Deny", "Action": "s3:*"}]})");
  EXPECT_EQ(r->codes(), V{"RP4004 2:36"});
  EXPECT_EQ(r->doc->kind, LintDocument::Kind::Scp);
  ASSERT_TRUE(r->doc->statements()[0].principal);
  EXPECT_EQ(r->at(r->doc->statements()[0].principal->span), "2:36");
}

TEST(JsonPolicy, DocumentsThatAreNotScps) {
  auto rcp = readJson(R"({"Version": "2012-10-17", "Statement": [
 {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"},
 {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:*", "Resource": "*"}]})");
  EXPECT_EQ(rcp->codes(), V{"RP4015 1:27"});
  EXPECT_EQ(rcp->doc->kind, LintDocument::Kind::Rcp);
  EXPECT_EQ(rcp->first(DiagCode::RP4015).message, "a resource control policy (RCP), not an SCP");
  auto bucket = readJson(R"({"Version": "2012-10-17", "Statement": [
 {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, )"
                         R"("Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]})");
  EXPECT_EQ(bucket->codes(), V{"RP4015 1:27"});
  EXPECT_EQ(bucket->doc->kind, LintDocument::Kind::Other);
  auto identity = readJson(R"({"Version": "2012-10-17", "Statement": [
 {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
 {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]})");
  EXPECT_EQ(identity->codes(), V{"RP4015 1:27"});
  EXPECT_EQ(identity->doc->kind, LintDocument::Kind::Other);
  auto allowList = readJson(R"({"Version": "2012-10-17", "Statement": [
 {"Effect": "Allow", "Action": ["ec2:*", "s3:*"], "Resource": "*"}]})");
  EXPECT_EQ(allowList->codes(), V{});
  EXPECT_EQ(allowList->doc->kind, LintDocument::Kind::Scp);
  auto declarative = readJson(
      R"({"ec2_attributes": {"image_block_public_access": {"state": {"@@assign": "on"}}}})");
  EXPECT_EQ(declarative->codes(), V{"RP4015 1:2"});
  EXPECT_EQ(declarative->doc->kind, LintDocument::Kind::Other);
}

TEST(JsonPolicy, DuplicateKeysPointAtBothAndTheLastCounts) {
  auto r = readJson(scp(R"("Effect": "Allow", "Action": "*", "Effect": "Deny")"));
  EXPECT_EQ(r->codes(), V{"RP4014 4:38"});
  const Diagnostic& d = r->first(DiagCode::RP4014);
  EXPECT_EQ(d.message, "duplicate key `Effect`");
  EXPECT_EQ(r->at(d.labels.at(0).span), "4:4");
  EXPECT_TRUE(r->doc->statements()[0].deny);
}

// Each object is reported before the objects inside it, and those in the order written,
// however deep they sit (the scan visits arrays and objects only).
TEST(JsonPolicy, DuplicateKeysAreReportedObjectByObjectInTextOrder) {
  auto r = readJson(R"({"Version": "2012-10-17", "Statement": [
 {"Effect": "Deny", "Action": "*", "Condition": {"StringEquals": {"aws:a": "x", "aws:a": "y"}}, "Effect": "Deny"},
 {"Effect": "Deny", "Action": "*", "Action": "s3:*"}], "Version": "2012-10-17"})");
  std::vector<std::string> found;
  for (const Diagnostic& d : r->sink.diagnostics()) {
    if (d.code == DiagCode::RP4014) found.push_back(d.message + " " + r->at(d.span.value()));
  }
  EXPECT_EQ(found, (V{"duplicate key `Version` 3:56", "duplicate key `Effect` 2:97",
                      "duplicate key `aws:a` 2:81", "duplicate key `Action` 3:36"}));
}

TEST(JsonPolicy, PlaceholdersInStringsAreReportedAtTheSubstring) {
  auto r = readJson(scp(R"("Sid": "{{sid}}", "Effect": "Deny", "Action": "*",
 "Resource": ["arn:aws:iam::<ACCOUNT_ID>:role/[PRIVILEGED_ROLE]", "arn:${PARTITION}:s3:::%{x}",
   "arn:aws:s3:::${aws:username}/${aws:PrincipalTag/team, 'none'}/${*}"])"));
  EXPECT_EQ(r->codes(),
            (V{"RP4013 4:12", "RP4013 5:29", "RP4013 5:47", "RP4013 5:72", "RP4013 5:90"}));
  EXPECT_EQ(r->first(DiagCode::RP4013).message,
            "template placeholder `{{sid}}` left in the policy");
  EXPECT_EQ(r->text(r->sink.diagnostics()[1].span.value()), "<ACCOUNT_ID>");
  // A placeholder is no action: the catalog is not asked about it.
  auto action = readJson(scp(R"("Effect": "Deny", "Action": "${service}:Get*")"));
  EXPECT_EQ(action->codes(), V{"RP4013 4:33"});
}

// The scan passes over eight bytes at a time: a placeholder is found wherever it sits in a
// string, at the start, across a block's edge, or in the last bytes read twice.
TEST(JsonPolicy, PlaceholdersAreFoundAtEveryOffsetOfALongString) {
  for (std::string_view placeholder : {"${X}", "%{x}", "{{x}}", "[X]", "<X>"}) {
    for (std::size_t at = 0; at <= 20; ++at) {
      std::string value = std::string(at, 'a') + std::string(placeholder) + std::string(20 - at, 'b');
      auto r = readJson(scp(R"("Effect": "Deny", "Action": "*", "Resource": ")" + value + "\""));
      ASSERT_EQ(r->sink.diagnostics().size(), 1u) << value;
      const Diagnostic& d = r->first(DiagCode::RP4013);
      EXPECT_EQ(r->text(d.span.value()), placeholder) << value;
    }
  }
  // Near misses of those characters (`#`, `&`, `;`, `=`, `Z`, `]`, `}`) are plain text.
  auto r = readJson(scp(R"("Effect": "Deny", "Action": "*", "Resource": "#&;=Z]}aaaaaaaaaaa#&;=Z]}")"));
  EXPECT_TRUE(r->sink.diagnostics().empty());
}

TEST(JsonPolicy, TerraformTemplatesParseAroundTemplateSequences) {
  auto r = read("p.json.tftpl", R"({"Version": "2012-10-17", "Statement": [%{ for s in x }
 {"Effect": "Deny", "Action": ${jsonencode(actions)},
  "Resource": ["arn:aws:iam::*:role/${role}", "$${aws:username}", )"
                                R"("${aws:username}"]}%{ endfor }]})");
  EXPECT_EQ(r->codes(), (V{"RP4013 1:41", "RP4013 2:31", "RP4013 3:86", "RP4013 3:37"}));
  ASSERT_TRUE(r->doc);
  ASSERT_EQ(r->doc->statements().size(), 1u);
  EXPECT_EQ(r->doc->statements()[0].actions[0], "${jsonencode(actions)}");
}

TEST(JsonPolicy, OtherFilesAreNotRead) {
  auto r = read("notes.txt", "{}");
  EXPECT_EQ(r->codes(), V{"RP4016 1:1"});
  EXPECT_FALSE(r->doc);
  EXPECT_EQ(read("P.JSON", "{}")->codes(), (V{"RP4003 1:1", "RP4017 1:1"}));
}

TEST(JsonPolicy, NeverCrashesOnAnyPrefixOfAPolicy) {
  for (std::size_t n = 0; n <= kScp.size(); ++n) {
    auto r = readJson(std::string(kScp.substr(0, n)));
    EXPECT_TRUE(r->doc || r->sink.hasErrors()) << n;
  }
}

}  // namespace
}  // namespace rootpol::lint
