// The key table read backwards (importer/key_view.h): every friendly name of the embedded
// table comes back from its AWS key, in any case, and tag keys in their function form.
#include "importer/key_view.h"

#include <gtest/gtest.h>

#include "base/text.h"
#include "sema/key_table.h"

namespace rootpol::importer {
namespace {

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

TEST(KeyViews, EveryFriendlyNameComesBackFromItsAwsKey) {
  const sema::KeyTable& keys = sema::KeyTable::builtin();
  EXPECT_EQ(&keys, &sema::KeyTable::builtin()) << "the embedded table is parsed once";
  const KeyViews views(keys, catalog::Catalog::builtin());
  std::size_t plain = 0, functions = 0;
  for (const std::string& name : keys.friendlyNames()) {
    const sema::KeyEntry* entry = keys.friendly(name);
    ASSERT_NE(entry, nullptr) << name;
    if (entry->parameter.empty()) {
      ++plain;
      EXPECT_EQ(views.view(entry->awsKey).text, name);
      EXPECT_EQ(views.view(upper(entry->awsKey)).text, name) << "IAM keys are case-insensitive";
      EXPECT_EQ(views.view(entry->awsKey).quoted, "\"" + entry->awsKey + "\"");
    } else {
      ++functions;
      EXPECT_EQ(views.view(entry->awsKey + "team").text, name + "(\"team\")");
      EXPECT_EQ(views.view(upper(entry->awsKey) + "Cost/Center").text, name + "(\"Cost/Center\")")
          << "the tag key is kept as written, `/` and all";
    }
  }
  EXPECT_GT(plain, 10u);
  EXPECT_EQ(functions, 3u);  // principal_tag, request_tag, resource_tag
}

TEST(KeyViews, KeysWithoutAFriendlyNameStayQuoted) {
  const KeyViews views(sema::KeyTable::builtin(), catalog::Catalog::builtin());
  EXPECT_EQ(views.view("ec2:InstanceType").text, "\"ec2:InstanceType\"");
  EXPECT_EQ(views.view("token.actions.githubusercontent.com:sub").text,
            "\"token.actions.githubusercontent.com:sub\"");
  EXPECT_EQ(views.view("aws:PrincipalTag/").text, "\"aws:PrincipalTag/\"")
      << "a prefix without a tag key";
  EXPECT_EQ(views.view("aws:SourceIpX").text, "\"aws:SourceIpX\"");
  EXPECT_EQ(views.view("s3:RequestObjectTag/team").text, "\"s3:RequestObjectTag/team\"");
}

}  // namespace
}  // namespace rootpol::importer
