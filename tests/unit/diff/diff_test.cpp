// The diff engine on hand-built chains: exactly the requests whose decision changes are
// reported, once per class of change, with a witness both sides decided; nothing for
// untouched actions or accounts; a program against itself gives no change.
#include "diff/diff.h"

#include <gtest/gtest.h>

#include <map>

#include "diff/report.h"
#include "diff/request_space.h"
#include "policy/read_document.h"

namespace rootpol::diff {
namespace {

policy::Document doc(std::string_view json) {
  std::string error;
  auto d = policy::readDocument(json, error);
  EXPECT_TRUE(d) << error;
  return d ? *d : policy::Document{};
}

// A side whose every account has one level: FullAWSAccess and `policies[account]` (a document
// per account id; "*" for every account).
struct Program {
  std::map<std::string, policy::Document> byAccount;
  Side side() const {
    Side s;
    s.scpChain = [this](const std::string& id) -> std::optional<std::vector<eval::Level>> {
      eval::Level level{"account " + id, {eval::NamedPolicy{"FullAWSAccess", nullptr}}};
      for (const auto& [who, d] : byAccount) {
        if (who == "*" || who == id) level.policies.push_back(eval::NamedPolicy{"p-" + who, &d});
      }
      return std::vector<eval::Level>{level};
    };
    s.rcpChain = [](std::string_view, const std::string&) { return std::vector<eval::Level>{}; };
    for (const auto& [who, d] : byAccount) s.documents.push_back(&d);
    return s;
  }
};

const std::vector<Account> kAccounts = {{"a", "111111111111"}, {"b", "222222222222"}};

constexpr std::string_view kTrailOld = R"({"Version":"2012-10-17","Statement":[
  {"Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail"],"Resource":"*",
   "Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/BreakGlass"}}}]})";
constexpr std::string_view kTrailNew = R"({"Version":"2012-10-17","Statement":[
  {"Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail"],"Resource":"*",
   "Condition":{"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/BreakGlass","arn:aws:iam::*:role/Ops"]}}}]})";

TEST(Diff, SameProgramHasNoChanges) {
  Program p{{{"*", doc(kTrailOld)}}};
  Result r = compare(p.side(), p.side(), kAccounts, catalog::Catalog::builtin(), {});
  EXPECT_TRUE(r.changes.empty());
  EXPECT_GE(r.requests, 30u);  // 2 accounts x 3 action classes x 5 callers at least
  EXPECT_TRUE(r.complete);
}

TEST(Diff, WidenedExemptionForOneRoleOnTwoActions) {
  Program before{{{"*", doc(kTrailOld)}}};
  Program after{{{"*", doc(kTrailNew)}}};
  Result r = compare(before.side(), after.side(), kAccounts, catalog::Catalog::builtin(), {});
  ASSERT_EQ(r.changes.size(), 4u);  // two actions in two accounts
  for (const Change& c : r.changes) {
    EXPECT_TRUE(c.widened);
    EXPECT_TRUE(c.request.action == "cloudtrail:StopLogging" || c.request.action == "cloudtrail:DeleteTrail")
        << c.request.action;
    EXPECT_EQ(c.request.principalArn, "arn:aws:iam::" + c.account.id + ":role/Ops");
    EXPECT_EQ(c.before.decision, eval::Decision::ExplicitDeny);
    EXPECT_EQ(c.after.decision, eval::Decision::Allow);
    ASSERT_EQ(c.before.statements.size(), 1u);
  }
  // Text groups them: one line for both actions in every account.
  const std::string text = renderText(r, kAccounts.size());
  EXPECT_NE(text.find("widened  cloudtrail:DeleteTrail, cloudtrail:StopLogging by arn:aws:iam::*:role/Ops in every account (2)"),
            std::string::npos)
      << text;
}

TEST(Diff, RegionWidenedAndNarrowedInOneAccountOnly) {
  constexpr std::string_view regionOld = R"({"Version":"2012-10-17","Statement":[
    {"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*",
     "Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]}}}]})";
  constexpr std::string_view regionNew = R"({"Version":"2012-10-17","Statement":[
    {"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*",
     "Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}}]})";
  constexpr std::string_view leave = R"({"Version":"2012-10-17","Statement":[
    {"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]})";
  Program before{{{"*", doc(regionOld)}}};
  Program after{{{"*", doc(regionNew)}, {"222222222222", doc(leave)}}};
  Result r = compare(before.side(), after.side(), kAccounts, catalog::Catalog::builtin(), {});
  std::size_t widened = 0, narrowed = 0;
  for (const Change& c : r.changes) {
    if (c.widened) {
      ++widened;
      ASSERT_EQ(c.varied.size(), 1u);
      EXPECT_EQ(c.varied[0].second, "eu-central-1");
      EXPECT_FALSE(c.request.action.starts_with("iam:")) << c.request.action;
    } else {
      ++narrowed;
      EXPECT_EQ(c.account.id, "222222222222");
      EXPECT_EQ(c.request.action, "organizations:LeaveOrganization");
    }
  }
  // The region change: one class of actions (everything but iam:* and sts:*) in each account,
  // for each principal kind tried; the leave deny: one account, for each principal kind.
  EXPECT_GT(widened, 0u);
  EXPECT_GT(narrowed, 0u);
  const std::string json = renderJson(r);
  EXPECT_NE(json.find("\"change\": \"narrowed\""), std::string::npos);
  const std::string md = renderMarkdown(r, kAccounts.size());
  EXPECT_EQ(md.rfind("### rootpol diff: ", 0), 0u);
}

TEST(RequestSpace, KeyValuesSplitEveryLiteralsClasses) {
  policy::Document d = doc(R"({"Version":"2012-10-17","Statement":[
    {"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{
      "NotIpAddress":{"aws:SourceIp":["203.0.113.0/24"]},
      "NumericGreaterThan":{"aws:MultiFactorAuthAge":"3600"}}}]})");
  RequestSpace space = buildRequestSpace({&d}, catalog::Catalog::builtin());
  ASSERT_EQ(space.keys.size(), 2u);
  auto values = [&](std::string_view key) {
    std::vector<std::string> out;
    for (const KeyCandidates& k : space.keys) {
      if (k.key != key) continue;
      for (const auto& v : k.values) out.push_back(v.value_or("<absent>"));
    }
    return out;
  };
  const auto ip = values("aws:SourceIp");
  for (std::string_view want : {"<absent>", "203.0.113.0", "203.0.113.255", "203.0.112.255", "203.0.114.0", "192.0.2.1"}) {
    EXPECT_NE(std::find(ip.begin(), ip.end(), want), ip.end()) << want;
  }
  const auto age = values("aws:MultiFactorAuthAge");
  for (std::string_view want : {"<absent>", "3600", "3599", "3601"}) {
    EXPECT_NE(std::find(age.begin(), age.end(), want), age.end()) << want;
  }
  // s3:* and the fallback actions outside it: at least two classes.
  EXPECT_GE(space.actions.size(), 2u);
}

}  // namespace
}  // namespace rootpol::diff
