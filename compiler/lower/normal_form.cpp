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

std::vector<KeyedLiteral> keyed(const Conjunction& c) {
  std::vector<KeyedLiteral> out;
  for (const Literal& l : c) out.push_back({identity(l.atom), l.negated});
  std::sort(out.begin(), out.end());
  return out;
}

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
      for (const auto& child : cond.children) {
        auto part = toDnf(*child, negate, strict, pool, maxConjunctions);
        if (!part) return std::nullopt;
        if (!acc) {
          acc = std::move(part);
        } else if (conjunctive) {
          acc = conjoin(*acc, *part, maxConjunctions);
          if (!acc) return std::nullopt;
          acc = simplify(std::move(*acc));
        } else {
          acc->insert(acc->end(), part->begin(), part->end());
          if (acc->size() > maxConjunctions) return std::nullopt;
        }
      }
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
    std::vector<KeyedLiteral> seen;
    bool contradiction = false;
    for (const Literal& l : c) {
      KeyedLiteral k{identity(l.atom), l.negated};
      if (std::find(seen.begin(), seen.end(), k) != seen.end()) continue;
      if (std::find(seen.begin(), seen.end(), KeyedLiteral{k.id, !k.negated}) != seen.end()) contradiction = true;
      seen.push_back(k);
      unique.push_back(l);
    }
    if (contradiction) continue;
    kept.emplace_back(keyed(unique), std::move(unique));
  }
  // x or (x and y) is x: drop every conjunction that contains another one.
  Disjunction out;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    bool subsumed = false;
    for (std::size_t j = 0; j < kept.size() && !subsumed; ++j) {
      if (i == j) continue;
      const auto& small = kept[j].first;
      const auto& big = kept[i].first;
      bool contains = std::includes(big.begin(), big.end(), small.begin(), small.end());
      // Equal conjunctions: keep the first only.
      subsumed = contains && (small.size() < big.size() || j < i);
    }
    if (!subsumed) out.push_back(std::move(kept[i].second));
  }
  return out;
}

}  // namespace rootpol::lower
