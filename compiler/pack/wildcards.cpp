#include "pack/wildcards.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/text.h"

namespace rootpol::pack {
namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), asciiLower);
  return out;
}

// The shortest prefix of `name` under which every known action is listed, if it holds two
// actions or more (a pattern for one action would only be shorter, and match future ones),
// lengthened to the longest prefix those actions share.
std::string prefixFor(const std::string& name, const std::vector<std::string>& known, const std::set<std::string>& listed) {
  for (std::size_t length = 1; length < name.size(); ++length) {
    const std::string prefix = name.substr(0, length);
    auto first = std::lower_bound(known.begin(), known.end(), prefix);
    std::size_t count = 0;
    bool all = true;
    for (auto it = first; it != known.end() && it->compare(0, length, prefix) == 0; ++it, ++count) {
      if (!listed.count(*it)) {
        all = false;
        break;
      }
    }
    if (!all || count < 2) continue;
    // The longest prefix of the same actions (`iam:Delete*`, not `iam:Del*`): fewer future
    // actions match it.
    const std::string& a = *first;
    const std::string& b = *(first + static_cast<std::ptrdiff_t>(count - 1));
    std::size_t common = 0;
    while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
    return a.substr(0, common);
  }
  return {};
}

}  // namespace

void compressActions(policy::Statement& statement, const KnownActions& known) {
  if (!statement.deny || statement.notAction) return;
  // Concrete actions by service (lower-cased); patterns stay as they are.
  std::map<std::string, std::map<std::string, std::string>> byService;  // service -> lowered name -> as written
  std::vector<std::string> kept;
  for (const std::string& action : statement.actions) {
    const std::size_t colon = action.find(':');
    if (colon == std::string::npos || hasWildcard(action)) {
      kept.push_back(action);
      continue;
    }
    byService[lowered(action.substr(0, colon))].emplace(lowered(action.substr(colon + 1)), action);
  }
  for (auto& [service, names] : byService) {
    std::vector<std::string> all;
    for (const std::string& name : known(service)) all.push_back(lowered(name));
    std::sort(all.begin(), all.end());
    std::set<std::string> listed;
    for (const auto& [name, written] : names) listed.insert(name);
    std::map<std::string, std::string> prefixes;  // lowered prefix -> the pattern, as first written
    for (const auto& [name, written] : names) {
      const std::string prefix = all.empty() ? std::string() : prefixFor(name, all, listed);
      if (prefix.empty()) {
        kept.push_back(written);
        continue;
      }
      // The prefix as written in the action (case kept), then the wildcard.
      const std::size_t colon = written.find(':');
      prefixes.emplace(prefix, written.substr(0, colon + 1 + prefix.size()) + "*");
    }
    for (const auto& [prefix, pattern] : prefixes) kept.push_back(pattern);
  }
  statement.actions = std::move(kept);
  statement.actionSpans.clear();
}

}  // namespace rootpol::pack
