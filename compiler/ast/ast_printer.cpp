#include "ast/ast_printer.h"

#include <fmt/format.h>

namespace rootpol::ast {
namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string printExpr(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::String:
      return quote(e.text);
    case Expr::Kind::Int:
      return std::to_string(e.intValue);
    case Expr::Kind::Bool:
      return e.boolValue ? "true" : "false";
    case Expr::Kind::Name:
      return e.text;
    case Expr::Kind::Action:
      return e.text;
    case Expr::Kind::List: {
      std::string out = "[";
      for (std::size_t i = 0; i < e.items.size(); ++i) {
        if (i > 0) out += ", ";
        out += printExpr(e.items[i]);
      }
      return out + "]";
    }
  }
  return "?";
}

std::string printKey(const KeyRef& k) {
  switch (k.kind) {
    case KeyRef::Kind::Friendly:
      return k.name;
    case KeyRef::Kind::Call:
      return fmt::format("{}({})", k.name, quote(k.argument));
    case KeyRef::Kind::Raw:
      return quote(k.name);
  }
  return "?";
}

std::string_view opName(CondOp op) {
  switch (op) {
    case CondOp::In:
      return "in";
    case CondOp::Eq:
      return "==";
    case CondOp::Like:
      return "like";
    case CondOp::Lt:
      return "<";
    case CondOp::Le:
      return "<=";
    case CondOp::Gt:
      return ">";
    case CondOp::Ge:
      return ">=";
    case CondOp::IsTrue:
      return "is-true";
    case CondOp::Exists:
      return "exists";
  }
  return "?";
}

}  // namespace

std::string printCond(const Cond& c) {
  switch (c.kind) {
    case Cond::Kind::Atom:
      if (c.operand) return fmt::format("({} {} {})", printKey(c.key), opName(c.op), printExpr(*c.operand));
      return fmt::format("({} {})", printKey(c.key), opName(c.op));
    case Cond::Kind::Not:
      return fmt::format("(not {})", printCond(*c.children.at(0)));
    case Cond::Kind::And:
    case Cond::Kind::Or: {
      std::string out = c.kind == Cond::Kind::And ? "(and" : "(or";
      for (const auto& child : c.children) out += " " + printCond(*child);
      return out + ")";
    }
  }
  return "?";
}

std::string printModule(const Module& m) {
  std::string out;
  for (const Import& i : m.imports) out += fmt::format("import {}\n", quote(i.path));
  for (const Let& l : m.lets) {
    std::string type = l.type ? (l.type->list ? "[" + l.type->name + "]" : l.type->name) : "_";
    out += fmt::format("let {}: {} = {}\n", l.name, type, printExpr(l.value));
  }
  for (const Policy& p : m.policies) {
    out += fmt::format("policy {}{}\n", p.name, p.description ? " " + quote(*p.description) : "");
    for (const Rule& r : p.rules) {
      out += fmt::format("  {} {}{}", r.effect == Effect::Deny ? "deny" : "allow",
                         r.actionsExcept ? "all except " : "", printExpr(r.actions));
      if (r.resources) out += fmt::format(" on {}{}", r.resourcesExcept ? "all except " : "", printExpr(*r.resources));
      if (r.forRoot) out += " for root";
      if (r.principals) out += " for " + printExpr(*r.principals);
      for (const CondClause& c : r.clauses) {
        out += fmt::format(" {} {}", c.unless ? "unless" : "when", printCond(*c.cond));
      }
      if (r.strict) out += " strict";
      if (r.sid) out += " as " + quote(*r.sid);
      out += "\n";
    }
  }
  for (const Deferred& d : m.deferred) out += d.name.empty() ? d.kind + "\n" : fmt::format("{} {}\n", d.kind, d.name);
  return out;
}

}  // namespace rootpol::ast
