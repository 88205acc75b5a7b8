#include "lower/normal_form.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace rootpol::lower {
namespace {

// Two atoms written apart but meaning the same thing share this identity.
std::string identity(const ast::Cond* atom) {
  std::string id;
  for (char c : atom->resolved.awsKey) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  id += '\x1f';
  id += std::to_string(static_cast<int>(atom->op));
  id += atom->rawOperator;  // empty but for raw operators
  for (const ast::Value& v : atom->values) {
    id += '\x1f';
    id += v.text;
  }
  return id;
}

struct KeyedLiteral {
  std::string id;
  bool negated;
  friend auto operator<=>(const KeyedLiteral&, const KeyedLiteral&) = default;
};

// An atom on a friendly key, resolved as the key table resolves it.
std::unique_ptr<ast::Cond> friendlyAtom(std::string name, ast::ResolvedKey resolved, ast::CondOp op, Span origin) {
  auto atom = std::make_unique<ast::Cond>();
  atom->kind = ast::Cond::Kind::Atom;
  atom->span = origin;
  atom->op = op;
  atom->key = ast::KeyRef{ast::KeyRef::Kind::Friendly, std::move(name), "", origin};
  atom->resolved = std::move(resolved);
  return atom;
}

}  // namespace

const ast::Cond* AtomPool::viaAwsService(Span origin) {
  atoms_.push_back(friendlyAtom("via_aws_service", {"aws:ViaAWSService", {ast::Scalar::Bool, false}, false, true},
                                ast::CondOp::IsTrue, origin));
  return atoms_.back().get();
}

const ast::Cond* AtomPool::principalLike(std::vector<ast::Value> patterns, Span origin) {
  atoms_.push_back(friendlyAtom("principal", {"aws:PrincipalArn", {ast::Scalar::Arn, false}, false, true},
                                ast::CondOp::Like, origin));
  atoms_.back()->values = std::move(patterns);
  return atoms_.back().get();
}

const ast::Cond* AtomPool::assumedRoot(Span origin) {
  atoms_.push_back(friendlyAtom("assumed_root", {"aws:AssumedRoot", {ast::Scalar::Bool, false}, false, false},
                                ast::CondOp::Exists, origin));
  return atoms_.back().get();
}

const ast::Cond* AtomPool::withValues(const ast::Cond& atom, std::vector<ast::Value> values) {
  auto copy = std::make_unique<ast::Cond>();
  copy->kind = ast::Cond::Kind::Atom;
  copy->span = atom.span;
  copy->key = atom.key;
  copy->op = atom.op == ast::CondOp::Eq ? ast::CondOp::In : atom.op;
  copy->resolved = atom.resolved;
  copy->values = std::move(values);
  atoms_.push_back(std::move(copy));
  return atoms_.back().get();
}

