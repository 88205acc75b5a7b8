#include "lint/rules/cover_index.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <numeric>

#include "base/text.h"
#include "lint/rules/key_text.h"

namespace rootpol::lint::facts {
namespace {

// What a key stands for, mixed into its hash: a concrete action, an action pattern's head, a
// service's action heads, a concrete resource, a resource pattern's head, a condition part.
enum Tag : std::uint64_t {
  kPartTag = 1,
  kExactActionTag,
  kHeadActionTag,
  kServiceHeadsTag,
  kExactResourceTag,
  kHeadResourceTag,
  kNegatedHeadTag,
  kNegatedResourcesTag,
};

// The key of a text (its hash `text`) under `parent` (a part or a group) for `tag`; never 0.
std::uint64_t keyOf(Tag tag, std::uint32_t parent, std::uint64_t text) {
  return mix(text ^ mix((static_cast<std::uint64_t>(tag) << 32) | parent)) | 1u;
}

// The length of the text before the first wildcard. Every action and resource is read here
// once, ARNs are long and most have no `?`: memchr scans them faster than a loop per character.
std::size_t headLength(std::string_view text) {
  std::size_t head = text.size();
  for (char wildcard : {'*', '?'}) {
    if (const void* at = std::memchr(text.data(), wildcard, head)) head = static_cast<const char*>(at) - text.data();
  }
  return head;
}

// The hash of `text` lower-cased (condition keys compare in any case).
std::uint64_t loweredHash(std::string_view text) { return IgnoreCaseHash{}(text); }

// The hash of what statementCovers compares of a condition entry: the operator as written, the
// key in any case, and the values as a set. No text is built: every entry is hashed.
std::uint64_t signatureHash(const policy::ConditionEntry& entry, std::vector<std::string_view>& values) {
  values.assign(entry.values.begin(), entry.values.end());
  std::sort(values.begin(), values.end());
  std::uint64_t h = mix(textHash(entry.op));
  h = mix(h ^ loweredHash(entry.key));
  for (std::string_view v : values) h = mix(h ^ textHash(v));
  return h;
}

// How principalsCover sorts a statement's principal: none (SCPs, identity policies), `*`, a
// NotPrincipal, or one other principal element; hashed (kNoClass, kStarClass, or the element).
const std::uint64_t kNoClass = textHash(""), kStarClass = textHash("*");
std::uint64_t principalClass(const std::optional<policy::Principal>& principal) {
  if (!principal) return kNoClass;
  if (!principal->notPrincipal && principal->json == "\"*\"") return kStarClass;
  return mix(textHash(principal->json) ^ (principal->notPrincipal ? 0x21u : 0x3du));
}

// The key of a part: a principal class and the signature of a first condition entry (their
// hashes; 0: no condition).
std::uint64_t partKey(std::uint64_t cls, std::uint64_t entry) {
  return mix(mix(cls ^ kPartTag) ^ entry) | 1u;
}

// A NotResource list as statementCovers compares it: the same list, in order.
std::uint64_t listHash(const std::vector<std::string>& resources) {
  std::uint64_t h = mix(resources.size());
  for (const std::string& r : resources) h = mix(h ^ textHash(r));
  return h;
}

}  // namespace

// --- building ------------------------------------------------------------------------------

void CoverIndex::Filing::add(std::uint32_t list, std::uint32_t j) {
  if (lastAdded.size() <= list) lastAdded.resize(list + 1, kNone);
  if (lastAdded[list] == j) return;  // two actions of one statement in one group
  lastAdded[list] = j;
  members.emplace_back(list, j);
}

std::uint32_t CoverIndex::newGroup() {
  groups_.emplace_back();
  return static_cast<std::uint32_t>(groups_.size() - 1);
}

std::uint32_t CoverIndex::newLengthSet() {
  lengthSets_.emplace_back();
  return static_cast<std::uint32_t>(lengthSets_.size() - 1);
}

std::uint32_t CoverIndex::partFor(std::uint64_t key) {
  bool created = false;
  std::uint32_t id = partKeys_.intern(key, static_cast<std::uint32_t>(parts_.size()), created);
  if (created) parts_.emplace_back();
  return id;
}

std::uint32_t CoverIndex::groupFor(std::uint64_t key) {
  bool created = false;
  std::uint32_t id = groupKeys_.intern(key, static_cast<std::uint32_t>(groups_.size()), created);
  if (created) newGroup();
  return id;
}

std::uint32_t CoverIndex::listFor(std::uint64_t key) {
  bool created = false;
  std::uint32_t id = listKeys_.intern(key, listCount_, created);
  if (created) newList();
  return id;
}

// Each statement read once, in one pass: a large document's statements do not fit in the
// cache, and every pass over them misses again. Its actions' and resources' heads and hashes,
// its principal class and condition signatures, and its kind: filing and probing use these.
void CoverIndex::readStatements() {
  std::size_t actionCount = 0, actionBytes = 0, resourceCount = 0;
  for (const policy::Statement& s : statements_) {
    actionCount += s.actions.size();
    resourceCount += s.resources.size();
    for (const std::string& a : s.actions) actionBytes += a.size();
  }
  loweredActions_.resize(actionBytes);  // never resized again: the views stay valid
  actions_.reserve(actionCount);
  resources_.reserve(resourceCount);
  for (auto* starts : {&actionStart_, &resourceStart_, &entryStart_}) {
    starts->reserve(statements_.size() + 1);
    starts->push_back(0);
  }
  classHash_.reserve(statements_.size());
  notResourceHash_.reserve(statements_.size());
  notAction_.reserve(statements_.size());
  std::vector<std::string_view> values;
  char* out = loweredActions_.data();
  for (const policy::Statement& s : statements_) {
    for (const std::string& a : s.actions) {
      lowerInto(a, out);
      Text& t = actions_.emplace_back();
      t.text = std::string_view(out, a.size());
      out += a.size();
      t.head = static_cast<std::uint32_t>(headLength(t.text));
      t.headHash = textHash(t.text.substr(0, t.head));
      std::size_t colon = t.text.substr(0, t.head).find(':');
      t.hasService = colon != std::string_view::npos;
      if (t.hasService) t.serviceHash = textHash(t.text.substr(0, colon));
    }
    for (const std::string& r : s.resources) {
      Text& t = resources_.emplace_back();
      t.text = r;
      t.head = static_cast<std::uint32_t>(headLength(r));
      t.headHash = textHash(t.text.substr(0, t.head));
    }
    actionStart_.push_back(static_cast<std::uint32_t>(actions_.size()));
    resourceStart_.push_back(static_cast<std::uint32_t>(resources_.size()));
    classHash_.push_back(principalClass(s.principal));
    for (const policy::ConditionEntry& c : s.conditions) entryHash_.push_back(signatureHash(c, values) | 1u);
    entryStart_.push_back(static_cast<std::uint32_t>(entryHash_.size()));
    notResourceHash_.push_back(s.notResource ? listHash(s.resources) | 1u : 0);
    notAction_.push_back(s.notAction);
  }
}

CoverIndex::CoverIndex(const std::vector<policy::Statement>& statements)
    : statements_(statements) {
  readStatements();
  // Each action of a statement is filed in one group, and under each of its resources there.
  std::size_t filed = 0;
  for (std::size_t j = 0; j < statements.size(); ++j) {
    filed += std::max<std::size_t>(actionStart_[j + 1] - actionStart_[j], 1) *
             std::max<std::size_t>(resourceStart_[j + 1] - resourceStart_[j], 1);
  }
  // Room for the keys a document of this size has in practice, not for the worst case (every
  // key distinct): most statements share their part, and the actions a group, with others, and
  // a table larger than it needs costs a cache miss per probe on a large document (its slots
  // are spread over more memory). A table that fills up grows.
  partKeys_.reserve(statements.size() / 4);
  groupKeys_.reserve(filed / 2);
  listKeys_.reserve(filed);
  Filing filing;
  filing.members.reserve(filed);
  filing.lastAdded.reserve(filed);
  for (std::uint32_t j = 0; j < statements.size(); ++j) {
    std::uint64_t first = entryStart_[j] == entryStart_[j + 1] ? 0 : entryHash_[entryStart_[j]];
    file(partFor(partKey(classHash_[j], first)), j, filing);
  }
  for (Part& part : parts_) std::sort(part.negatedHeads.begin(), part.negatedHeads.end());
  layOut(filing);
}

// Counting sort of the (list, statement) pairs by list: each list's statements stay in the
// order they were filed, which is ascending.
void CoverIndex::layOut(const Filing& filing) {
  listStart_.assign(listCount_ + 1, 0);
  for (const auto& [list, j] : filing.members) ++listStart_[list + 1];
  std::partial_sum(listStart_.begin(), listStart_.end(), listStart_.begin());
  members_.resize(filing.members.size());
  std::vector<std::uint32_t> next(listStart_.begin(), listStart_.end() - 1);
  for (const auto& [list, j] : filing.members) members_[next[list]++] = j;
}

void CoverIndex::fileResources(std::uint32_t g, std::uint32_t j, Filing& filing) {
  ++groups_[g].count;  // an estimate: a statement with two actions in one group counts twice
  if (notResourceHash_[j] != 0) return filing.add(listFor(keyOf(kNegatedResourcesTag, g, notResourceHash_[j])), j);
  if (resourcesOf(j).empty()) {
    if (groups_[g].all == kNone) groups_[g].all = newList();
    return filing.add(groups_[g].all, j);
  }
  for (const Text& r : resourcesOf(j)) {
    if (r.exact()) {
      filing.add(listFor(keyOf(kExactResourceTag, g, r.headHash)), j);
      continue;
    }
    if (groups_[g].resourceHeads == kNone) groups_[g].resourceHeads = newLengthSet();
    markLength(groups_[g].resourceHeads, r.head);
    filing.add(listFor(keyOf(kHeadResourceTag, g, r.headHash)), j);
  }
}

void CoverIndex::markLength(std::uint32_t set, std::size_t length) {
  LengthSet& lengths = lengthSets_[set];
  if (length < kLongHead) {
    lengths.bits |= std::uint64_t{1} << length;
  } else if (std::find(lengths.longer.begin(), lengths.longer.end(), length) == lengths.longer.end()) {
    lengths.longer.push_back(static_cast<std::uint32_t>(length));
  }
}

// Under the pattern with the longest head: the fewest other NotAction statements probe it.
void CoverIndex::fileNegated(std::uint32_t part, std::uint32_t j, Filing& filing) {
  std::span<const Text> patterns = actionsOf(j);
  if (patterns.empty()) {  // excludes nothing: covers every NotAction statement
    if (parts_[part].negatedEvery == kNone) parts_[part].negatedEvery = newGroup();
    return fileResources(parts_[part].negatedEvery, j, filing);
  }
  const Text* longest = &patterns[0];
  for (const Text& p : patterns) {
    if (p.head >= longest->head) longest = &p;
  }
  bool created = false;
  std::uint32_t g = groupKeys_.intern(keyOf(kNegatedHeadTag, part, longest->headHash),
                                      static_cast<std::uint32_t>(groups_.size()), created);
  if (created) {
    newGroup();
    parts_[part].negatedHeads.emplace_back(std::string(longest->text.substr(0, longest->head)), g);
  }
  fileResources(g, j, filing);
}

void CoverIndex::file(std::uint32_t part, std::uint32_t j, Filing& filing) {
  if (notAction_[j]) return fileNegated(part, j, filing);
  for (const Text& a : actionsOf(j)) {
    if (a.exact()) {
      fileResources(groupFor(keyOf(kExactActionTag, part, a.headHash)), j, filing);
      continue;
    }
    std::uint32_t lengths = kNone;
    if (!a.hasService) {  // `*`, `s3*`: probed for every action
      if (parts_[part].shortHeads == kNone) parts_[part].shortHeads = newLengthSet();
      lengths = parts_[part].shortHeads;
    } else {  // `s3:Get*`: probed for the actions of s3 only
      parts_[part].serviceHeads = true;
      bool created = false;
      lengths = lengthSetKeys_.intern(keyOf(kServiceHeadsTag, part, a.serviceHash),
                                      static_cast<std::uint32_t>(lengthSets_.size()), created);
      if (created) newLengthSet();
    }
    markLength(lengths, a.head);
    fileResources(groupFor(keyOf(kHeadActionTag, part, a.headHash)), j, filing);
  }
}

// --- probing -------------------------------------------------------------------------------

CoverIndex::List CoverIndex::list(std::uint32_t id) const {
  if (id == kNone) return {};
  return List(members_.data() + listStart_[id], listStart_[id + 1] - listStart_[id]);
}

template <typename Visit>
void CoverIndex::probeHeads(const KeyTable& table, std::uint64_t tag, std::uint32_t parent,
                            std::uint32_t lengths, const Text& text, Visit visit) const {
  if (lengths == kNone) return;
  const LengthSet& set = lengthSets_[lengths];
  auto probe = [&](std::size_t k) {
    std::uint32_t id = table.find(keyOf(static_cast<Tag>(tag), parent, textHash(text.text.substr(0, k))));
    if (id != kNone) visit(id);
  };
  std::uint64_t upTo = text.head < kLongHead ? (std::uint64_t{2} << text.head) - 1 : ~std::uint64_t{0};
  for (std::uint64_t bits = set.bits & upTo; bits != 0; bits &= bits - 1) probe(std::countr_zero(bits));
  if (text.head < kLongHead) return;
  for (std::uint32_t k : set.longer) {
    if (k <= text.head) probe(k);
  }
}

// Of the principal classes that may cover i's (its own, and `*` unless it has none), the
// statements without conditions and those whose first condition entry is one of i's.
void CoverIndex::conditionParts(std::size_t i, std::vector<std::uint32_t>& parts) const {
  std::vector<std::uint64_t>& keys = scratch_.keys;
  keys.clear();
  auto addKeys = [&](std::uint64_t cls) {
    keys.push_back(partKey(cls, 0));
    for (std::uint32_t e = entryStart_[i]; e < entryStart_[i + 1]; ++e) keys.push_back(partKey(cls, entryHash_[e]));
  };
  addKeys(classHash_[i]);
  if (classHash_[i] != kNoClass && classHash_[i] != kStarClass) addKeys(kStarClass);
  for (std::uint64_t key : keys) partKeys_.prefetch(key);
  parts.clear();
  for (std::uint64_t key : keys) {
    std::uint32_t part = partKeys_.find(key);
    if (part != kNone && std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(part);
  }
}

void CoverIndex::actionGroups(std::size_t i, std::vector<std::uint32_t>& out) const {
  std::vector<std::uint32_t>& parts = scratch_.parts;
  conditionParts(i, parts);
  if (notAction_[i]) return negatedGroups(i, out);
  std::span<const Text> actions = actionsOf(i);
  // The first probe of each action in each part, in one pass whose misses overlap: the key of
  // its group (a concrete action) or of its service's length set (a pattern's heads).
  std::vector<std::uint64_t>& keys = scratch_.keys;
  keys.clear();
  for (const Text& key : actions) {
    for (std::uint32_t p : parts) {
      keys.push_back(key.exact() ? keyOf(kExactActionTag, p, key.headHash) : 0);
      keys.push_back(key.hasService && parts_[p].serviceHeads ? keyOf(kServiceHeadsTag, p, key.serviceHash) : 0);
      if (keys.end()[-2] != 0) groupKeys_.prefetch(keys.end()[-2]);
      if (keys.back() != 0) lengthSetKeys_.prefetch(keys.back());
    }
  }
  // Every action of the statement must be covered: the groups of any one of them will do, so
  // the action whose groups hold the fewest statements.
  std::vector<std::uint32_t>& groups = scratch_.trialGroups;
  std::size_t bestCount = 0;
  const std::uint64_t* first = keys.data();
  for (std::size_t a = 0; a < actions.size(); ++a) {
    groups.clear();
    std::size_t count = 0;
    const Text& key = actions[a];
    auto add = [&](std::uint32_t g) {
      groups.push_back(g);
      count += groups_[g].count;
    };
    for (std::uint32_t p : parts) {
      std::uint64_t exactKey = *first++, serviceKey = *first++;
      if (exactKey != 0) {
        std::uint32_t g = groupKeys_.find(exactKey);
        if (g != kNone) add(g);
      }
      probeHeads(groupKeys_, kHeadActionTag, p, parts_[p].shortHeads, key, add);
      if (serviceKey == 0) continue;
      probeHeads(groupKeys_, kHeadActionTag, p, lengthSetKeys_.find(serviceKey), key, add);
    }
    if (a == 0 || count < bestCount) {
      out.swap(groups);
      bestCount = count;
    }
  }
}

// Only a NotAction statement or `*` covers a NotAction one; the NotAction statements that may
// are those filed under a head that one of i's patterns covers: a head starting with the
// pattern's head (the pattern itself when it has no wildcard).
void CoverIndex::negatedGroups(std::size_t i, std::vector<std::uint32_t>& out) const {
  out.clear();
  for (std::uint32_t p : scratch_.parts) {
    std::uint32_t all = groupKeys_.find(keyOf(kHeadActionTag, p, textHash("")));
    if (all != kNone) out.push_back(all);
    if (parts_[p].negatedEvery != kNone) out.push_back(parts_[p].negatedEvery);
    const auto& heads = parts_[p].negatedHeads;
    for (const Text& pattern : actionsOf(i)) {
      std::string_view prefix = pattern.text.substr(0, pattern.head);
      auto at = std::lower_bound(heads.begin(), heads.end(), prefix,
                                 [](const auto& entry, std::string_view x) { return entry.first < x; });
      for (; at != heads.end() && at->first.starts_with(prefix); ++at) {
        if (pattern.exact() && at->first != prefix) break;  // concrete: itself only
        out.push_back(at->second);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

namespace {

std::size_t total(const std::vector<std::span<const std::uint32_t>>& lists) {
  std::size_t n = 0;
  for (const auto& list : lists) n += list.size();
  return n;
}

}  // namespace

// The lists of `groups` that may hold a statement covering `resource`.
void CoverIndex::listsFor(const Text& resource, const std::vector<std::uint32_t>& groups,
                          std::vector<List>& out) const {
  auto add = [&](std::uint32_t id) { out.push_back(list(id)); };
  for (std::uint32_t g : groups) {
    if (resource.exact()) {
      std::uint32_t id = listKeys_.find(keyOf(kExactResourceTag, g, resource.headHash));
      if (id != kNone) add(id);
    }
    probeHeads(listKeys_, kHeadResourceTag, g, groups_[g].resourceHeads, resource, add);
  }
}

void CoverIndex::resourceLists(std::size_t i, const std::vector<std::uint32_t>& groups,
                               std::vector<List>& out) const {
  if (std::uint64_t key = notResourceHash_[i]) {  // covered only by the same NotResource list
    for (std::uint32_t g : groups) {
      std::uint32_t id = listKeys_.find(keyOf(kNegatedResourcesTag, g, key));
      if (id != kNone) out.push_back(list(id));
    }
    return;
  }
  for (std::uint32_t g : groups) {
    if (groups_[g].all != kNone) out.push_back(list(groups_[g].all));
  }
  static const Text kEveryResource{"*", 0, false, textHash(""), 0};
  std::span<const Text> resources = resourcesOf(i);
  if (resources.empty()) return listsFor(kEveryResource, groups, out);
  if (resources.size() == 1) return listsFor(resources[0], groups, out);
  std::vector<List>& best = scratch_.bestLists;
  std::vector<List>& lists = scratch_.trialLists;
  for (std::size_t r = 0; r < resources.size(); ++r) {
    lists.clear();
    listsFor(resources[r], groups, lists);
    if (r == 0 || total(lists) < total(best)) best.swap(lists);
  }
  out.insert(out.end(), best.begin(), best.end());
}

const std::vector<CoverIndex::List>& CoverIndex::candidateLists(std::size_t i) const {
  scratch_.groups.clear();
  actionGroups(i, scratch_.groups);
  scratch_.lists.clear();
  resourceLists(i, scratch_.groups, scratch_.lists);
  return scratch_.lists;
}

std::vector<std::uint32_t> CoverIndex::candidates(std::size_t i) const {
  const std::vector<List>& lists = candidateLists(i);
  std::vector<std::uint32_t> out;
  out.reserve(total(lists));
  for (List list : lists) out.insert(out.end(), list.begin(), list.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove(out.begin(), out.end(), static_cast<std::uint32_t>(i)), out.end());
  return out;
}

}  // namespace rootpol::lint::facts
