#pragma once

// Internal to the catalog library: the loaded catalog (line index, lazily parsed service
// blocks, lookups). The public interface is catalog.h.
#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "catalog/catalog_format.h"
#include "catalog/name_index.h"
#include "catalog/parsed_service.h"

namespace rootpol::catalog {

struct Catalog::Impl {
  std::string owned;
  std::string_view text;
  CatalogInfo info;
  std::vector<KeyRec> globals;
  NameIndex globalIndex;  // over globals
  std::vector<std::uint32_t> globalTemplates;
  std::vector<Alias> aliases;
  // One entry per service, sorted by prefix: the start of its `i` line (indexed catalogs) or
  // of its `@` block (catalogs without an index), then a sentinel: the end of the last one.
  std::vector<std::uint32_t> slotLines;
  std::vector<std::string_view> prefixes;  // [slot]
  NameIndex prefixIndex;                   // over prefixes
  bool indexed = false;
  std::size_t bodyStart = 0;
  // Parsed services, filled on first use (the pointers are published under `mutex`).
  std::unique_ptr<std::atomic<const ParsedService*>[]> parsedSlots;
  mutable std::mutex mutex;
  mutable std::vector<std::unique_ptr<ParsedService>> parsedStore;
  mutable std::vector<std::string> problems;

  std::size_t slotCount() const { return slotLines.empty() ? 0 : slotLines.size() - 1; }

  std::string errorAt(std::size_t pos, std::string_view message) const {
    return "catalog line " + std::to_string(lineNumberAt(text, pos)) + ": " + std::string(message);
  }

  void addProblem(std::string message) const {
    const std::lock_guard lock(mutex);
    if (std::find(problems.begin(), problems.end(), message) == problems.end()) {
      problems.push_back(std::move(message));
    }
  }

  // The line [start, next) without its newline.
  std::string_view lineAt(std::uint32_t start, std::uint32_t next) const {
    std::string_view line = text.substr(start, next - start);
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    return line;
  }

  // --- loading -------------------------------------------------------------------------

