#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "base/source.h"
#include "policy/document.h"
#include "policy/json_reader.h"

// The one reader of IAM policy JSON into policy::Document: any policy kind (SCP, RCP, identity,
// resource), every element with its span, condition values as written (`1.50` stays `1.50`,
// `true` a literal), `Principal` kept as its minified JSON. Structural problems are reported
// with lint's codes: RP4001 (syntax), RP4002 (a second value), RP4003 (Version), RP4005
// (unknown element), RP4006 (element type, Action with NotAction), RP4011 (Effect), RP4012
// (operator), RP4017 (a missing Effect, Action/NotAction or Statement).
// Resource: an absent element reads as no resources (`resources` empty, every resource for
// IAM); an empty array or a non-string is an error.
namespace rootpol::policy {

// Reads the document of `text` (spans name `file`). nullopt when anything above was reported
// as an error: callers that evaluate want the whole document or nothing.
std::optional<Document> readDocument(std::string_view text, FileId file, DiagnosticSink& sink);

// The same from an already parsed tree whose spans index `text`.
std::optional<Document> readDocument(const json::Node& root, std::string_view text,
                                     DiagnosticSink& sink);

// One statement object.
std::optional<Statement> readStatement(const json::Node& object, std::string_view text,
                                       DiagnosticSink& sink);

// For tools and tests without a source manager: the first error as "line:column: message".
std::optional<Document> readDocument(std::string_view text, std::string& error);

}  // namespace rootpol::policy
