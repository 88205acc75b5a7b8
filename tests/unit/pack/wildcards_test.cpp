#include "pack/wildcards.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace rootpol::pack {
namespace {

std::vector<std::string> known(std::string_view service) {
  if (service != "svc") return {};
  return {"DeleteA", "DeleteB", "DeleteC", "DescribeX", "GetY", "GetZ"};
}

policy::Statement statement(bool deny, bool notAction, std::vector<std::string> actions) {
  policy::Statement s;
  s.deny = deny;
  s.notAction = notAction;
  s.actions = std::move(actions);
  s.resources = {"*"};
  return s;
}

TEST(PackWildcardsTest, EveryActionUnderAPrefixBecomesItsWildcard) {
  policy::Statement s = statement(true, false, {"svc:DeleteA", "svc:deleteb", "svc:DeleteC", "svc:GetY", "other:Thing"});
  compressActions(s, known);
  std::sort(s.actions.begin(), s.actions.end());
  // The longest shared prefix (`Delete`, not `Del`); GetY alone is not all of `Get…`.
  EXPECT_EQ(s.actions, (std::vector<std::string>{"other:Thing", "svc:Delete*", "svc:GetY"}));
}

TEST(PackWildcardsTest, OnlyDenyActionListsAreCompressed) {
  // An Allow would allow future actions; a NotAction list would deny fewer of them.
  for (auto [deny, notAction] : {std::pair{false, false}, std::pair{true, true}}) {
    policy::Statement s = statement(deny, notAction, {"svc:DeleteA", "svc:DeleteB", "svc:DeleteC"});
    compressActions(s, known);
    EXPECT_EQ(s.actions.size(), 3u);
  }
}

TEST(PackWildcardsTest, PartialGroupsAndUnknownServicesStay) {
  policy::Statement s = statement(true, false, {"svc:DeleteA", "svc:DeleteB", "nope:DeleteA", "nope:DeleteB"});
  compressActions(s, known);
  std::sort(s.actions.begin(), s.actions.end());
  EXPECT_EQ(s.actions, (std::vector<std::string>{"nope:DeleteA", "nope:DeleteB", "svc:DeleteA", "svc:DeleteB"}));
}

}  // namespace
}  // namespace rootpol::pack
