#pragma once

#include <memory>
#include <optional>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
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
  // `assumed_root exists`: the request comes from an sts:AssumeRoot session.
  const ast::Cond* assumedRoot(Span origin);
  // A copy of `atom` testing `values` instead of its own.
  const ast::Cond* withValues(const ast::Cond& atom, std::vector<ast::Value> values);

 private:
  std::vector<std::unique_ptr<ast::Cond>> atoms_;
};

// How network literals (source_ip & co.) are guarded with aws:ViaAWSService, so that a
// network test never decides a call that an AWS service makes for the principal (such a call
// carries no caller network). Each network literal L, after negation is pushed down, becomes
// (L and not via) in a deny rule and (L or via) in an allow rule; `strict` rules get none.
enum class NetworkGuard { None, AndNotVia, OrVia };

// Disjunctive normal form of `cond` (negated if `negate`), with network literals guarded as
// `guard` says. Returns nullopt when it would exceed `maxConjunctions`. Conjunctions holding
// an atom and its negation are dropped, duplicate literals are merged and conjunctions implied
// by a smaller one are removed.
std::optional<Disjunction> toDnf(const ast::Cond& cond, bool negate, NetworkGuard guard,
                                 AtomPool& pool, std::size_t maxConjunctions);

// The conjunction of two disjunctions (distributes), or nullopt past `maxConjunctions`.
std::optional<Disjunction> conjoin(const Disjunction& a, const Disjunction& b, std::size_t maxConjunctions);

// Joins alternatives that differ only in one positive `in`/`==` or `like` test of the same
// key: (C and k in A) or (C and k in B) is C and k in A∪B, one statement instead of two.
Disjunction mergeAlternatives(Disjunction dnf, AtomPool& pool);

// Removes contradictory conjunctions, duplicate literals and subsumed conjunctions.
Disjunction simplify(Disjunction dnf);

// The AND of `initial` and of the disjunctions added one by one, each step computing exactly
// `simplify(conjoin(acc, part))`. Adding a single conjunction (an atom, a `when` clause
// without `or`) updates the result from the added literals alone, so a long `and` chain or
// many `when` clauses cost time linear in their length, not quadratic.
class Conjoiner {
 public:
  Conjoiner(Disjunction initial, std::size_t maxConjunctions);
  // False past `maxConjunctions`; the accumulated result is then meaningless.
  bool add(const Disjunction& part);
  const Disjunction& result() const { return acc_; }
  Disjunction take() { return std::move(acc_); }

 private:
  std::uint32_t code(const Literal& literal);  // 2 * (atom identity number) + negated
  void buildState();
  void addConjunction(const Conjunction& part);

  Disjunction acc_;
  std::size_t max_;
  bool simplified_ = false;  // acc_ is the output of simplify()
  // Valid while `haveState_`: each conjunction's literal codes, and for each ordered pair
  // (j, i) of conjunctions the size of the difference C_j \ C_i (0: C_j is inside C_i).
  bool haveState_ = false;
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::unordered_set<std::uint32_t>> codes_;
  std::vector<std::vector<std::size_t>> difference_;
};

}  // namespace rootpol::lower