  // Reads the header, the global keys and the aliases, and finds the index lines (or, without
  // an index, the `@` lines). Service blocks are not read.
  std::string load() {
    if (text.size() > 0xffff'fff0u) return "the catalog is too large (over 4 GB)";
    std::size_t pos = 0;
    const std::string_view first = nextLine(pos);
    if (first.substr(0, kMagic.size()) != kMagic) {
      return "not a rootpol catalog (the first line must start with `#rootpol-catalog 1`)";
    }
    if (std::string error = parseMagic(first.substr(kMagic.size())); !error.empty()) {
      return errorAt(0, error);
    }
    std::vector<std::pair<std::string_view, std::string_view>> aliasLines;
    std::vector<std::size_t> aliasPos;
    // Sections come in the order g, x, i.
    auto rank = [](char kind) { return kind == 'g' ? 0 : kind == 'x' ? 1 : 2; };
    char section = 'g';
    while (pos < text.size() && text[pos] != '@') {
      const std::size_t at = pos;
      const std::string_view line = nextLine(pos);
      if (line.empty()) return errorAt(at, "empty line");
      const char kind = line[0];
      if (kind == '#') continue;
      if ((kind == 'g' || kind == 'x' || kind == 'i') && rank(kind) < rank(section)) {
        return errorAt(at, "the header sections come in the order `g`, `x`, `i`");
      }
      switch (kind) {
        case 'g': {
          std::array<std::string_view, 3> f;
          if (!splitFields(line, f) || f[0] != "g") return errorAt(at, "expected `g KEY TYPE`");
          const auto key = parseKeyFields(f[1], f[2]);
          if (!key) return errorAt(at, "unknown key type `" + std::string(f[2]) + "`");
          if (!globals.empty() && compareIgnoreCase(globals.back().name, key->name) >= 0) {
            return errorAt(at, "global keys are not sorted or not unique");
          }
          if (key->templated) globalTemplates.push_back(static_cast<std::uint32_t>(globals.size()));
          globals.push_back(*key);
          break;
        }
        case 'x': {
          std::array<std::string_view, 3> f;
          if (!splitFields(line, f) || f[0] != "x")
            return errorAt(at, "expected `x PREFIX SERVICE`");
          aliasLines.emplace_back(f[1], f[2]);
          aliasPos.push_back(at);
          break;
        }
        case 'i':
          if (line.size() < 3 || line[1] != '\t')
            return errorAt(at, "expected `i PREFIX OFFSET LENGTH`");
          if (section == 'i' && slotLines.back() != at)
            return errorAt(at, "index lines must be consecutive");
          if (section == 'i') slotLines.pop_back();
          slotLines.push_back(static_cast<std::uint32_t>(at));
          slotLines.push_back(static_cast<std::uint32_t>(pos));  // sentinel, replaced by the next
          break;
        default:
          return errorAt(at, "unexpected line (expected `#`, `g`, `x`, `i` or a `@` block)");
      }
      section = kind;
    }
    bodyStart = pos;
    indexed = !slotLines.empty();
    if (!indexed) {
      // No index (a hand-written catalog): the `@` lines are the slots.
      for (std::size_t p = bodyStart; p < text.size();) {
        const std::size_t start = p;
        nextLine(p);
        if (text[start] == '@') slotLines.push_back(static_cast<std::uint32_t>(start));
      }
      if (!slotLines.empty()) slotLines.push_back(static_cast<std::uint32_t>(text.size()));
    } else if (bodyStart == text.size()) {
      return errorAt(bodyStart, "the catalog has an index but no service blocks");
    }
    // Each service's prefix, read once: every lookup by prefix bisects these.
    prefixes.reserve(slotCount());
    for (std::size_t i = 0; i < slotCount(); ++i) prefixes.push_back(readSlotPrefix(i));
    prefixIndex.build(static_cast<std::uint32_t>(slotCount()), [&](std::uint32_t i) { return prefixes[i]; });
    globalIndex.build(static_cast<std::uint32_t>(globals.size()), [&](std::uint32_t i) { return globals[i].name; });
    parsedSlots = std::make_unique<std::atomic<const ParsedService*>[]>(slotCount());
    for (std::size_t i = 0; i < slotCount(); ++i)
      parsedSlots[i].store(nullptr, std::memory_order_relaxed);
    for (std::size_t i = 0; i < aliasLines.size(); ++i) {
      const std::optional<std::size_t> slot = findSlot(aliasLines[i].second);
      if (!slot) return errorAt(aliasPos[i], "alias names an unknown service");
      aliases.push_back({aliasLines[i].first, *slot, isTemplate(aliasLines[i].first), literalHead(aliasLines[i].first)});
    }
    return "";
  }

  std::string parseMagic(std::string_view rest) {
    std::size_t p = 0;
    bool sawVersion = false;
    while (p < rest.size()) {
      const std::size_t space = rest.find(' ', p);
      const std::string_view word =
          rest.substr(p, space == std::string_view::npos ? space : space - p);
      p = space == std::string_view::npos ? rest.size() : space + 1;
      if (word.empty()) continue;
      if (!sawVersion) {
        std::uint64_t version = 0;
        if (!parseNumber(word, version) || version != kFormatVersion) {
          return "unsupported catalog format `" + std::string(word) + "` (this rootpol reads 1)";
        }
        info.formatVersion = kFormatVersion;
        sawVersion = true;
      } else if (word.starts_with("source=")) {
        info.source = word.substr(7);
      } else if (word.starts_with("generated=")) {
        info.generated = word.substr(10);
      }
    }
    return sawVersion ? "" : "the first line has no format version";
  }

  std::string_view nextLine(std::size_t& pos) const {
    const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
    const std::size_t end =
        nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
    const std::string_view line = text.substr(pos, end - pos);
    pos = nl ? end + 1 : text.size();
    return line;
  }

  // Everything a Full check wants beyond the lazy checks: the index covers the body exactly,
  // the services are sorted, and every line of every block parses.
  std::string checkAll() const {
    std::uint64_t expected = 0;
    for (std::size_t i = 0; i < slotCount(); ++i) {
      const std::string_view prefix = slotPrefix(i);
      if (i > 0 && compareIgnoreCase(slotPrefix(i - 1), prefix) >= 0) {
        return errorAt(slotLines[i], "services are not sorted or not unique");
      }
      if (indexed) {
        const auto block = indexedBlock(i);
        if (!block || block->first != expected) {
          return errorAt(slotLines[i],
                         "index entry does not match the service blocks (re-run "
                         "tools/update-catalog or delete the `i` lines)");
        }
        expected += block->second;
      }
      const ParsedService* s = parsed(i);
      if (!s) return firstProblem();
      for (std::uint32_t r = 0; r < s->resourceCount(); ++r) {
        if (!resource(*s, r)) return firstProblem();
        if (r > 0 && compareIgnoreCase(resourceName(*s, r - 1), resourceName(*s, r)) >= 0) {
          return errorAt(s->lines[s->resBegin + r], "resource types are not sorted or not unique");
        }
      }
      for (std::uint32_t a = 0; a < s->actionCount(); ++a) {
        if (!action(*s, a)) return firstProblem();
        if (a > 0 && compareIgnoreCase(actionName(*s, a - 1), actionName(*s, a)) >= 0) {
          return errorAt(s->lines[s->actBegin + a], "actions are not sorted or not unique");
        }
      }
    }
    if (indexed && expected != text.size() - bodyStart) {
      return errorAt(bodyStart,
                     "the index does not cover the service blocks exactly (re-run "
                     "tools/update-catalog or delete the `i` lines)");
    }
    return "";
  }

  std::string firstProblem() const {
    const std::lock_guard lock(mutex);
    return problems.empty() ? "malformed catalog" : problems.front();
  }

  // --- services ------------------------------------------------------------------------

  std::string_view slotPrefix(std::size_t i) const { return prefixes[i]; }
  std::string_view readSlotPrefix(std::size_t i) const {
    const std::string_view line = lineAt(slotLines[i], slotLines[i + 1]);
    if (indexed) return firstField(line);
    const std::string_view rest = line.substr(1);  // here `line` is the whole `@` block
    return rest.substr(0, rest.find_first_of("\t\n"));
  }

  // Offset (from the body start) and length of an indexed service's block.
  std::optional<std::pair<std::uint64_t, std::uint64_t>> indexedBlock(std::size_t i) const {
    std::array<std::string_view, 4> f;
    std::pair<std::uint64_t, std::uint64_t> block;
    if (!splitFields(lineAt(slotLines[i], slotLines[i + 1]), f) || f[0] != "i" ||
        !parseNumber(f[2], block.first) || !parseNumber(f[3], block.second)) {
      return std::nullopt;
    }
    return block;
  }

  std::optional<std::size_t> findSlot(std::string_view prefix) const {
    return prefixIndex.find(prefix, [&](std::uint32_t i) { return prefixes[i]; });
  }

  // The service, its block scanned on first use; nullptr when the block is malformed (the
  // reason is in problems).
  const ParsedService* parsed(std::size_t slot) const {
    const ParsedService* s = parsedSlots[slot].load(std::memory_order_acquire);
    if (s == nullptr) {
      auto fresh = std::make_unique<ParsedService>();
      std::string error = scanBlock(slot, *fresh);
      const std::lock_guard lock(mutex);
      s = parsedSlots[slot].load(std::memory_order_acquire);
      if (s == nullptr) {
        fresh->ok = error.empty();
        if (!error.empty() &&
            std::find(problems.begin(), problems.end(), error) == problems.end()) {
          problems.push_back(std::move(error));
        }
        s = fresh.get();
        parsedStore.push_back(std::move(fresh));
        parsedSlots[slot].store(s, std::memory_order_release);
      }
    }
    return s->ok ? s : nullptr;
  }

  const ParsedService* parsed(std::string_view prefix) const {
    const std::optional<std::size_t> slot = findSlot(prefix);
    return slot ? parsed(*slot) : nullptr;
  }

  // Finds the block's lines (one memchr each) and parses its `k` lines.
  std::string scanBlock(std::size_t slot, ParsedService& s) const {
    const std::string_view prefix = slotPrefix(slot);
    s.prefix = prefix;
    std::size_t begin = 0, end = 0;
    if (indexed) {
      const auto block = indexedBlock(slot);
      const std::size_t bodySize = text.size() - bodyStart;
      if (!block || block->first >= bodySize || block->second > bodySize - block->first) {
        return errorAt(slotLines[slot],
                       "index entry `i PREFIX OFFSET LENGTH` points outside the service blocks");
      }
      begin = bodyStart + block->first;
      end = begin + block->second;
      if (text[begin - 1] != '\n' ||
          (end < text.size() && (text[end - 1] != '\n' || text[end] != '@'))) {
        return errorAt(slotLines[slot],
                       "index entry does not match the service blocks (re-run "
                       "tools/update-catalog or delete the `i` lines)");
      }
    } else {
      begin = slotLines[slot];
      end = slotLines[slot + 1];
    }
    auto fail = [&](std::size_t at, std::string_view message) {
      return errorAt(at, std::string(message) + " (service `" + std::string(prefix) + "`)");
    };
    std::size_t p = begin;
    {
      const std::string_view head = nextLine(p);
      std::array<std::string_view, 2> f;
      if (!splitFields(head, f) || f[0].substr(1) != prefix || f[0][0] != '@') {
        return fail(begin, "expected `@" + std::string(prefix) + " NAME` (does the index match?)");
      }
      s.name = f[1];
    }
    s.lines.reserve((end - begin) / 32 + 2);
    char stage = 'k';
    s.resBegin = s.actBegin = 0;
    while (p < end) {
      const std::size_t at = p;
      const std::string_view line = nextLine(p);
      if (p > end) p = end;  // a block without its final newline (the end of the text)
      if (line.size() < 3 || line[1] != '\t') return fail(at, "expected a `k`, `r` or `a` line");
      const char kind = line[0];
      if (kind != 'k' && kind != 'r' && kind != 'a')
        return fail(at, "expected a `k`, `r` or `a` line");
      auto rank = [](char c) { return c == 'k' ? 0 : c == 'r' ? 1 : 2; };
      if (rank(kind) < rank(stage)) {
        return fail(at, "the lines of a service come in the order `k`, `r`, `a`");
      }
      if (kind == 'k') {
        std::array<std::string_view, 3> f;
        if (!splitFields(line, f) || f[0] != "k") return fail(at, "expected `k KEY TYPE`");
        const auto key = parseKeyFields(f[1], f[2]);
        if (!key) return fail(at, "unknown key type `" + std::string(f[2]) + "`");
        if (!s.keys.empty() && compareIgnoreCase(s.keys.back().name, key->name) >= 0) {
          return fail(at, "condition keys are not sorted or not unique");
        }
        if (key->templated) s.templatedKeys.push_back(static_cast<std::uint32_t>(s.keys.size()));
        s.keys.push_back(*key);
        continue;
      }
      if (stage == 'k') s.resBegin = s.actBegin = static_cast<std::uint32_t>(s.lines.size());
      if (kind == 'a' && stage != 'a') s.actBegin = static_cast<std::uint32_t>(s.lines.size());
      stage = kind;
      s.lines.push_back(static_cast<std::uint32_t>(at));
    }
    if (stage == 'k') s.resBegin = s.actBegin = static_cast<std::uint32_t>(s.lines.size());
    s.lines.push_back(static_cast<std::uint32_t>(end));
    s.readLines([&](std::uint32_t i) { return lineOf(s, i); });
    return "";
  }

  std::string_view lineOf(const ParsedService& s, std::uint32_t i) const {
    return lineAt(s.lines[i], s.lines[i + 1]);
  }
  std::string_view actionName(const ParsedService& s, std::uint32_t a) const { return s.actionNames()[a]; }
  std::string_view resourceName(const ParsedService& s, std::uint32_t r) const { return s.resourceNames()[r]; }

  std::optional<ResRec> resource(const ParsedService& s, std::uint32_t r) const {
    const std::uint32_t line = s.resBegin + r;
    const LineRefs& read = s.resourceLine(r);
    if (!read.ok) {
      addProblem(errorAt(s.lines[line],
                         "expected `r NAME ARNS KEYS` with KEYS `-` or `,`-separated "
                         "numbers of `k` lines (service `" +
                             std::string(s.prefix) + "`)"));
      return std::nullopt;
    }
    return ResRec{resourceName(s, r), read.arns, s.refsIn(read.middle, read.end)};
  }

  // The resource type of that name (case-insensitive).
  std::optional<ResRec> resource(const ParsedService& s, std::string_view name) const {
    const auto r = s.resourceIndex.find(name, [&](std::uint32_t i) { return resourceName(s, i); });
    return r ? resource(s, *r) : std::nullopt;
  }

  // A resource type's ARN templates, `,`-separated (or `-` for none), as a list.
  static std::vector<std::string_view> arnList(std::string_view arns) {
    std::vector<std::string_view> out;
    if (arns == "-") return out;
    std::size_t p = 0;
    while (p <= arns.size()) {
      const std::size_t comma = std::min(arns.find(',', p), arns.size());
      out.push_back(arns.substr(p, comma - p));
      p = comma + 1;
    }
    return out;
  }

  std::optional<ActRec> action(const ParsedService& s, std::uint32_t a) const {
    const std::uint32_t line = s.actBegin + a;
    const LineRefs& read = s.actionLine(a);
    if (!read.ok) {
      addProblem(errorAt(s.lines[line],
                         "expected `a NAME ACCESS RESOURCES KEYS` (ACCESS letters of "
                         "LRWPT; RESOURCES and KEYS `-` or `,`-separated numbers of "
                         "`r` and `k` lines) (service `" +
                             std::string(s.prefix) + "`)"));
      return std::nullopt;
    }
    return ActRec{actionName(s, a), read.access, s.refsIn(read.first, read.middle), s.refsIn(read.middle, read.end)};
  }

  // --- lookups -------------------------------------------------------------------------

  // The first action whose name is not below `name` (case-insensitive).
  std::uint32_t lowerBound(const ParsedService& s, std::string_view name) const {
    std::uint32_t lo = 0, hi = s.actionCount();
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      if (compareIgnoreCase(actionName(s, mid), name) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  static std::optional<std::uint32_t> findKey(const std::vector<KeyRec>& keys, const NameIndex& index,
                                              std::string_view name) {
    return index.find(name, [&](std::uint32_t i) { return keys[i].name; });
  }

  ConditionKey globalKey(std::size_t i) const {
    return {globals[i].name, globals[i].type, {}, true, globals[i].templated};
  }

  static ConditionKey serviceKey(const ParsedService& s, std::size_t i) {
    return {s.keys[i].name, s.keys[i].type, s.prefix, false, s.keys[i].templated};
  }

  // The slots whose tables may hold a key with this prefix: the service itself, or the
  // services that alias lines name for it.
  std::vector<std::size_t> owners(std::string_view keyPrefix) const {
    std::vector<std::size_t> result;
    if (const auto slot = findSlot(keyPrefix)) result.push_back(*slot);
    for (const Alias& alias : aliases) {
      const bool hit = alias.templated ? templateMatchFrom(alias.head, alias.prefix, keyPrefix)
                                       : equalsIgnoreCase(alias.prefix, keyPrefix);
      if (hit && std::find(result.begin(), result.end(), alias.slot) == result.end()) {
        result.push_back(alias.slot);
      }
    }
    return result;
  }

  std::optional<ConditionKey> conditionKey(std::string_view key) const {
    const std::size_t colon = key.find(':');
    if (colon == 0 || colon == std::string_view::npos) return std::nullopt;
    if (const auto i = findKey(globals, globalIndex, key)) return globalKey(*i);
    const std::vector<std::size_t> candidates = owners(key.substr(0, colon));
    for (std::size_t slot : candidates) {
      if (const ParsedService* s = parsed(slot)) {
        if (const auto i = findKey(s->keys, s->keyIndex, key)) return serviceKey(*s, *i);
      }
    }
    for (std::uint32_t i : globalTemplates) {
      if (templateMatchFrom(globals[i].head, globals[i].name, key)) return globalKey(i);
    }
    for (std::size_t slot : candidates) {
      if (const ParsedService* s = parsed(slot)) {
        for (std::uint32_t i : s->templatedKeys) {
          if (templateMatchFrom(s->keys[i].head, s->keys[i].name, key)) return serviceKey(*s, i);
        }
      }
    }
    return std::nullopt;
  }

  struct Located {
    const ParsedService* service;
    std::uint32_t action;
  };

  std::optional<Located> locate(std::string_view service, std::string_view name) const {
    const ParsedService* s = parsed(service);
    if (!s) return std::nullopt;
    const auto i = s->actionIndex.find(name, [&](std::uint32_t a) { return actionName(*s, a); });
    if (!i) return std::nullopt;
    return Located{s, *i};
  }

  std::optional<Located> locate(std::string_view fullName) const {
    const std::size_t colon = fullName.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    return locate(fullName.substr(0, colon), fullName.substr(colon + 1));
  }

  ActionRef ref(const Located& at) const {
    return {at.service->prefix, actionName(*at.service, at.action)};
  }

  std::optional<ActionResources> actionResources(const Located& at) const {
    const ParsedService& s = *at.service;
    const auto act = action(s, at.action);
    if (!act) return std::nullopt;
    ActionResources out{{s.prefix, act->name}, {}};
    out.resources.reserve(act->resources.size());
    for (std::uint32_t v : act->resources) out.resources.push_back({resourceName(s, v >> 1), (v & 1) != 0});
    return out;
  }

  // The key indices (into the service table) an action supports, sorted and unique.
  std::vector<std::uint32_t> keyIndicesFor(const Located& at) const {
    const ParsedService& s = *at.service;
    const auto act = action(s, at.action);
    if (!act) return {};
    std::vector<std::uint32_t> keys(act->keys.begin(), act->keys.end());
    for (std::uint32_t r : act->resources) {
      if (const auto res = resource(s, r >> 1))
        keys.insert(keys.end(), res->keys.begin(), res->keys.end());
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
  }

  // Whether `pred(k)` holds for a key index keyIndicesFor() lists, without building the list.
  template <typename Pred>
  bool anyKeyIndex(const Located& at, Pred pred) const {
    const ParsedService& s = *at.service;
    const auto act = action(s, at.action);
    if (!act) return false;
    if (std::any_of(act->keys.begin(), act->keys.end(), pred)) return true;
    for (std::uint32_t r : act->resources) {
      const auto res = resource(s, r >> 1);
      if (res && std::any_of(res->keys.begin(), res->keys.end(), pred)) return true;
    }
    return false;
  }

  // Calls visit(ActionRef) for each action the pattern matches, in sorted order, until it
  // returns false.
  template <typename Visit>
  void forEachMatch(std::string_view pattern, Visit&& visit) const {
    const std::size_t colon = pattern.find(':');
    if (colon == std::string_view::npos) {
      // Only stars can stand for the `:` of "service:Action": test the whole name.
      if (pattern.find('*') == std::string_view::npos) return;
      std::string full;
      for (std::size_t i = 0; i < slotCount(); ++i) {
        const ParsedService* s = parsed(i);
        if (!s) continue;
        full.assign(s->prefix);
        full += ':';
        const std::size_t base = full.size();
        for (std::uint32_t a = 0; a < s->actionCount(); ++a) {
          const std::string_view name = actionName(*s, a);
          full.resize(base);
          full += name;
          if (globMatch(pattern, full) && !visit(ActionRef{s->prefix, name})) return;
        }
      }
      return;
    }
    // The text has exactly one `:`, so the pattern's first `:` must be it.
    const std::string_view servicePattern = pattern.substr(0, colon);
    const std::string_view actionPattern = pattern.substr(colon + 1);
    if (actionPattern.find(':') != std::string_view::npos) return;
    // Actions are sorted: only those starting with the pattern's literal head can match.
    const std::string_view literal = actionPattern.substr(0, actionPattern.find_first_of("*?"));
    auto visitService = [&](std::size_t i) {
      const ParsedService* s = parsed(i);
      if (!s) return true;
      for (std::uint32_t a = literal.empty() ? 0 : lowerBound(*s, literal); a < s->actionCount();
           ++a) {
        const std::string_view name = actionName(*s, a);
        if (!startsWithIgnoreCase(name, literal)) break;
        if (globMatch(actionPattern.substr(literal.size()), name.substr(literal.size())) &&
            !visit(ActionRef{s->prefix, name})) {
          return false;
        }
      }
      return true;
    };
    if (!hasWildcard(servicePattern)) {
      if (const auto slot = findSlot(servicePattern)) visitService(*slot);
      return;
    }
    for (std::size_t i = 0; i < slotCount(); ++i) {
      if (globMatch(servicePattern, slotPrefix(i)) && !visitService(i)) return;
    }
  }
};

}  // namespace rootpol::catalog
