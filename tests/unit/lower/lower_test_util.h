#pragma once

// Builders of checked condition trees for the lowering tests (what sema would produce).
#include <memory>
#include <string>
#include <vector>

#include "ast/ast.h"

namespace rootpol::lower::testutil {

inline std::unique_ptr<ast::Cond> atom(const std::string& awsKey, ast::CondOp op, std::vector<std::string> values = {},
                                       ast::Type type = {ast::Scalar::String, false}, bool network = false,
                                       bool alwaysPresent = false) {
  auto a = std::make_unique<ast::Cond>();
  a->kind = ast::Cond::Kind::Atom;
  a->op = op;
  a->key = ast::KeyRef{ast::KeyRef::Kind::Raw, awsKey, "", Span{}};
  a->resolved = ast::ResolvedKey{awsKey, type, network, alwaysPresent};
  for (std::string& v : values) a->values.push_back(ast::Value{std::move(v), Span{}});
  return a;
}

inline std::unique_ptr<ast::Cond> boolKey(const std::string& awsKey, bool alwaysPresent = false) {
  return atom(awsKey, ast::CondOp::IsTrue, {}, {ast::Scalar::Bool, false}, false, alwaysPresent);
}

inline std::unique_ptr<ast::Cond> node(ast::Cond::Kind kind, std::vector<std::unique_ptr<ast::Cond>> children) {
  auto n = std::make_unique<ast::Cond>();
  n->kind = kind;
  n->children = std::move(children);
  return n;
}

template <typename... C>
std::unique_ptr<ast::Cond> all(C... c) {
  std::vector<std::unique_ptr<ast::Cond>> v;
  (v.push_back(std::move(c)), ...);
  return node(ast::Cond::Kind::And, std::move(v));
}

template <typename... C>
std::unique_ptr<ast::Cond> any(C... c) {
  std::vector<std::unique_ptr<ast::Cond>> v;
  (v.push_back(std::move(c)), ...);
  return node(ast::Cond::Kind::Or, std::move(v));
}

inline std::unique_ptr<ast::Cond> negate(std::unique_ptr<ast::Cond> c) {
  std::vector<std::unique_ptr<ast::Cond>> v;
  v.push_back(std::move(c));
  return node(ast::Cond::Kind::Not, std::move(v));
}

}  // namespace rootpol::lower::testutil