namespace {

// Set-membership tests whose IAM values are ORed: `in` and `==` (the same operator in IAM)
// and `like`, positive only.
std::optional<int> alternativeFamily(const Literal& l) {
  if (l.negated) return std::nullopt;
  if (l.atom->op == ast::CondOp::In || l.atom->op == ast::CondOp::Eq) return 0;
  if (l.atom->op == ast::CondOp::Like) return 1;
  return std::nullopt;
}

// A conjunction's literal identities as numbers, in order and as a sorted set (conjunctions
// may be long: pairs are compared by one walk over the sets).
struct LiteralIds {
  std::vector<std::uint32_t> ids;
  std::vector<std::uint32_t> sorted;
};

LiteralIds literalIds(const Conjunction& c, std::unordered_map<std::string, std::uint32_t>& numbers) {
  LiteralIds out;
  for (const Literal& l : c) {
    auto [it, fresh] = numbers.try_emplace(identity(l.atom) + (l.negated ? "!" : ""),
                                           static_cast<std::uint32_t>(numbers.size()));
    out.ids.push_back(it->second);
  }
  out.sorted = out.ids;
  std::sort(out.sorted.begin(), out.sorted.end());
  out.sorted.erase(std::unique(out.sorted.begin(), out.sorted.end()), out.sorted.end());
  return out;
}

// The position of the only literal of `c` with identity `id`, if exactly one has it.
std::optional<std::size_t> onlyPosition(const LiteralIds& c, std::uint32_t id) {
  std::optional<std::size_t> at;
  for (std::size_t i = 0; i < c.ids.size(); ++i) {
    if (c.ids[i] != id) continue;
    if (at) return std::nullopt;
    at = i;
  }
  return at;
}

// If `a` and `b` differ in exactly one literal each, and those two can be joined, the joined
// conjunction.
std::optional<Conjunction> joinAlternatives(const Conjunction& a, const LiteralIds& ia, const Conjunction& b,
                                            const LiteralIds& ib, AtomPool& pool) {
  if (a.size() != b.size()) return std::nullopt;
  std::vector<std::uint32_t> onlyInA, onlyInB;
  auto p = ia.sorted.begin(), q = ib.sorted.begin();
  while (p != ia.sorted.end() || q != ib.sorted.end()) {
    if (q == ib.sorted.end() || (p != ia.sorted.end() && *p < *q)) {
      onlyInA.push_back(*p++);
    } else if (p == ia.sorted.end() || *q < *p) {
      onlyInB.push_back(*q++);
    } else {
      ++p;
      ++q;
    }
    if (onlyInA.size() > 1 || onlyInB.size() > 1) return std::nullopt;
  }
  if (onlyInA.size() != 1 || onlyInB.size() != 1) return std::nullopt;
  std::optional<std::size_t> onlyA = onlyPosition(ia, onlyInA.front());
  std::optional<std::size_t> onlyB = onlyPosition(ib, onlyInB.front());
  if (!onlyA || !onlyB) return std::nullopt;
  const Literal& x = a[*onlyA];
  const Literal& y = b[*onlyB];
  auto family = alternativeFamily(x);
  if (!family || family != alternativeFamily(y)) return std::nullopt;
  const ast::ResolvedKey& kx = x.atom->resolved;
  const ast::ResolvedKey& ky = y.atom->resolved;
  if (kx.awsKey != ky.awsKey || !(kx.type == ky.type) || kx.network != ky.network) return std::nullopt;
  std::vector<ast::Value> values = x.atom->values;
  values.insert(values.end(), y.atom->values.begin(), y.atom->values.end());
  Conjunction joined = a;
  joined[*onlyA] = Literal{pool.withValues(*x.atom, std::move(values)), false};
  return joined;
}

}  // namespace

Disjunction mergeAlternatives(Disjunction dnf, AtomPool& pool) {
  std::unordered_map<std::string, std::uint32_t> numbers;
  std::vector<LiteralIds> ids;  // computed once per conjunction, not once per pair
  for (const Conjunction& c : dnf) ids.push_back(literalIds(c, numbers));
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < dnf.size() && !changed; ++i) {
      for (std::size_t j = i + 1; j < dnf.size() && !changed; ++j) {
        if (auto joined = joinAlternatives(dnf[i], ids[i], dnf[j], ids[j], pool)) {
          dnf[i] = std::move(*joined);
          ids[i] = literalIds(dnf[i], numbers);
          dnf.erase(dnf.begin() + static_cast<std::ptrdiff_t>(j));
          ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(j));
          changed = true;
        }
      }
    }
  }
  return dnf;
}

std::optional<Disjunction> conjoin(const Disjunction& a, const Disjunction& b, std::size_t maxConjunctions) {
  if (a.size() * b.size() > maxConjunctions) return std::nullopt;
  Disjunction out;
  for (const Conjunction& x : a) {
    for (const Conjunction& y : b) {
      Conjunction both = x;
      both.insert(both.end(), y.begin(), y.end());
      out.push_back(std::move(both));
    }
  }
  return out;
}

