#include "importer/key_view.h"

#include <algorithm>
#include <array>

#include "base/text.h"

namespace rootpol::importer {

namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = asciiLower(c);
  return out;
}

}  // namespace

KeyViews::KeyViews(const sema::KeyTable& keys, const catalog::Catalog& catalog)
    : keys_(keys), catalog_(catalog) {
  for (const std::string& name : keys_.friendlyNames()) {
    const sema::KeyEntry* entry = keys_.friendly(name);
    (entry->parameter.empty() ? friendlyByKey_ : functionByPrefix_).emplace(lowered(entry->awsKey), name);
  }
}

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
  // The friendly spelling: a name whose AWS key is this one, or a tag key's function form
  // (`aws:PrincipalTag/team` is `principal_tag("team")`; the prefix ends at the first `/`).
  const std::string key = lowered(awsKey);
  if (auto plain = friendlyByKey_.find(key); plain != friendlyByKey_.end()) {
    out.text = plain->second;
    return out;
  }
  const std::size_t slash = key.find('/');
  if (slash == std::string::npos || slash + 1 == key.size()) return out;
  auto function = functionByPrefix_.find(std::string_view(key).substr(0, slash + 1));
  if (function == functionByPrefix_.end()) return out;
  if (auto argument = quote(awsKey.substr(slash + 1))) out.text = function->second + "(" + *argument + ")";
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
