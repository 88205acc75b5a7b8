#include "syntax/parse.h"

#include <fmt/format.h>

#include <optional>
#include <string_view>

#include "RootPolLexer.h"
#include "RootPolParser.h"
#include "antlr4-runtime.h"
#include "syntax/ast_builder.h"

namespace rootpol::syntax {
namespace {

using Lexer = rootpol_gen::RootPolLexer;
using Parser = rootpol_gen::RootPolParser;

std::string describeToken(antlr4::Token* token) {
  if (token == nullptr || token->getType() == antlr4::Token::EOF) return "end of file";
  return fmt::format("`{}`", token->getText());
}

// Turns ANTLR's syntax errors into diagnostics (the default listener prints to stderr).
class SyntaxErrorListener : public antlr4::BaseErrorListener {
 public:
  SyntaxErrorListener(FileId file, const OffsetMap& offsets, DiagnosticSink& sink)
      : file_(file), offsets_(offsets), sink_(sink) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t, size_t,
                   const std::string&, std::exception_ptr) override {
    // Tokens that are errors in themselves were already reported by the lexical scan.
    if (offending != nullptr && isLexicalError(offending->getType())) return;
    if (++count_ > kMaxReported) return;
    std::size_t start = offending ? offending->getStartIndex() : 0;
    std::size_t stop = offending && offending->getType() != antlr4::Token::EOF
                           ? offending->getStopIndex() + 1
                           : start;
    Span span{file_, offsets_.byteOffset(start), offsets_.byteOffset(stop)};
    Diagnostic& d = sink_.report(DiagCode::RP0001, span,
                                 fmt::format("unexpected {}", describeToken(offending)));
    if (auto* parser = dynamic_cast<antlr4::Parser*>(recognizer)) {
      std::string expected = describeExpected(parser);
      if (!expected.empty()) d.help = "expected " + expected;
    }
  }

  // The keywords that the grammar's `name` rule also accepts as names.
  static bool isSoftKeyword(std::size_t type) {
    return type == Lexer::ACCOUNT || type == Lexer::OU || type == Lexer::MANAGEMENT || type == Lexer::REQUEST ||
           type == Lexer::EXPECT || type == Lexer::DOES || type == Lexer::TEST || type == Lexer::CONTROL ||
           type == Lexer::WITHOUT || type == Lexer::CREDENTIALS || type == Lexer::ASSUMED ||
           type == Lexer::ALERT || type == Lexer::NOTIFY;
  }

  static bool isLexicalError(std::size_t type) {
    return type == Lexer::ERROR_CHAR || type == Lexer::UNTERMINATED_STRING ||
           type == Lexer::UNTERMINATED_COMMENT;
  }

 private:
  static constexpr int kMaxReported = 50;

  static std::string describeExpected(antlr4::Parser* parser) {
    antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
    const antlr4::dfa::Vocabulary& vocab = parser->getVocabulary();
    std::vector<std::string> names;
    // Soft keywords are names too: where a name is expected, listing them only misleads.
    bool nameExpected = expected.contains(static_cast<std::size_t>(Lexer::IDENT));
    for (std::size_t type : expected.toList()) {
      if (isLexicalError(type)) continue;
      if (nameExpected && isSoftKeyword(type)) continue;
      std::string literal = vocab.getLiteralName(type);
      if (!literal.empty()) {
        names.push_back("`" + literal.substr(1, literal.size() - 2) + "`");
      } else if (type == antlr4::Token::EOF) {
        names.push_back("end of file");
      } else {
        std::string symbolic = vocab.getSymbolicName(type);
        if (symbolic == "IDENT") symbolic = "a name";
        if (symbolic == "STRING") symbolic = "a string";
        if (symbolic == "INT") symbolic = "an integer";
        names.push_back(symbolic);
      }
    }
    if (names.empty() || names.size() > 12) return "";
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
      out += names[i];
    }
    return out;
  }

  FileId file_;
  const OffsetMap& offsets_;
  DiagnosticSink& sink_;
  int count_ = 0;
};

// Reports tokens that are errors by themselves; returns how many there were.
std::size_t reportLexicalErrors(antlr4::CommonTokenStream& tokens, FileId file,
                                const OffsetMap& offsets, DiagnosticSink& sink) {
  std::size_t errors = 0;
  for (antlr4::Token* token : tokens.getTokens()) {
    Span span{file, offsets.byteOffset(token->getStartIndex()),
              offsets.byteOffset(token->getStopIndex() + 1)};
    switch (token->getType()) {
      case Lexer::ERROR_CHAR:
        sink.report(DiagCode::RP0002, span, fmt::format("unexpected character `{}`", token->getText()));
        break;
      case Lexer::UNTERMINATED_STRING:
        sink.report(DiagCode::RP0003, span, "unterminated string").help =
            "close the string with `\"` on the same line";
        break;
      case Lexer::UNTERMINATED_COMMENT:
        span.end = std::min(span.end, span.begin + 2);
        sink.report(DiagCode::RP0005, span, "unterminated block comment").help =
            "close the comment with `*/`";
        break;
      default:
        continue;
    }
    ++errors;
  }
  return errors;
}