std::optional<Disjunction> toDnf(const ast::Cond& cond, bool negate, NetworkGuard guard,
                                 AtomPool& pool, std::size_t maxConjunctions) {
  switch (cond.kind) {
    case ast::Cond::Kind::Atom: {
      Literal literal{&cond, negate};
      if (!cond.resolved.network || guard == NetworkGuard::None) return Disjunction{{literal}};
      const ast::Cond* via = pool.viaAwsService(cond.span);
      if (guard == NetworkGuard::AndNotVia) return Disjunction{{literal, Literal{via, true}}};
      return Disjunction{{literal}, {Literal{via, false}}};
    }
    case ast::Cond::Kind::Not:
      return toDnf(*cond.children.at(0), !negate, guard, pool, maxConjunctions);
    case ast::Cond::Kind::And:
    case ast::Cond::Kind::Or: {
      // De Morgan: a negated `and` is an `or` of negations, and the other way round.
      bool conjunctive = (cond.kind == ast::Cond::Kind::And) != negate;
      std::optional<Disjunction> acc;
      std::optional<Conjoiner> product;
      for (const auto& child : cond.children) {
        auto part = toDnf(*child, negate, guard, pool, maxConjunctions);
        if (!part) return std::nullopt;
        if (!acc && !product) {
          if (conjunctive) {
            product.emplace(std::move(*part), maxConjunctions);
          } else {
            acc = std::move(part);
          }
        } else if (conjunctive) {
          if (!product->add(*part)) return std::nullopt;
        } else {
          acc->insert(acc->end(), part->begin(), part->end());
          if (acc->size() > maxConjunctions) return std::nullopt;
        }
      }
      if (product) return product->take();
      return acc.value_or(Disjunction{});
    }
  }
  return std::nullopt;
}

Disjunction simplify(Disjunction dnf) {
  std::vector<std::pair<std::vector<KeyedLiteral>, Conjunction>> kept;
  for (Conjunction& c : dnf) {
    // Drop duplicate literals, keeping the first (source) order.
    Conjunction unique;
    std::set<KeyedLiteral> seen;  // a set: conjunctions may be long (linear chains of `and`)
    bool contradiction = false;
    for (const Literal& l : c) {
      KeyedLiteral k{identity(l.atom), l.negated};
      if (seen.count(k) > 0) continue;
      if (seen.count(KeyedLiteral{k.id, !k.negated}) > 0) contradiction = true;
      seen.insert(std::move(k));
      unique.push_back(l);
    }
    if (contradiction) continue;
    // The set iterates in sorted order, as std::includes below needs.
    kept.emplace_back(std::vector<KeyedLiteral>(seen.begin(), seen.end()), std::move(unique));
  }
  // x or (x and y) is x: drop every conjunction that contains another one.
  Disjunction out;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    bool subsumed = false;
    for (std::size_t j = 0; j < kept.size() && !subsumed; ++j) {
      if (i == j) continue;
      const auto& small = kept[j].first;
      const auto& big = kept[i].first;
      bool contains = small.size() <= big.size() && std::includes(big.begin(), big.end(), small.begin(), small.end());
      // Equal conjunctions: keep the first only.
      subsumed = contains && (small.size() < big.size() || j < i);
    }
    if (!subsumed) out.push_back(std::move(kept[i].second));
  }
  return out;
}

Conjoiner::Conjoiner(Disjunction initial, std::size_t maxConjunctions)
    : acc_(std::move(initial)), max_(maxConjunctions) {}

bool Conjoiner::add(const Disjunction& part) {
  if (acc_.empty()) return true;  // false and anything: still false (simplify keeps it empty)
  if (simplified_ && part.size() == 1) {
    addConjunction(part.front());
    return true;
  }
  auto next = conjoin(acc_, part, max_);
  if (!next) return false;
  acc_ = simplify(std::move(*next));
  simplified_ = true;
  haveState_ = false;
  return true;
}

