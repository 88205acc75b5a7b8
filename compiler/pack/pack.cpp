// Packing merged statements into parts: see pack.h.
#include "pack/pack.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <tuple>
#include <utility>

namespace rootpol::pack {
namespace {

// A statement to place: whole, or (splittable) as slices of its Action list. Sizes are weights:
// a statement's bytes plus the comma that separates it from the next in a part.
struct Item {
  policy::Statement statement;
  std::size_t first = 0;  // its first input statement: the order of the output
  std::size_t whole = 0;
  bool splittable = false;
  std::size_t fixed = 0;               // the weight of the statement without its action list
  std::vector<std::size_t> prefix;     // prefix sums of the actions' JSON string sizes
  std::size_t chunk(std::size_t begin, std::size_t end) const {
    const std::size_t m = end - begin, sum = prefix[end] - prefix[begin];
    return fixed + (m == 1 ? sum : 2 + sum + (m - 1));
  }
};

struct Piece {
  std::size_t item = 0, begin = 0, end = 0;
  bool whole = true;
};

struct Bin {
  std::size_t used = 0;
  std::vector<Piece> pieces;
};

// Search steps the exact packing of unsplittable statements may take before giving up.
constexpr std::size_t kSearchBudget = 200000;

class Packer {
 public:
  Packer(const policy::Document& like, std::size_t capacity) : like_(like) {
    overhead_ = documentOverhead(like);
    capacity_ = capacity + 1 >= overhead_ ? capacity + 1 - overhead_ : 0;
  }

  std::size_t statementSize(const policy::Statement& s) const {
    policy::Document one;
    one.version = like_.version;
    one.id = like_.id;
    one.statements.push_back(s);
    return policy::jsonSize(one) - overhead_;
  }

  Item makeItem(policy::Statement statement, std::size_t first) const {
    Item item;
    item.first = first;
    item.whole = statementSize(statement) + 1;
    item.splittable = !statement.notAction && statement.actions.size() >= 2;
    if (item.splittable) {
      policy::Statement bare = statement;
      bare.actions.clear();
      item.fixed = statementSize(bare) + 1 - 2;  // an empty list is written `[]`
      item.prefix.push_back(0);
      for (const std::string& action : statement.actions) {
        bare.actions.assign(1, action);
        item.prefix.push_back(item.prefix.back() + statementSize(bare) + 1 - item.fixed);
      }
    }
    item.statement = std::move(statement);
    return item;
  }

  // Whether `item` can be placed at all: whole, or one action at a time.
  bool placeable(const Item& item) const {
    if (item.whole <= capacity_) return true;
    if (!item.splittable) return false;
    for (std::size_t i = 0; i + 1 < item.prefix.size(); ++i) {
      if (item.chunk(i, i + 1) > capacity_) return false;
    }
    return true;
  }

  std::optional<std::vector<Bin>> pack(const std::vector<Item>& items, std::size_t k) {
    items_ = &items;
    std::size_t total = 0, maxFixed = 0;
    for (const Item& item : items) {
      total += item.whole;
      maxFixed = std::max(maxFixed, item.fixed);
    }
    // Soft capacities first, so that parts come out balanced (room to grow, no near-quota part):
    // the average part, then 5% more, then the quota.
    const std::size_t average = (total + k - 1) / k + maxFixed;
    for (std::size_t cap : {std::min(capacity_, average), std::min(capacity_, average + total / (20 * k)), capacity_}) {
      if (auto bins = tryPack(k, cap)) return bins;
    }
    return std::nullopt;
  }

  std::size_t capacity() const { return capacity_; }
  std::size_t overhead() const { return overhead_; }

 private:
  std::optional<std::vector<Bin>> tryPack(std::size_t k, std::size_t cap) {
    cap_ = cap;
    std::vector<std::size_t> whole, split;
    for (std::size_t i = 0; i < items_->size(); ++i) ((*items_)[i].splittable ? split : whole).push_back(i);
    auto larger = [&](std::size_t a, std::size_t b) {
      return std::pair((*items_)[b].whole, a) < std::pair((*items_)[a].whole, b);
    };
    std::sort(whole.begin(), whole.end(), larger);
    std::sort(split.begin(), split.end(), larger);
    std::vector<Bin> bins(k);
    if (!placeWhole(whole, bins)) return std::nullopt;
    for (std::size_t i : split) {
      if (!placeSplit(i, bins)) return std::nullopt;
    }
    return bins;
  }

  void put(Bin& bin, Piece piece) {
    const Item& item = (*items_)[piece.item];
    bin.used += piece.whole ? item.whole : item.chunk(piece.begin, piece.end);
    bin.pieces.push_back(piece);
  }

  // Worst-fit decreasing (balanced parts), else first-fit decreasing, else an exact search.
  bool placeWhole(const std::vector<std::size_t>& order, std::vector<Bin>& bins) {
    for (bool worst : {true, false}) {
      std::vector<Bin> trial = bins;
      bool ok = true;
      for (std::size_t i : order) {
        auto fits = [&](const Bin& b) { return b.used + (*items_)[i].whole <= cap_; };
        auto it = worst ? std::min_element(trial.begin(), trial.end(), [](const Bin& a, const Bin& b) { return a.used < b.used; })
                        : std::find_if(trial.begin(), trial.end(), fits);
        if (it == trial.end() || !fits(*it)) {
          ok = false;
          break;
        }
        put(*it, Piece{i});
      }
      if (ok) {
        bins = std::move(trial);
        return true;
      }
    }
    std::size_t budget = kSearchBudget;
    return search(order, 0, bins, budget);
  }