// ANTLR's recursive-descent parser recurses once per nesting level, so deep nesting is
// rejected from the token stream before parsing: hostile input cannot overflow the stack.
bool checkNesting(antlr4::CommonTokenStream& tokens, FileId file, const OffsetMap& offsets,
                  DiagnosticSink& sink, std::size_t maxNesting) {
  std::size_t depth = 0;
  std::size_t notRun = 0;
  for (antlr4::Token* token : tokens.getTokens()) {
    std::size_t type = token->getType();
    if (type == Lexer::LPAREN || type == Lexer::LBRACK || type == Lexer::LBRACE) ++depth;
    if ((type == Lexer::RPAREN || type == Lexer::RBRACK || type == Lexer::RBRACE) && depth > 0) --depth;
    notRun = type == Lexer::NOT ? notRun + 1 : 0;
    if (depth + notRun > maxNesting) {
      Span span{file, offsets.byteOffset(token->getStartIndex()),
                offsets.byteOffset(token->getStopIndex() + 1)};
      sink.report(DiagCode::RP0007, span, fmt::format("nesting is deeper than {} levels", maxNesting))
          .help = "split the condition into `let` sets or several `when`/`unless` clauses";
      return false;
    }
  }
  return true;
}

// The offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), if any. ANTLR's input stream throws on such text.
std::optional<std::size_t> firstInvalidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = byte(i);
    std::size_t length = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                                      : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (length == 0 || i + length > text.size()) return i;
    // The second byte's range depends on the first (this excludes overlongs, surrogates and
    // code points above U+10FFFF); later bytes are plain continuation bytes.
    unsigned char low = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char high = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (length > 1 && (byte(i + 1) < low || byte(i + 1) > high)) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return i;
    }
    i += length;
  }
  return std::nullopt;
}

}  // namespace

std::unique_ptr<ast::Module> parse(const SourceFile& file, DiagnosticSink& sink,
                                   const ParseLimits& limits) {
  auto empty = std::make_unique<ast::Module>();
  empty->file = file.id();
  if (file.text().size() > limits.maxFileBytes) {
    sink.report(DiagCode::RP0008, Span{file.id(), 0, 0},
                fmt::format("file is {} bytes, more than the limit of {}", file.text().size(),
                            limits.maxFileBytes));
    return empty;
  }
  if (auto bad = firstInvalidUtf8(file.text())) {
    auto at = static_cast<std::uint32_t>(*bad);
    sink.report(DiagCode::RP0002, Span{file.id(), at, at + 1},
                fmt::format("byte 0x{:02X} is not valid UTF-8", static_cast<unsigned char>(file.text()[*bad])))
        .help = "rootpol sources are UTF-8 text; save the file as UTF-8";
    return empty;
  }
  OffsetMap offsets(file.text());
  antlr4::ANTLRInputStream input(file.text());
  Lexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  std::size_t lexicalErrors = reportLexicalErrors(tokens, file.id(), offsets, sink);
  if (!checkNesting(tokens, file.id(), offsets, sink, limits.maxNesting)) return empty;

  Parser parser(&tokens);
  parser.removeErrorListeners();
  // Stage 1: fast SLL prediction that gives up at the first error.
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  Parser::FileContext* tree = nullptr;
  try {
    tree = parser.file();
  } catch (const antlr4::ParseCancellationException&) {
    tree = nullptr;
  }
  if (tree == nullptr || lexicalErrors > 0) {
    // Stage 2: full LL with error recovery, so every syntax error is reported.
    tokens.seek(0);
    parser.reset();
    SyntaxErrorListener listener(file.id(), offsets, sink);
    parser.addErrorListener(&listener);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    std::size_t errorsBefore = sink.errorCount();
    tree = parser.file();
    // SLL can fail where full LL succeeds (SLL ignores the calling context): a clean LL
    // parse is a valid file. A tree built with error recovery has holes, so any reported
    // error means no AST.
    if (lexicalErrors > 0 || sink.errorCount() != errorsBefore || parser.getNumberOfSyntaxErrors() > 0) {
      return empty;
    }
  }
  AstBuilder builder(file.id(), offsets, sink);
  return builder.buildFile(tree);
}

}  // namespace rootpol::syntax
