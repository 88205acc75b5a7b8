#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ast/types.h"
#include "catalog/catalog.h"
#include "sema/key_table.h"

// How an AWS condition key reads in rootpol: its friendly spelling when the key table has one,
// and the type, network and always-present facts that decide which IAM operator the compiler
// would pick for it. Only a guess: the importer compiles what it writes and checks the result.
namespace rootpol::importer {

struct KeyView {
  std::string text;        // `source_ip`, `principal_tag("team")`, or `"ec2:InstanceType"`
  std::string quoted;      // always the quoted AWS key as written: `"aws:SourceIp"`
  std::optional<ast::Type> type;  // nullopt: unknown to the key table and the catalog
  bool network = false;
  bool alwaysPresent = false;
};

class KeyViews {
 public:
  KeyViews(const sema::KeyTable& keys, const catalog::Catalog& catalog);
  KeyView view(std::string_view awsKey) const;

 private:
  const sema::KeyTable& keys_;
  const catalog::Catalog& catalog_;
  // The key table read backwards, built once: AWS key (ASCII lower case) to friendly name, and
  // a parameterised key's prefix (`aws:principaltag/`) to its function (`principal_tag`).
  std::map<std::string, std::string, std::less<>> friendlyByKey_;
  std::map<std::string, std::string, std::less<>> functionByPrefix_;
};

// Whether `word` is a hard keyword of the grammar (grammar/RootPol.g4): one the lexer never
// reads as a name, so it cannot name a policy or be a piece of a bare action.
bool isHardKeyword(std::string_view word);

// A rootpol string literal for `text` (quotes, `\"` and `\\` escaped), or nullopt when the
// text holds a character a rootpol string cannot (a line break).
std::optional<std::string> quote(std::string_view text);

}  // namespace rootpol::importer