  // Depth-first over the statements, largest first; bins with equal load are tried once.
  bool search(const std::vector<std::size_t>& order, std::size_t at, std::vector<Bin>& bins, std::size_t& budget) {
    if (at == order.size()) return true;
    const std::size_t weight = (*items_)[order[at]].whole;
    std::vector<std::size_t> tried;
    for (Bin& bin : bins) {
      if (bin.used + weight > cap_ || std::find(tried.begin(), tried.end(), bin.used) != tried.end()) continue;
      if (budget == 0) return false;
      --budget;
      tried.push_back(bin.used);
      put(bin, Piece{order[at]});
      if (search(order, at + 1, bins, budget)) return true;
      bin.used -= weight;
      bin.pieces.pop_back();
    }
    return false;
  }

  // Whole into the emptiest part when it fits there; else slices, each as long as the emptiest
  // part not yet holding a slice of it takes.
  bool placeSplit(std::size_t i, std::vector<Bin>& bins) {
    const Item& item = (*items_)[i];
    auto emptiest = [&](const std::vector<bool>& taken) {
      std::size_t best = bins.size();
      for (std::size_t b = 0; b < bins.size(); ++b) {
        if (!taken[b] && (best == bins.size() || bins[b].used < bins[best].used)) best = b;
      }
      return best;
    };
    std::vector<bool> taken(bins.size(), false);
    std::size_t b = emptiest(taken);
    if (bins[b].used + item.whole <= cap_) {
      put(bins[b], Piece{i});
      return true;
    }
    const std::size_t n = item.prefix.size() - 1;
    for (std::size_t begin = 0; begin < n;) {
      if (b == bins.size()) return false;
      std::size_t lo = 0, hi = n - begin;  // the longest slice that fits: monotone in length
      while (lo < hi) {
        std::size_t mid = (lo + hi + 1) / 2;
        if (bins[b].used + item.chunk(begin, begin + mid) <= cap_) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      if (lo == 0) return false;
      put(bins[b], Piece{i, begin, begin + lo, false});
      begin += lo;
      taken[b] = true;
      b = emptiest(taken);
    }
    return true;
  }

  const policy::Document& like_;
  std::size_t overhead_ = 0;
  std::size_t capacity_ = 0;  // in weights: the quota less the document's header, plus one comma
  std::size_t cap_ = 0;
  const std::vector<Item>* items_ = nullptr;
};

policy::Document partOf(const policy::Document& like, const std::vector<Item>& items, Bin bin) {
  std::sort(bin.pieces.begin(), bin.pieces.end(), [&](const Piece& a, const Piece& b) {
    return std::tie(items[a.item].first, a.begin) < std::tie(items[b.item].first, b.begin);
  });
  policy::Document out;
  out.version = like.version;
  out.id = like.id;
  out.span = like.span;
  for (const Piece& piece : bin.pieces) {
    policy::Statement s = items[piece.item].statement;
    if (!piece.whole) s.actions = std::vector<std::string>(s.actions.begin() + piece.begin, s.actions.begin() + piece.end);
    out.statements.push_back(std::move(s));
  }
  return out;
}

std::size_t firstPlace(const Bin& bin, const std::vector<Item>& items) {
  std::size_t out = SIZE_MAX;
  for (const Piece& p : bin.pieces) out = std::min(out, items[p.item].first);
  return out;
}

}  // namespace

std::size_t documentOverhead(const policy::Document& like) {
  policy::Document empty;
  empty.version = like.version;
  empty.id = like.id;
  return policy::jsonSize(empty);
}

Packed packDocument(const policy::Document& document, const PackOptions& options) {
  MergeOptions mergeOptions = options.mergeOptions;
  if (!options.merge) mergeOptions.pinned.assign(document.statements.size(), true);
  std::vector<MergedStatement> merged = mergeStatements(document, mergeOptions);
  if (options.wildcardActions) {
    for (MergedStatement& m : merged) {
      compressActions(m.statement, options.wildcardActions);
      tidyStatement(m.statement, policy::variablesApply(document));
    }
  }
  Packed out;
  policy::Document whole = documentOf(document, merged);
  const std::string json = policy::toJson(whole);
  out.mergedBytes = json.size();
  if (out.mergedBytes <= options.capacity) {
    out.parts.push_back(std::move(whole));
    return out;
  }
  Packer packer(document, options.capacity);
  std::vector<Item> items;
  for (MergedStatement& m : merged) {
    Item item = packer.makeItem(m.statement, m.members.front());
    if (packer.placeable(item)) {
      items.push_back(std::move(item));
      continue;
    }
    // Merging made it too large and unsplittable: its input statements go one by one.
    for (std::size_t member : m.members) {
      policy::Statement alone = document.statements[member];
      tidyStatement(alone, policy::variablesApply(document));
      Item single = packer.makeItem(std::move(alone), member);
      if (!packer.placeable(single)) {
        out.oversized = member;
        out.oversizedBytes = single.whole - 1 + packer.overhead();
        return out;
      }
      items.push_back(std::move(single));
    }
  }
  std::size_t total = 0;
  for (const Item& item : items) total += item.whole;
  const std::size_t cap = std::max<std::size_t>(packer.capacity(), 1);
  for (std::size_t k = std::max<std::size_t>(1, (total + cap - 1) / cap); k <= options.maxParts; ++k) {
    std::optional<std::vector<Bin>> bins = packer.pack(items, k);
    if (!bins) continue;
    std::vector<Bin> used;
    for (Bin& bin : *bins) {
      if (!bin.pieces.empty()) used.push_back(std::move(bin));
    }
    std::sort(used.begin(), used.end(), [&](const Bin& a, const Bin& b) { return firstPlace(a, items) < firstPlace(b, items); });
    for (Bin& bin : used) out.parts.push_back(partOf(document, items, std::move(bin)));
    return out;
  }
  out.partsNeeded = options.maxParts + 1;
  return out;
}

}  // namespace rootpol::pack
