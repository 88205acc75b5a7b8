#include "importer/importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "base/text.h"
#include "importer/key_view.h"
#include "importer/program_writer.h"
#include "importer/verify.h"
#include "syntax/format.h"

namespace rootpol::importer {
namespace {

bool validSid(const std::string& sid) {
  return !sid.empty() && std::all_of(sid.begin(), sid.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 && static_cast<unsigned char>(c) < 128;
  });
}

bool hasVariable(const std::string& text) { return text.find("${") != std::string::npos; }

// Under `"Version": "2008-10-17"` (also IAM's reading of a document without `Version`),
// `${aws:username}` is plain text; rootpol writes 2012-10-17, where it is a variable.
bool usesVariables(const policy::Statement& s) {
  auto any = [](const std::vector<std::string>& items) { return std::any_of(items.begin(), items.end(), hasVariable); };
  return any(s.resources) || std::any_of(s.conditions.begin(), s.conditions.end(),
                                         [&](const policy::ConditionEntry& e) { return any(e.values); });
}

bool hasLineBreak(const std::string& text) { return findAnyOf(text, "\r\n") != std::string::npos; }

// A text a rootpol string cannot hold: the statement cannot be written at all.
bool unwritable(const policy::Statement& s) {
  auto any = [](const std::vector<std::string>& items) { return std::any_of(items.begin(), items.end(), hasLineBreak); };
  if (any(s.actions) || any(s.resources) || hasLineBreak(s.sid)) return true;
  return std::any_of(s.conditions.begin(), s.conditions.end(), [&](const policy::ConditionEntry& e) {
    return hasLineBreak(e.op) || hasLineBreak(e.key) || any(e.values);
  });
}

std::vector<std::string> header(const ImportSource& source) {
  std::vector<std::string> lines{fmt::format("Imported by `rootpol import` from {}.", source.origin)};
  if (source.describedName) {
    lines.push_back(fmt::format("The policy is `{}` in AWS Organizations.", *source.describedName));
  }
  return lines;
}

PolicyDraft draftPolicy(const ImportSource& source, const std::vector<Style>& styles, const KeyViews& keys) {
  PolicyDraft draft;
  draft.name = source.name;
  draft.resourcePolicy = source.resourcePolicy;
  draft.header = header(source);
  std::set<std::string> sids;
  for (std::size_t i = 0; i < source.document.statements.size(); ++i) {
    RuleDraft rule = draftRule(source.document.statements[i], styles[i], keys);
    std::vector<std::string> notes;
    if (rule.sid && !validSid(*rule.sid)) {
      notes.push_back(fmt::format("Sid \"{}\" is not kept: a Sid has letters and digits only.", *rule.sid));
      rule.sid.reset();
    } else if (rule.sid && !sids.insert(*rule.sid).second) {
      notes.push_back(fmt::format("Sid \"{}\" is not kept: an earlier statement has it.", *rule.sid));
      rule.sid.reset();
    }
    draft.rules.push_back(std::move(rule));
    draft.ruleNotes.push_back(std::move(notes));
  }
  return draft;
}

std::optional<std::string> formatted(const ImportSource& source, const std::string& text) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.add(source.name + ".rootpol", text);
  return syntax::formatSource(sources.file(id), sink);
}

}  // namespace

std::string policyName(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
    out += keep && static_cast<unsigned char>(c) < 128 ? c : '-';
  }
  if (out.empty() || !(std::isalpha(static_cast<unsigned char>(out[0])) || out[0] == '_')) out = "p-" + out;
  if (isHardKeyword(out)) out += "-policy";  // `root`, `deny`: not names in the grammar
  return out;
}

Importer::Importer(const sema::KeyTable& keys, const catalog::Catalog& catalog) : keys_(keys, catalog) {}

std::optional<std::string> Importer::run(const ImportSource& source, DiagnosticSink& sink) const {
  const std::vector<policy::Statement>& statements = source.document.statements;
  if (statements.empty()) {
    sink.report(DiagCode::RP0031, source.documentSpan, "the document has no statement to import");
    return std::nullopt;
  }
  bool failed = false;
  for (const policy::Statement& s : statements) {
    if (!unwritable(s)) continue;
    sink.report(DiagCode::RP0030, s.origin, "this statement cannot be imported: a value holds a line break")
        .notes.push_back("a rootpol string cannot hold a line break");
    failed = true;
  }
  if (source.document.version != "2012-10-17") {
    for (const policy::Statement& s : statements) {
      if (!usesVariables(s)) continue;
      Diagnostic& d = sink.report(DiagCode::RP0030, s.origin, "this statement cannot be imported exactly");
      const std::string version = source.document.version.empty()
                                      ? "absent, which IAM reads as `2008-10-17`"
                                      : "`" + source.document.version + "`";
      d.notes.push_back(fmt::format("the document's `Version` is {}: `${{...}}` is plain text there, and rootpol writes "
                                    "`2012-10-17`, where it is a policy variable",
                                    version));
      failed = true;
    }
  }
  if (failed) return std::nullopt;
  std::vector<Style> styles(statements.size(), Style::Friendly);
  // Round 1 friendly; round 2 the rules that did not come back, literally; round 3 checks.
  for (int round = 0; round < 3; ++round) {
    PolicyDraft draft = draftPolicy(source, styles, keys_);
    WrittenProgram program = writeProgram(draft);
    Verdict verdict = verify(source.name + ".rootpol", program, source.document);
    if (verdict.ok()) {
      std::optional<std::string> text = formatted(source, program.text);
      if (text) return text;
      sink.report(DiagCode::RP0030, source.documentSpan, "the imported program does not parse (a bug in rootpol)");
      return std::nullopt;
    }
    bool progress = false;
    for (std::size_t i = 0; i < statements.size(); ++i) {
      const bool suspect = verdict.rules[i].has_value() || verdict.program.has_value() || verdict.toolFailure;
      if (!suspect || styles[i] == Style::Literal) continue;
      styles[i] = Style::Literal;
      progress = true;
    }
    if (progress) continue;
    for (std::size_t i = 0; i < statements.size(); ++i) {
      if (!verdict.rules[i]) continue;
      Diagnostic& d = sink.report(DiagCode::RP0030, statements[i].origin,
                                  "this statement cannot be imported exactly");
      d.notes.push_back("written as a rule, " + *verdict.rules[i]);
    }
    if (verdict.program || verdict.toolFailure) {
      Diagnostic& d = sink.report(DiagCode::RP0030, source.documentSpan, "this document cannot be imported exactly");
      d.notes.push_back(verdict.program.value_or("the compiler could not run"));
    }
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace rootpol::importer
