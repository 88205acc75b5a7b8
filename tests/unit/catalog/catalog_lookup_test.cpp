// The catalog's indexed lookups against plain scans of its public lists: every service, action
// and condition key of the embedded catalog is found in any case with the answer a scan gives,
// and near misses are not found.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"

namespace rootpol::catalog {
namespace {

const Catalog& aws() { return Catalog::builtin(); }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Every `${Var}` and `<var>` replaced with `value`.
std::string instantiate(std::string_view tmpl, std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    const std::size_t close = tmpl.substr(i, 2) == "${" ? tmpl.find('}', i) : tmpl[i] == '<' ? tmpl.find('>', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += tmpl[i];
    } else {
      out += value;
      i = close;
    }
  }
  return out;
}

// The alias lines (`x PREFIX SERVICE`) of the embedded catalog, in order.
std::vector<std::pair<std::string, std::string>> aliasLines() {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string_view text = Catalog::builtinText();
  for (std::size_t p = 0; p < text.size() && text[p] != '@';) {
    const std::size_t nl = std::min(text.find('\n', p), text.size());
    const std::string_view line = text.substr(p, nl - p);
    if (line.starts_with("x\t")) {
      const std::size_t tab = line.find('\t', 2);
      out.emplace_back(std::string(line.substr(2, tab - 2)), std::string(line.substr(tab + 1)));
    }
    p = nl + 1;
  }
  return out;
}

// conditionKey() by scans: a global key, a key of the tables that may hold it (the key
// prefix's service, then those alias lines name), a global template, a template of those tables.
std::optional<ConditionKey> scannedKey(std::string_view key, const std::vector<std::pair<std::string, std::string>>& aliases) {
  const std::size_t colon = key.find(':');
  if (colon == 0 || colon == std::string_view::npos) return std::nullopt;
  const std::vector<ConditionKey> globals = aws().globalKeys();
  for (const ConditionKey& k : globals) {
    if (same(k.name, key)) return k;
  }
  const std::string_view keyPrefix = key.substr(0, colon);
  std::vector<std::string_view> owners;
  for (std::string_view p : aws().servicePrefixes()) {
    if (same(p, keyPrefix)) owners.push_back(p);
  }
  for (const auto& [prefix, service] : aliases) {
    if (Catalog::keyMatches(prefix, keyPrefix) && std::find(owners.begin(), owners.end(), service) == owners.end()) {
      owners.push_back(service);
    }
  }
  for (std::string_view owner : owners) {
    for (const ConditionKey& k : aws().serviceKeys(owner)) {
      if (same(k.name, key)) return k;
    }
  }
  for (const ConditionKey& k : globals) {
    if (k.templated && Catalog::keyMatches(k.name, key)) return k;
  }
  for (std::string_view owner : owners) {
    for (const ConditionKey& k : aws().serviceKeys(owner)) {
      if (k.templated && Catalog::keyMatches(k.name, key)) return k;
    }
  }
  return std::nullopt;
}

void expectSameKey(const std::optional<ConditionKey>& found, const std::optional<ConditionKey>& scanned, std::string_view key) {
  ASSERT_EQ(found.has_value(), scanned.has_value()) << key;
  if (!found) return;
  EXPECT_EQ(found->name, scanned->name) << key;
  EXPECT_EQ(found->type, scanned->type) << key;
  EXPECT_EQ(found->service, scanned->service) << key;
  EXPECT_EQ(found->global, scanned->global) << key;
  EXPECT_EQ(found->templated, scanned->templated) << key;
}

TEST(CatalogLookups, EveryServiceInAnyCase) {
  const std::vector<std::string_view> prefixes = aws().servicePrefixes();
  for (std::string_view prefix : prefixes) {
    for (const std::string& spelling : {std::string(prefix), upper(prefix)}) {
      const auto service = aws().service(spelling);
      ASSERT_TRUE(service.has_value()) << spelling;
      EXPECT_EQ(service->prefix, prefix);
    }
    const std::string longer = std::string(prefix) + "x";
    const bool isPrefix = std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view p) { return same(p, longer); });
    EXPECT_EQ(aws().service(longer).has_value(), isPrefix) << longer;
  }
  EXPECT_FALSE(aws().service("").has_value());
  EXPECT_FALSE(aws().service("s3 ").has_value());
}

TEST(CatalogLookups, EveryActionInAnyCase) {
  std::size_t count = 0;
  for (std::string_view prefix : aws().servicePrefixes()) {
    const std::vector<std::string_view> names = aws().actionNames(prefix);
    for (std::string_view name : names) {
      ++count;
      const std::string full = std::string(prefix) + ":" + std::string(name);
      for (const std::string& spelling : {full, upper(full), lowercase(full)}) {
        const auto ref = aws().findAction(spelling);
        ASSERT_TRUE(ref.has_value()) << spelling;
        EXPECT_EQ(ref->service, prefix);
        EXPECT_EQ(ref->name, name);
      }
      const auto byParts = aws().findAction(upper(prefix), lowercase(name));
      ASSERT_TRUE(byParts.has_value()) << full;
      EXPECT_EQ(byParts->name, name);
      const auto action = aws().action(upper(full));
      ASSERT_TRUE(action.has_value()) << full;
      EXPECT_EQ(action->ref.name, name);
      EXPECT_NE(action->access, 0u) << full;
      const std::string longer = std::string(name) + "Q";
      const bool isAction = std::any_of(names.begin(), names.end(), [&](std::string_view n) { return same(n, longer); });
      EXPECT_EQ(aws().findAction(prefix, longer).has_value(), isAction) << longer;
    }
  }
  EXPECT_GT(count, 15000u);
  EXPECT_FALSE(aws().findAction("s3:").has_value());
  EXPECT_FALSE(aws().findAction(":GetObject").has_value());
  EXPECT_FALSE(aws().findAction("s3GetObject").has_value());
}

TEST(CatalogLookups, EveryConditionKeyAndTemplateAnswersAsAScan) {
  const auto aliases = aliasLines();
  ASSERT_GT(aliases.size(), 10u);
  std::vector<std::string> keys = {"aws:ResourceTag/team", "AWS:principaltag/x", "s3:ExistingObjectTag/owner",
                                   "saml:aud", "SAML:AUD", "token.actions.githubusercontent.com/octo-org:actor",
                                   "nosuchservice:key", "aws:", "s3:", ":x", "aws", ""};
  auto addVariants = [&](std::string_view name) {
    keys.emplace_back(name);
    keys.push_back(upper(name));
    keys.push_back(lowercase(name));
    keys.push_back(std::string(name) + "x");
    keys.push_back(instantiate(name, "Team"));
    keys.push_back(instantiate(name, "a/b:c"));
  };
  for (const ConditionKey& k : aws().globalKeys()) addVariants(k.name);
  for (std::string_view prefix : aws().servicePrefixes()) {
    for (const ConditionKey& k : aws().serviceKeys(prefix)) addVariants(k.name);
  }
  for (const auto& [prefix, service] : aliases) {
    addVariants(prefix + ":aud");
    addVariants(prefix + ":sub");
  }
  ASSERT_GT(keys.size(), 5000u);
  std::size_t found = 0;
  for (const std::string& key : keys) {
    const auto answer = aws().conditionKey(key);
    found += answer.has_value();
    expectSameKey(answer, scannedKey(key, aliases), key);
  }
  EXPECT_GT(found, keys.size() / 2);
}

}  // namespace
}  // namespace rootpol::catalog
