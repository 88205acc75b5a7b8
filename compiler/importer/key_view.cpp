#include "importer/key_view.h"

#include <algorithm>
#include <array>

#include "base/text.h"

namespace rootpol::importer {

KeyViews::KeyViews(const sema::KeyTable& keys, const catalog::Catalog& catalog)
    : keys_(keys), catalog_(catalog) {}

KeyView KeyViews::view(std::string_view awsKey) const {
  KeyView out;
  out.quoted = quote(awsKey).value_or(std::string());
  out.text = out.quoted;
  if (auto global = keys_.global(awsKey)) {
    out.type = global->type;
    out.network = global->network;
    out.alwaysPresent = global->alwaysPresent;
  } else if (auto entry = catalog_.conditionKey(awsKey)) {
    out.type = sema::catalogKeyType(entry->type);
  }
  // The friendly spelling: a name whose AWS key is this one, or a tag key's function form.
  for (const std::string& name : keys_.friendlyNames()) {
    const sema::KeyEntry* entry = keys_.friendly(name);
    if (entry->parameter.empty()) {
      if (equalsIgnoreCase(entry->awsKey, awsKey)) out.text = name;
      continue;
    }
    const std::string& prefix = entry->awsKey;  // "aws:PrincipalTag/"
    if (awsKey.size() > prefix.size() && equalsIgnoreCase(awsKey.substr(0, prefix.size()), prefix)) {
      if (auto argument = quote(awsKey.substr(prefix.size()))) out.text = name + "(" + *argument + ")";
    }
  }
  return out;
}

bool isHardKeyword(std::string_view word) {
  static constexpr std::array<std::string_view, 27> kWords = {
      "import", "let", "policy", "organization", "attach", "deny", "allow", "on", "for",
      "when", "unless", "and", "or", "not", "in", "like", "exists", "missing", "strict",
      "as", "all", "except", "root", "true", "false", "to", "with"};
  return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

std::optional<std::string> quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n' || c == '\r') return std::nullopt;
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace rootpol::importer
