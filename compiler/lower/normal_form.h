#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ast/ast.h"

namespace rootpol::lower {

// A condition atom, possibly negated. Atoms are owned by the AST or by an AtomPool.
struct Literal {
  const ast::Cond* atom = nullptr;
  bool negated = false;
};

using Conjunction = std::vector<Literal>;
using Disjunction = std::vector<Conjunction>;

// Synthetic atoms that the lowering adds (the aws:ViaAWSService guard, principals).
class AtomPool {
 public:
  const ast::Cond* viaAwsService(Span origin);
  const ast::Cond* principalLike(std::vector<ast::Value> patterns, Span origin);

 private:
  std::vector<std::unique_ptr<ast::Cond>> atoms_;
};

// Disjunctive normal form of `cond` (negated if `negate`), with network atoms read as
// (atom or via_aws_service) unless `strict`. Returns nullopt when it would exceed
// `maxConjunctions`. Conjunctions holding an atom and its negation are dropped, duplicate
// literals are merged and conjunctions implied by a smaller one are removed.
std::optional<Disjunction> toDnf(const ast::Cond& cond, bool negate, bool strict, AtomPool& pool,
                                 std::size_t maxConjunctions);

// The conjunction of two disjunctions (distributes), or nullopt past `maxConjunctions`.
std::optional<Disjunction> conjoin(const Disjunction& a, const Disjunction& b, std::size_t maxConjunctions);

// Removes contradictory conjunctions, duplicate literals and subsumed conjunctions.
Disjunction simplify(Disjunction dnf);

// The AND of `initial` and of the disjunctions added one by one, each step computing exactly
// `simplify(conjoin(acc, part))`. Adding a single conjunction to a single conjunction only
// looks at the added literals, so a long `and` chain or many `when` clauses stay linear.
class Conjoiner {
 public:
  Conjoiner(Disjunction initial, std::size_t maxConjunctions);
  // False past `maxConjunctions`; the accumulated result is then meaningless.
  bool add(const Disjunction& part);
  const Disjunction& result() const { return acc_; }
  Disjunction take() { return std::move(acc_); }

 private:
  Disjunction acc_;
  std::size_t max_;
  bool simplified_ = false;  // acc_ is the output of simplify()
  // While acc_ is one simplified conjunction: its literals as (identity, negated).
  std::set<std::pair<std::string, bool>> seen_;
  bool seenValid_ = false;
};

}  // namespace rootpol::lower
