// .rootpol-lint.json (lint/config.h): what each setting reads, and that every problem is placed
// at the key or value at fault (the byte offset the finding RP4201 points at).
#include <gtest/gtest.h>

#include "lint/config.h"

namespace rootpol::lint {
namespace {

struct Failure {
  std::string error;
  std::size_t offset;
};

Failure failure(std::string_view text) {
  std::string error;
  std::size_t offset = 99999;
  EXPECT_FALSE(parseLintConfig(text, error, offset).has_value()) << text;
  return {error, offset};
}

TEST(LintConfig, ReadsEverySetting) {
  std::string error;
  std::size_t offset = 0;
  std::optional<LintConfig> config = parseLintConfig(
      R"({"severity": {"RP4103": "error", "RP4105": "off"}, "ignore": ["legacy/*"],
          "fail_on": "warning", "kinds": {"scps/**": "scp", "**": "auto"}})",
      error, offset);
  ASSERT_TRUE(config) << error;
  EXPECT_EQ(config->severity.at(DiagCode::RP4103), Severity::Error);
  EXPECT_FALSE(config->severity.at(DiagCode::RP4105).has_value());
  EXPECT_EQ(config->ignore, std::vector<std::string>{"legacy/*"});
  EXPECT_EQ(config->failOn, Severity::Warning);
  EXPECT_EQ(config->kindOf("scps/a/b.json"), DeclaredKind::Scp);
  EXPECT_EQ(config->kindOf("other.json"), DeclaredKind::Auto);
}

TEST(LintConfig, PlacesEachProblemAtTheKeyOrValueAtFault) {
  const std::string kinds = R"({"kinds": {"a": "scp", "b": "nonsense"}})";
  EXPECT_EQ(failure(kinds).offset, kinds.find("\"nonsense\""));
  const std::string twice = R"({"kinds": {"a": "scp", "a": "rcp"}})";
  EXPECT_EQ(failure(twice).offset, twice.rfind("\"a\""));
  EXPECT_EQ(failure(twice).error, "`kinds`: `a` is written twice");
  const std::string code = R"({"severity": {"RP4103": "note", "RP9999": "off"}})";
  EXPECT_EQ(failure(code).offset, code.find("\"RP9999\""));
  const std::string level = R"({"severity": {"RP4103": "loud"}})";
  EXPECT_EQ(failure(level).offset, level.find("\"loud\""));
  const std::string compileError = R"({"severity": {"RP1001": "off"}})";
  EXPECT_EQ(failure(compileError).offset, compileError.find("\"RP1001\""));
  const std::string ignore = R"({"ignore": ["a", 3]})";
  EXPECT_EQ(failure(ignore).offset, ignore.find('3'));
  const std::string failOn = R"({"fail_on": "sometimes"})";
  EXPECT_EQ(failure(failOn).offset, failOn.find("\"sometimes\""));
  const std::string unknown = R"({"kinds": {}, "colour": true})";
  EXPECT_EQ(failure(unknown).offset, unknown.find("\"colour\""));
  EXPECT_EQ(failure("[1]").offset, 0u);
  EXPECT_EQ(failure("  {} x").offset, 5u);
  EXPECT_EQ(failure("{\"kinds\": {},}").offset, 13u);
}

}  // namespace
}  // namespace rootpol::lint
