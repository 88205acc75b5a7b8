// Quota tables: the default, named tables, overrides and bad specs.
#include "driver/limits.h"

#include <gtest/gtest.h>

#include "stdlib_files.h"

namespace rootpol::driver {
namespace {

std::string table() { return std::string(*stdlib::embeddedFile("limits.json")); }

TEST(Limits, DefaultTableIsTheCurrentOne) {
  std::string error;
  auto limits = selectLimits(table(), "", error);
  ASSERT_TRUE(limits.has_value()) << error;
  EXPECT_EQ(limits->name, "2026-05-15");
  EXPECT_EQ(limits->scpMaxSize, 10240u);
  EXPECT_EQ(limits->scpsPerTarget, 10u);
  EXPECT_EQ(limits->rcpMaxSize, 5120u);
  EXPECT_EQ(limits->ouMaxDepth, 5u);
}

TEST(Limits, NamedTable) {
  std::string error;
  auto limits = selectLimits(table(), "2017-02-01", error);
  ASSERT_TRUE(limits.has_value()) << error;
  EXPECT_EQ(limits->name, "2017-02-01");
  EXPECT_EQ(limits->scpMaxSize, 5120u);
  EXPECT_EQ(limits->scpsPerTarget, 5u);
  EXPECT_EQ(limits->rcpMaxSize, 5120u);
  EXPECT_EQ(limits->ouMaxDepth, 5u);
}

TEST(Limits, OverridesOfTheDefaultTable) {
  std::string error;
  auto limits = selectLimits(table(), "scp_max_size=6000", error);
  ASSERT_TRUE(limits.has_value()) << error;
  EXPECT_EQ(limits->name, "2026-05-15+scp_max_size=6000");
  EXPECT_EQ(limits->scpMaxSize, 6000u);
  EXPECT_EQ(limits->scpsPerTarget, 10u);  // the rest is the default table's

  limits = selectLimits(table(), "scps_per_target=3,rcp_max_size=100,ou_max_depth=2", error);
  ASSERT_TRUE(limits.has_value()) << error;
  EXPECT_EQ(limits->scpMaxSize, 10240u);
  EXPECT_EQ(limits->scpsPerTarget, 3u);
  EXPECT_EQ(limits->rcpMaxSize, 100u);
  EXPECT_EQ(limits->ouMaxDepth, 2u);
}

TEST(Limits, OverridesOfANamedTable) {
  std::string error;
  auto limits = selectLimits(table(), "2017-02-01:scps_per_target=7,ou_max_depth=4", error);
  ASSERT_TRUE(limits.has_value()) << error;
  EXPECT_EQ(limits->name, "2017-02-01+scps_per_target=7+ou_max_depth=4");
  EXPECT_EQ(limits->scpMaxSize, 5120u);
  EXPECT_EQ(limits->scpsPerTarget, 7u);
  EXPECT_EQ(limits->ouMaxDepth, 4u);
}

TEST(Limits, BadSpecs) {
  struct Row {
    const char* spec;
    const char* error;
  };
  const Row rows[] = {
      {"nope", "no limits table named `nope` (known: 2026-05-15, 2017-02-01)"},
      {"nope:scp_max_size=1", "no limits table named `nope`"},
      {"scp_max_size", "no limits table named `scp_max_size`"},
      {"scp_max_size=0", "`0` is not a positive integer"},
      {"scp_max_size=-1", "`-1` is not a positive integer"},
      {"scp_max_size=12kb", "`12kb` is not a positive integer"},
      {"scp_max_size=", "`` is not a positive integer"},
      {"bogus=1", "unknown limit `bogus`"},
      {"scp_max_size=1,oops", "`oops` is not `key=value`"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.spec);
    std::string error;
    EXPECT_FALSE(selectLimits(table(), row.spec, error).has_value());
    EXPECT_NE(error.find(row.error), std::string::npos) << error;
  }
}

TEST(Limits, OtherTablesAndMalformedData) {
  const char* custom = R"({"default": "b", "tables": [
      {"name": "a", "scp_max_size": 1, "scps_per_target": 2, "rcp_max_size": 3, "ou_max_depth": 4},
      {"name": "b", "scp_max_size": 5, "scps_per_target": 6, "rcp_max_size": 7, "ou_max_depth": 8}]})";
  std::string error;
  auto b = selectLimits(custom, "", error);
  ASSERT_TRUE(b.has_value()) << error;
  EXPECT_EQ(b->name, "b");
  EXPECT_EQ(b->scpMaxSize, 5u);
  auto a = selectLimits(custom, "a", error);
  ASSERT_TRUE(a.has_value()) << error;
  EXPECT_EQ(a->ouMaxDepth, 4u);

  error.clear();
  EXPECT_FALSE(selectLimits("{not json", "", error).has_value());
  EXPECT_NE(error.find("malformed limits table"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(selectLimits(R"({"tables": []})", "", error).has_value());
  EXPECT_NE(error.find("no limits table named"), std::string::npos) << error;
}

}  // namespace
}  // namespace rootpol::driver
