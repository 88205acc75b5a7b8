// Conditions: keys resolved against the key table, operators checked against key types.
#include <fmt/format.h>

#include "sema/checker.h"
#include "sema/suggest.h"

namespace rootpol::sema {
namespace {

std::string_view opText(ast::CondOp op) {
  switch (op) {
    case ast::CondOp::In:
      return "`in`";
    case ast::CondOp::Eq:
      return "`==`";
    case ast::CondOp::Like:
      return "`like`";
    case ast::CondOp::Lt:
      return "`<`";
    case ast::CondOp::Le:
      return "`<=`";
    case ast::CondOp::Gt:
      return "`>`";
    case ast::CondOp::Ge:
      return "`>=`";
    case ast::CondOp::IsTrue:
      return "a bare key";
    case ast::CondOp::Exists:
      return "`exists`";
    case ast::CondOp::Raw:
      return "a raw IAM operator";
  }
  return "?";
}

bool isOrdering(ast::CondOp op) {
  return op == ast::CondOp::Lt || op == ast::CondOp::Le || op == ast::CondOp::Gt || op == ast::CondOp::Ge;
}

// The operators each key type takes (spec section 4).
bool operatorAllowed(const ast::Type& type, ast::CondOp op) {
  using S = ast::Scalar;
  if (op == ast::CondOp::Exists) return true;
  if (type.list && type.scalar == S::Bool) return op == ast::CondOp::Eq;
  if (type.list) return op == ast::CondOp::In || op == ast::CondOp::Eq || op == ast::CondOp::Like;
  switch (type.scalar) {
    case S::Bool:
      return op == ast::CondOp::IsTrue || op == ast::CondOp::Eq;
    case S::Int:
    case S::Date:
      return op == ast::CondOp::Eq || isOrdering(op);
    case S::Cidr:
      return op == ast::CondOp::In || op == ast::CondOp::Eq;
    default:
      return op == ast::CondOp::In || op == ast::CondOp::Eq || op == ast::CondOp::Like;
  }
}

std::string operatorHelp(const ast::Type& type) {
  using S = ast::Scalar;
  if (type.list && type.scalar == S::Bool) return "a multi-valued bool key takes `== true`, `== false`, `!=`, `exists` and `missing`";
  if (type.list) return "a multi-valued key takes `in`, `==`, `like` (and their negations), `exists` and `missing`";
  switch (type.scalar) {
    case S::Bool:
      return "a bool key is tested bare (`mfa`, `not mfa`) or with `== true` / `== false`";
    case S::Int:
    case S::Date:
      return "compare it with `==`, `!=`, `<`, `<=`, `>` or `>=`";
    case S::Cidr:
      return "an address key takes `in` and `not in` with CIDR blocks";
    default:
      return "a string key takes `in`, `not in`, `==`, `!=`, `like` and `not like`";
  }
}

}  // namespace

void Checker::checkCond(ast::Cond& cond, bool& sawNetwork) {
  if (cond.kind != ast::Cond::Kind::Atom) {
    for (auto& child : cond.children) checkCond(*child, sawNetwork);
    return;
  }
  checkAtom(cond);
  sawNetwork = sawNetwork || cond.resolved.network;
}

void Checker::checkAtom(ast::Cond& atom) {
  if (atom.op == ast::CondOp::Raw) return checkRawAtom(atom);
  if (!resolveKey(atom) || !checkOperator(atom)) return;
  if (!atom.operand) return;
  const ast::Type& type = atom.resolved.type;
  Expectation want{type.scalar, atom.op == ast::CondOp::In || atom.op == ast::CondOp::Like,
                   atom.op == ast::CondOp::Like};
  if (resolveValues(*atom.operand, want, atom.values) && atom.values.empty()) {
    sink_.report(DiagCode::RP1017, atom.operand->span, "the set is empty, so the test is never true")
        .help = "list at least one value";
  }
}

bool Checker::resolveKey(ast::Cond& atom) { return resolveKeyRef(atom.key, atom.resolved); }

bool Checker::resolveKeyRef(const ast::KeyRef& key, ast::ResolvedKey& resolved) {
  if (key.kind == ast::KeyRef::Kind::Raw) {
    if (auto entry = keys_.global(key.name)) {
      // Raw network keys get the same aws:ViaAWSService guard as their friendly names.
      resolved = ast::ResolvedKey{entry->awsKey, entry->type, entry->network, entry->alwaysPresent};
      return true;
    }
    return resolveCatalogKey(key, resolved);
  }
  const KeyEntry* entry = keys_.friendly(key.name);
  if (entry == nullptr) {
    Diagnostic& d = sink_.report(DiagCode::RP1010, key.span, fmt::format("unknown condition key `{}`", key.name));
    if (auto best = closestMatch(key.name, keys_.friendlyNames())) {
      d.help = fmt::format("did you mean `{}`?", *best);
    } else if (lets_.count(key.name) > 0) {
      d.help = fmt::format("`{}` is a `let` value; a condition starts with a key such as `source_ip`", key.name);
    } else {
      d.help = "use a friendly key (see stdlib/keys.json) or a quoted AWS key such as `\"aws:SourceIp\"`";
    }
    return false;
  }
  bool wantsArgument = !entry->parameter.empty();
  bool hasArgument = key.kind == ast::KeyRef::Kind::Call;
  if (wantsArgument != hasArgument || (hasArgument && key.argument.empty())) {
    Diagnostic& d = sink_.report(DiagCode::RP1015, key.span,
                                 wantsArgument ? fmt::format("`{}` needs a {}", key.name, entry->parameter)
                                               : fmt::format("`{}` takes no argument", key.name));
    d.help = wantsArgument ? fmt::format("write `{}(\"team\")`", key.name) : fmt::format("write `{}`", key.name);
    return false;
  }
  resolved = ast::ResolvedKey{entry->awsKey + key.argument, entry->type, entry->network, entry->alwaysPresent};
  return true;
}

bool Checker::checkOperator(ast::Cond& atom) {
  const ast::Type& type = atom.resolved.type;
  if (operatorAllowed(type, atom.op)) return true;
  Diagnostic& d = sink_.report(
      DiagCode::RP1011, atom.span,
      atom.op == ast::CondOp::IsTrue
          ? fmt::format("`{}` is not a bool key, so it cannot stand alone as a condition", atom.key.name)
          : fmt::format("`{}` does not take {} (its type is `{}`)", atom.key.name, opText(atom.op), ast::typeName(type)));
  d.help = operatorHelp(type);
  return false;
}

}  // namespace rootpol::sema