std::uint32_t Conjoiner::code(const Literal& literal) {
  auto [it, fresh] = ids_.try_emplace(identity(literal.atom), static_cast<std::uint32_t>(ids_.size()));
  return it->second * 2 + (literal.negated ? 1 : 0);
}

void Conjoiner::buildState() {
  codes_.assign(acc_.size(), {});
  for (std::size_t i = 0; i < acc_.size(); ++i) {
    for (const Literal& l : acc_[i]) codes_[i].insert(code(l));
  }
  difference_.assign(acc_.size(), std::vector<std::size_t>(acc_.size(), 0));
  for (std::size_t j = 0; j < acc_.size(); ++j) {
    for (std::size_t i = 0; i < acc_.size(); ++i) {
      if (i == j) continue;
      for (std::uint32_t c : codes_[j]) difference_[j][i] += codes_[i].count(c) == 0 ? 1 : 0;
    }
  }
  haveState_ = true;
}

// simplify(conjoin(acc_, {part})) for a simplified acc_ (no contradiction, no duplicate
// literal, no conjunction inside another): each C_i becomes C_i followed by the literals of
// `part` it lacks; it is dropped if that contradicts, or if some other C_j ends up inside it
// (C_j \ C_i made only of part's literals) and is smaller or, when equal, comes first.
void Conjoiner::addConjunction(const Conjunction& part) {
  if (!haveState_) buildState();
  std::vector<std::pair<Literal, std::uint32_t>> added;  // part's literals, first occurrences
  std::unordered_set<std::uint32_t> addedCodes;
  bool selfContradiction = false;
  for (const Literal& l : part) {
    std::uint32_t c = code(l);
    if (!addedCodes.insert(c).second) continue;
    selfContradiction = selfContradiction || addedCodes.count(c ^ 1) > 0;
    added.emplace_back(l, c);
  }
  const std::size_t k = acc_.size();
  // has[i][a]: conjunction i already has added literal a.
  std::vector<std::vector<bool>> has(k, std::vector<bool>(added.size()));
  std::vector<bool> contradicts(k, selfContradiction);
  std::vector<std::size_t> newSize(k);
  for (std::size_t i = 0; i < k; ++i) {
    newSize[i] = codes_[i].size();
    for (std::size_t a = 0; a < added.size(); ++a) {
      has[i][a] = codes_[i].count(added[a].second) > 0;
      if (!has[i][a]) ++newSize[i];
      if (codes_[i].count(added[a].second ^ 1) > 0) contradicts[i] = true;
    }
  }
  auto newDifference = [&](std::size_t j, std::size_t i) {
    std::size_t d = difference_[j][i];
    for (std::size_t a = 0; a < added.size(); ++a) d -= has[j][a] && !has[i][a] ? 1 : 0;
    return d;
  };
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < k; ++i) {
    if (contradicts[i]) continue;
    bool subsumed = false;
    for (std::size_t j = 0; j < k && !subsumed; ++j) {
      if (j == i || contradicts[j]) continue;
      subsumed = newDifference(j, i) == 0 && (newSize[j] < newSize[i] || j < i);
    }
    if (!subsumed) kept.push_back(i);
  }
  Disjunction acc;
  std::vector<std::unordered_set<std::uint32_t>> codes;
  std::vector<std::vector<std::size_t>> difference(kept.size(), std::vector<std::size_t>(kept.size(), 0));
  for (std::size_t x = 0; x < kept.size(); ++x) {
    std::size_t i = kept[x];
    for (std::size_t a = 0; a < added.size(); ++a) {
      if (has[i][a]) continue;
      acc_[i].push_back(added[a].first);
      codes_[i].insert(added[a].second);
    }
    acc.push_back(std::move(acc_[i]));
    codes.push_back(std::move(codes_[i]));
    for (std::size_t y = 0; y < kept.size(); ++y) {
      if (x != y) difference[x][y] = newDifference(i, kept[y]);
    }
  }
  acc_ = std::move(acc);
  codes_ = std::move(codes);
  difference_ = std::move(difference);
}

}  // namespace rootpol::lower
