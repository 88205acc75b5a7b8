#include "policy/variables.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rootpol::policy {
namespace {

using Kind = PatternPiece::Kind;

// A piece as one string: `L:text`, `*`, `?`, `V:key` or `V:key='default'`.
std::vector<std::string> shapes(std::string_view text, bool wildcards, bool variables) {
  std::vector<std::string> out;
  for (const PatternPiece& p : patternPieces(text, wildcards, variables)) {
    switch (p.kind) {
      case Kind::Literal:
        out.push_back("L:" + std::string(p.text));
        break;
      case Kind::Star:
        out.push_back("*");
        break;
      case Kind::Question:
        out.push_back("?");
        break;
      case Kind::Variable:
        out.push_back("V:" + std::string(p.text) +
                      (p.fallback ? "='" + std::string(*p.fallback) + "'" : ""));
        break;
    }
  }
  return out;
}

using Shapes = std::vector<std::string>;

TEST(PolicyVariablesTest, Pieces) {
  EXPECT_EQ(shapes("home/${aws:username}/*", true, true),
            (Shapes{"L:home/", "V:aws:username", "L:/", "*"}));
  EXPECT_EQ(shapes("home/${aws:username}/*", false, true),
            (Shapes{"L:home/", "V:aws:username", "L:/*"}));
  EXPECT_EQ(shapes("home/${aws:username}/*", true, false),
            (Shapes{"L:home/${aws:username}/", "*"}));
  EXPECT_EQ(shapes("${ aws:PrincipalTag/team , 'none' }", true, true),
            (Shapes{"V:aws:PrincipalTag/team='none'"}));
  EXPECT_EQ(shapes("${k, none}", true, true), (Shapes{"V:k"}));
  EXPECT_EQ(shapes("a${*}b${?}${$}", true, true), (Shapes{"L:a", "L:*", "L:b", "L:?", "L:$"}));
  EXPECT_EQ(shapes("${", true, true), (Shapes{"L:${"}));              // no closing brace: text
  EXPECT_EQ(shapes("a${}b", true, true), (Shapes{"L:a", "L:${}b"}));  // no key: text
  EXPECT_EQ(shapes("", true, true), Shapes{});
  EXPECT_EQ(shapes("a?", true, true), (Shapes{"L:a", "?"}));
  // Each piece knows its text as written.
  std::vector<PatternPiece> pieces = patternPieces("x${k, 'd'}", true, true);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[1].written, "${k, 'd'}");
  EXPECT_EQ(pieces[0].written, "x");
}

TEST(PolicyVariablesTest, Keys) {
  EXPECT_EQ(variableKeys("arn:aws:s3:::${aws:username}/${aws:PrincipalTag/team, 'x'}/${*}"),
            (std::vector<std::string>{"aws:username", "aws:PrincipalTag/team"}));
  EXPECT_TRUE(variableKeys("no variables ${ here").empty());
}

}  // namespace
}  // namespace rootpol::policy
