#include "lower/normal_form.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace rootpol::lower {
namespace {

// Two atoms written apart but meaning the same thing share this identity.
std::string identity(const ast::Cond* atom) {
  std::string id;
  for (char c : atom->resolved.awsKey) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  id += '\x1f';
  id += std::to_string(static_cast<int>(atom->op));
  for (const ast::Value& v : atom->values) {
    id += '\x1f';
    id += v.text;
  }
  return id;
}

struct KeyedLiteral {
  std::string id;
  bool negated;
  friend bool operator==(const KeyedLiteral&, const KeyedLiteral&) = default;
  friend auto operator<=>(const KeyedLiteral&, const KeyedLiteral&) = default;
};

}  // namespace

const ast::Cond* AtomPool::viaAwsService(Span origin) {
  auto atom = std::make_unique<ast::Cond>();
  atom->kind = ast::Cond::Kind::Atom;
  atom->span = origin;
  atom->op = ast::CondOp::IsTrue;
  atom->key = ast::KeyRef{ast::KeyRef::Kind::Friendly, "via_aws_service", "", origin};
  atom->resolved = ast::ResolvedKey{"aws:ViaAWSService", {ast::Scalar::Bool, false}, false, true};
  atoms_.push_back(std::move(atom));
  return atoms_.back().get();
}

const ast::Cond* AtomPool::principalLike(std::vector<ast::Value> patterns, Span origin) {
  auto atom = std::make_unique<ast::Cond>();
  atom->kind = ast::Cond::Kind::Atom;
  atom->span = origin;
  atom->op = ast::CondOp::Like;
  atom->key = ast::KeyRef{ast::KeyRef::Kind::Friendly, "principal", "", origin};
  atom->resolved = ast::ResolvedKey{"aws:PrincipalArn", {ast::Scalar::Arn, false}, false, true};
  atom->values = std::move(patterns);
  atoms_.push_back(std::move(atom));
  return atoms_.back().get();
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

std::optional<Disjunction> toDnf(const ast::Cond& cond, bool negate, bool strict, AtomPool& pool,
                                 std::size_t maxConjunctions) {
  switch (cond.kind) {
    case ast::Cond::Kind::Atom: {
      if (cond.resolved.network && !strict) {
        // (atom or via_aws_service): calls that AWS services make for the principal carry
        // no caller network, so a network rule must not judge them.
        const ast::Cond* via = pool.viaAwsService(cond.span);
        if (negate) return Disjunction{{Literal{&cond, true}, Literal{via, true}}};
        return Disjunction{{Literal{&cond, false}}, {Literal{via, false}}};
      }
      return Disjunction{{Literal{&cond, negate}}};
    }
    case ast::Cond::Kind::Not:
      return toDnf(*cond.children.at(0), !negate, strict, pool, maxConjunctions);
    case ast::Cond::Kind::And:
    case ast::Cond::Kind::Or: {
      // De Morgan: a negated `and` is an `or` of negations, and the other way round.
      bool conjunctive = (cond.kind == ast::Cond::Kind::And) != negate;
      std::optional<Disjunction> acc;
      std::optional<Conjoiner> product;
      for (const auto& child : cond.children) {
        auto part = toDnf(*child, negate, strict, pool, maxConjunctions);
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
  if (simplified_ && acc_.size() == 1 && part.size() == 1) {
    // simplify(conjoin({c}, {p})) is c followed by the literals of p not yet in it, or
    // nothing when one contradicts a literal before it: computed from p's literals alone.
    if (!seenValid_) {
      seen_.clear();
      for (const Literal& l : acc_.front()) seen_.emplace(identity(l.atom), l.negated);
      seenValid_ = true;
    }
    for (const Literal& l : part.front()) {
      std::string id = identity(l.atom);
      if (seen_.count({id, l.negated}) > 0) continue;
      if (seen_.count({id, !l.negated}) > 0) {
        acc_.clear();
        seen_.clear();
        return true;
      }
      seen_.emplace(std::move(id), l.negated);
      acc_.front().push_back(l);
    }
    return true;
  }
  auto next = conjoin(acc_, part, max_);
  if (!next) return false;
  acc_ = simplify(std::move(*next));
  simplified_ = true;
  seenValid_ = false;
  return true;
}

}  // namespace rootpol::lower
