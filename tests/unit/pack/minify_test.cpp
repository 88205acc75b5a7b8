// Structural minification: the writer serialises the model, so nothing inside a value changes.
// The SCP preprocessor's regex minifier strips spaces inside values (`"Project X"` becomes
// `"ProjectX"`, another policy); here every value comes back byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "driver/compilation.h"
#include "policy/read_document.h"

namespace rootpol::pack {
namespace {

const std::vector<std::string> kValues = {
    "Project X",         // a space
    "  two  spaces  ",   // leading, trailing and doubled spaces
    "say \"hi\"",        // quotes
    "back\\slash",       // a backslash
    "${aws:username}",   // a policy variable
    "team ${aws:PrincipalTag/team} x",
    "Zürich ☃ 東京 🚀",  // Unicode, also outside the BMP
    "{\"a\": [1, 2]}",   // JSON-looking text
};

// The value as a rootpol string literal: `\"` and `\\` are its only escapes.
std::string literal(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

TEST(PackMinifyTest, ValuesSurviveByteForByte) {
  std::string program = "policy values {\n";
  for (std::size_t i = 0; i < kValues.size(); ++i) {
    program += "  deny s3:PutObject" + std::to_string(i % 2 == 0 ? 0 : 1) + " unless principal_tag(\"project\") == " +
               literal(kValues[i]) + "\n";
  }
  program += "}\n";
  // Real actions, so that the program checks: two, so that statements merge.
  for (std::string from : {"s3:PutObject0", "s3:PutObject1"}) {
    const std::string to = from == "s3:PutObject0" ? "s3:PutObject" : "s3:DeleteObject";
    for (std::size_t at; (at = program.find(from)) != std::string::npos;) program.replace(at, from.size(), to);
  }
  driver::Options options;
  options.extraSources.emplace_back("values.rootpol", program);
  driver::Compilation compilation(options);
  ASSERT_TRUE(compilation.run());
  ASSERT_FALSE(compilation.diagnostics().hasErrors());
  ASSERT_EQ(compilation.policies().size(), 1u);
  const driver::CompiledPolicy& p = compilation.policies().front();
  ASSERT_EQ(p.parts.size(), 1u);
  const std::string& json = p.parts.front().json;
  EXPECT_EQ(json.find('\n'), std::string::npos);
  EXPECT_NE(json.find("\"Project X\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"  two  spaces  \""), std::string::npos) << json;
  EXPECT_NE(json.find("Zürich ☃ 東京 🚀"), std::string::npos) << json;

  std::string error;
  std::optional<policy::Document> back = policy::readDocument(json, error);
  ASSERT_TRUE(back) << error;
  std::vector<std::string> seen;
  for (const policy::Statement& s : back->statements) {
    for (const policy::ConditionEntry& e : s.conditions) {
      if (e.key == "aws:PrincipalTag/project") seen.insert(seen.end(), e.values.begin(), e.values.end());
    }
  }
  for (const std::string& value : kValues) {
    EXPECT_NE(std::find(seen.begin(), seen.end(), value), seen.end()) << "lost: " << value << "\n" << json;
  }
  // The bytes are the writer's, minified: reading and writing again gives the same text.
  EXPECT_EQ(policy::toJson(*back), json);
}

}  // namespace
}  // namespace rootpol::pack
