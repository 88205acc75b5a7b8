// shapeOfActionText: the one pass over an action's text that checkAction's questions are
// answered from (its first colon, blanks, wildcards in the whole text and in the prefix, and
// whether a placeholder may be in it), each against the question it replaced.
#include <gtest/gtest.h>

#include "base/text.h"
#include "lint/policy_reader.h"

namespace rootpol::lint::detail {
namespace {

TEST(ActionText, ShapeAnswersWhatTheChecksAsk) {
  for (std::string_view text :
       {"s3:GetObject", "s3:Get*", "s*:GetObject", "s?:Get", "s3 :Get", "s3:Get\tObject", "s3:",
        ":Get", "s3", "", "*", "ec2:*:x", "a:b:c*", "s3:${aws:username}", "iam:[ROLE]",
        "%{x}:y", "<SERVICE>:Get", "s3:Get\nObject", "s3:Get\rObject", "*:Get", "s3:Get?bject"}) {
    const ActionTextShape shape = shapeOfActionText(text);
    EXPECT_EQ(shape.colon, text.find(':')) << text;
    EXPECT_EQ(shape.blank, findAnyOf(text, " \t\r\n") != std::string_view::npos) << text;
    EXPECT_EQ(shape.wildcard, hasWildcard(text)) << text;
    if (shape.colon != std::string_view::npos) {
      EXPECT_EQ(shape.wildcardInPrefix, hasWildcard(text.substr(0, shape.colon))) << text;
    }
    EXPECT_EQ(shape.mayHoldPlaceholder, findAnyOf(text, "$%{[<") != std::string_view::npos) << text;
    if (hasPlaceholder(text)) {
      EXPECT_TRUE(shape.mayHoldPlaceholder) << text;
    }
  }
}

TEST(ActionText, WildcardsAfterTheFirstColonAreNotInThePrefix) {
  const ActionTextShape shape = shapeOfActionText("s3:Get*:x?");
  EXPECT_EQ(shape.colon, 2u);
  EXPECT_TRUE(shape.wildcard);
  EXPECT_FALSE(shape.wildcardInPrefix);
  EXPECT_FALSE(shape.blank);
  EXPECT_FALSE(shape.mayHoldPlaceholder);
  EXPECT_TRUE(shapeOfActionText("s*:Get:x").wildcardInPrefix);
}

}  // namespace
}  // namespace rootpol::lint::detail
