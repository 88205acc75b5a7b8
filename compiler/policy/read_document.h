#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "policy/document.h"
#include "policy/json_reader.h"
#include "policy/policy_kind.h"

// The one reader of IAM policy JSON into policy::Document: any policy kind (SCP, RCP, identity,
// resource), every element with its span, condition values as written (`1.50` stays `1.50`,
// `true` a literal), `Principal` kept as its minified JSON. It reports the structure, with
// the texts lint shows: RP4001 (syntax), RP4002 (a second value), RP4004 (Principal in a
// document that is otherwise an SCP), RP4005 (unknown element), RP4006 (element type, Action
// with NotAction), RP4011 (Effect), RP4012 (operator), RP4017 (a missing Effect,
// Action/NotAction or Statement). What is not structure (catalog, Version, Sid characters,
// sizes) is lint's, run over the document read here.
// Resource: an absent element reads as no resources (`resources` empty, every resource for
// IAM); an empty array or a non-string is an error.
namespace rootpol::policy {

// What ReadOptions::text returns: a view of text that outlives the read (the node's own text,
// or the file's). Made from a std::string temporary it would dangle, so that does not compile.
struct ValueText {
  ValueText(std::string_view view) : text(view) {}  // NOLINT: implicit, as a view is
  ValueText(const std::string& s) : text(s) {}      // NOLINT: a string that outlives the call
  ValueText(std::string&&) = delete;
  std::string_view text;
};

struct ReadInParallel;

struct ReadOptions {
  // "Did you mean": the closest of `candidates` to `word`, if any. Empty: no suggestions
  // (the hub has no edit distance of its own; lint and the CLI pass sema's).
  std::function<std::optional<std::string>(std::string_view word,
                                           const std::vector<std::string>& candidates)>
      suggest;
  // Asked before suggesting a condition operator (lint limits its costly did-you-means over
  // a file); empty: always suggest.
  std::function<bool()> budget;

  // Lint's own checks run as the reader meets each element, so that their findings (and their
  // share of the suggestion budget) come in the order lint has always reported them.
  // The text of a string value (Sid, actions, resources, condition values); empty: as decoded.
  // A template's placeholders are read from the file's text rather than the blanked copy.
  // A view, not a copy: every value of a large document is read through it.
  std::function<ValueText(const json::Node& value)> text;
  std::function<void(const json::Node& sid)> onSid;        // every string `Sid`
  std::function<void(const json::Node& action)> onAction;  // every string of Action/NotAction
  // A condition operator whose value is an object of keys, before its keys are read.
  std::function<void(const json::Member& op)> onOperator;
  // Every condition key, before its values are read (an entry whose values are not scalars is
  // reported and left out of the document, but its key is still the key written).
  std::function<void(const json::Member& op, const json::Member& key)> onConditionKey;
  // The kind the caller declares (lint --kind, or its configuration): it decides instead of
  // classify(), so a `Principal` in a declared SCP is RP4004 even when every statement has one.
  std::optional<PolicyKind> kind;
  // Set: a large document's statements may be read on several threads (see ReadInParallel).
  const ReadInParallel* parallel = nullptr;
};

// Reading the statements of a large document on several threads (lint). The statement objects
// are split into `threads` runs of consecutive statements. Each run is read with the options
// `optionsFor(run, sink)` makes for it, before any thread starts, and reports into `sink`, a
// sink of its own; the runs' diagnostics are then joined in statement order, so what is
// reported is what one thread reports when each run's hooks give the answers they would have
// given in one pass (hooks that keep state, such as a budget of suggestions, must see to that:
// lint's readers do). Below `minStatements`, or on one thread, the statements are read on the
// caller's thread with the document's own options.
struct ReadInParallel {
  unsigned threads = 1;
  std::size_t minStatements = 1024;
  std::function<ReadOptions(std::size_t run, DiagnosticSink& sink)> optionsFor;
};

struct ReadResult {
  // nullopt when nothing could be read (not JSON, or not an object). Otherwise the statements
  // that have an Effect and Action or NotAction; the others were reported.
  std::optional<Document> document;
  bool errors = false;  // the reader reported an error: the document is incomplete
  PolicyKind kind = PolicyKind::Scp;
  bool declarative = false;  // `@@assign` settings (tag, backup policies): no IAM statements
  std::vector<KindFacts> facts;  // per statement object read, usable or not
};

// Reads `text` (spans name `file`), lenient: as much of the document as can be read.
ReadResult readPolicy(std::string_view text, FileId file, DiagnosticSink& sink,
                      const ReadOptions& options = {});

// The same over a tree the caller has parsed from `text` (lint scans it too).
ReadResult readPolicy(const json::ParseResult& parsed, std::string_view text, FileId file,
                      DiagnosticSink& sink, const ReadOptions& options = {});

// Declarative, tag and backup policies: Organizations policies whose values are `@@assign`
// operators, not IAM statements (read as such when there is no `Statement` nor `Version`).
bool looksDeclarative(const json::Node& root);

// The same, strict: nullopt when anything was reported as an error. Callers that evaluate
// want the whole document or nothing.
std::optional<Document> readDocument(std::string_view text, FileId file, DiagnosticSink& sink);

// One statement object of a larger JSON file whose spans index `text` (the controls catalog),
// strict: nullopt when anything was reported as an error.
std::optional<Statement> readStatement(const json::Node& object, std::string_view text,
                                       DiagnosticSink& sink);

// For tools and tests without a source manager: the first error as "line:column: message".
std::optional<Document> readDocument(std::string_view text, std::string& error);

}  // namespace rootpol::policy
