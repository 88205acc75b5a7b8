#pragma once

// Internal to the syntax stage (with format_builder.h, the only headers that name generated
// ANTLR types).
#include <cstdint>
#include <vector>

#include "RootPolParser.h"
#include "ast/ast.h"
#include "base/diagnostic.h"

namespace rootpol::syntax {

// Maps ANTLR's code-point indices to byte offsets of the source text.
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text);
  std::uint32_t byteOffset(std::size_t codePointIndex) const;

 private:
  std::vector<std::uint32_t> byteOfCodePoint_;  // empty when the text is pure ASCII
};

// Builds the AST from the parse tree, one typed function per grammar rule.
class AstBuilder {
 public:
  AstBuilder(FileId file, const OffsetMap& offsets, DiagnosticSink& sink)
      : file_(file), offsets_(offsets), sink_(sink) {}

  std::unique_ptr<ast::Module> buildFile(rootpol_gen::RootPolParser::FileContext* ctx);

 private:
  Span span(antlr4::ParserRuleContext* ctx) const;
  Span span(antlr4::Token* token) const;
  Span span(antlr4::tree::TerminalNode* node) const { return span(node->getSymbol()); }
  std::string decode(antlr4::Token* token);

  // ast_builder_decls.cpp: top-level declarations.
  void buildImport(rootpol_gen::RootPolParser::ImportDeclContext* ctx, ast::Module& module);
  void buildLet(rootpol_gen::RootPolParser::LetDeclContext* ctx, ast::Module& module);
  void buildPolicy(rootpol_gen::RootPolParser::PolicyDeclContext* ctx, ast::Module& module);
  // ast_builder_test.cpp: `test` blocks.
  void buildTest(rootpol_gen::RootPolParser::TestDeclContext* ctx, ast::Module& module);
  ast::TestRequest buildRequest(rootpol_gen::RootPolParser::RequestStmtContext* ctx);
  ast::TestExpect buildExpect(rootpol_gen::RootPolParser::ExpectStmtContext* ctx);

  // ast_builder_alert.cpp: `alert` declarations.
  void buildAlert(rootpol_gen::RootPolParser::AlertDeclContext* ctx, ast::Module& module);
  // ast_builder_org.cpp: organization, attach, detach, control.
  void buildOrganization(rootpol_gen::RootPolParser::OrganizationDeclContext* ctx, ast::Module& module);
  std::optional<ast::OrgNode> buildOrgNode(rootpol_gen::RootPolParser::OrgItemContext* item);
  void buildAttach(rootpol_gen::RootPolParser::AttachDeclContext* ctx, ast::Module& module);
  void buildDetach(rootpol_gen::RootPolParser::DetachDeclContext* ctx, ast::Module& module);
  void buildControl(rootpol_gen::RootPolParser::ControlDeclContext* ctx, ast::Module& module);
  ast::TargetRef buildTarget(rootpol_gen::RootPolParser::TargetContext* ctx);
  std::vector<ast::TargetRef> buildTargets(const std::vector<rootpol_gen::RootPolParser::TargetContext*>& targets);
  ast::IdLiteral idLiteral(antlr4::tree::TerminalNode* string);
  std::optional<ast::TypeRef> buildType(rootpol_gen::RootPolParser::TypeRefContext* ctx);
  ast::Rule buildRule(rootpol_gen::RootPolParser::RuleDeclContext* ctx);
  void buildRuleOptions(rootpol_gen::RootPolParser::RuleDeclContext* ctx, ast::Rule& rule);

  // ast_builder.cpp: expressions and conditions.
  ast::Expr buildExpr(rootpol_gen::RootPolParser::ExprContext* ctx);
  ast::Expr buildActionPattern(rootpol_gen::RootPolParser::ActionPatternContext* ctx);
  std::unique_ptr<ast::Cond> buildCond(rootpol_gen::RootPolParser::CondContext* ctx);
  std::unique_ptr<ast::Cond> buildAtom(rootpol_gen::RootPolParser::AtomContext* ctx);
  ast::KeyRef buildKey(rootpol_gen::RootPolParser::KeyContext* ctx);

  FileId file_;
  const OffsetMap& offsets_;
  DiagnosticSink& sink_;
};

}  // namespace rootpol::syntax
