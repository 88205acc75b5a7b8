#include "lint/config.h"

#include <fmt/format.h>

#include "policy/glob.h"
#include "policy/json_reader.h"

namespace rootpol::lint {
namespace {

// Read with the policy hub's JSON reader, which keeps every value's position: a problem is
// reported where it is written, not at the top of the file.
using policy::json::Kind;
using policy::json::Member;
using policy::json::Node;

// What went wrong and where (the byte offset of the key or value at fault).
struct Problem {
  std::string message;
  std::uint32_t offset = 0;
};

std::optional<DiagCode> codeFromName(std::string_view name) {
  for (DiagCode code : allDiagCodes()) {
    if (diagInfo(code).code == name) return code;
  }
  return std::nullopt;
}

// A key written twice: which one counts would be a guess, so it is an error.
std::optional<Problem> duplicateKey(const Node& object, std::string_view setting) {
  std::optional<Problem> problem;
  policy::json::forEachDuplicateKey(object, [&](const Member&, const Member&, const Member& later) {
    std::string where = setting.empty() ? "" : fmt::format("`{}`: ", setting);
    problem = Problem{fmt::format("{}`{}` is written twice", where, later.key), later.keySpan.begin};
    return true;
  });
  return problem;
}

std::optional<Problem> readSeverities(const Node& object, LintConfig& config) {
  if (object.kind != Kind::Object) {
    return Problem{"`severity` must be an object of code -> \"error\" | \"warning\" | \"note\" | \"off\"",
                   object.span.begin};
  }
  if (auto p = duplicateKey(object, "severity")) return p;
  for (const Member& m : object.members) {
    std::optional<DiagCode> code = codeFromName(m.key);
    if (!code) return Problem{fmt::format("`severity`: no diagnostic code `{}`", m.key), m.keySpan.begin};
    if (diagInfo(*code).severity == Severity::Error && m.key.rfind("RP4", 0) != 0) {
      return Problem{fmt::format("`severity`: `{}` is a compile error and cannot be changed", m.key),
                     m.keySpan.begin};
    }
    std::string_view text = m.value.kind == Kind::String ? std::string_view(m.value.text) : "";
    std::optional<Severity> severity = severityFromName(text);
    if (!severity && text != "off") {
      return Problem{fmt::format("`severity`: `{}` must be \"error\", \"warning\", \"note\" or \"off\"", m.key),
                     m.value.span.begin};
    }
    config.severity[*code] = severity;
  }
  return std::nullopt;
}

std::optional<Problem> readIgnores(const Node& list, LintConfig& config) {
  if (list.kind != Kind::Array) return Problem{"`ignore` must be an array of path globs", list.span.begin};
  for (const Node& item : list.items) {
    if (item.kind != Kind::String) return Problem{"`ignore` must be an array of path globs", item.span.begin};
    config.ignore.emplace_back(item.text);
  }
  return std::nullopt;
}

std::optional<Problem> readKinds(const Node& object, LintConfig& config) {
  if (object.kind != Kind::Object) {
    return Problem{"`kinds` must be an object of path glob -> \"scp\" | \"rcp\" | \"identity\" | "
                   "\"resource\" | \"auto\"",
                   object.span.begin};
  }
  if (auto p = duplicateKey(object, "kinds")) return p;
  for (const Member& m : object.members) {
    std::optional<DeclaredKind> kind =
        m.value.kind == Kind::String ? declaredKindFromName(m.value.text) : std::nullopt;
    if (!kind) {
      return Problem{fmt::format("`kinds`: `{}` must be \"scp\", \"rcp\", \"identity\", \"resource\" or \"auto\"",
                                 m.key),
                     m.value.span.begin};
    }
    config.kinds.emplace_back(m.key, *kind);
  }
  return std::nullopt;
}

std::optional<Problem> readSetting(const Member& m, LintConfig& config) {
  if (m.key == "severity") return readSeverities(m.value, config);
  if (m.key == "ignore") return readIgnores(m.value, config);
  if (m.key == "kinds") return readKinds(m.value, config);
  if (m.key == "fail_on") {
    config.failOn = m.value.kind == Kind::String ? severityFromName(m.value.text) : std::nullopt;
    if (config.failOn) return std::nullopt;
    return Problem{"`fail_on` must be \"error\", \"warning\" or \"note\"", m.value.span.begin};
  }
  return Problem{fmt::format("unknown setting `{}` (known: severity, ignore, fail_on, kinds)", m.key),
                 m.keySpan.begin};
}

}  // namespace

std::optional<DeclaredKind> declaredKindFromName(std::string_view name) {
  if (name == "auto") return DeclaredKind::Auto;
  if (name == "scp") return DeclaredKind::Scp;
  if (name == "rcp") return DeclaredKind::Rcp;
  if (name == "identity") return DeclaredKind::Identity;
  if (name == "resource") return DeclaredKind::Resource;
  return std::nullopt;
}

DeclaredKind LintConfig::kindOf(std::string_view path) const {
  for (const auto& [glob, kind] : kinds) {
    if (policy::globMatch(glob, path)) return kind;
  }
  return DeclaredKind::Auto;
}

std::optional<Severity> severityFromName(std::string_view name) {
  if (name == "error") return Severity::Error;
  if (name == "warning") return Severity::Warning;
  if (name == "note") return Severity::Note;
  return std::nullopt;
}

std::optional<LintConfig> parseLintConfig(std::string_view text, std::string& error,
                                          std::size_t& offset) {
  offset = 0;
  policy::json::ParseResult parsed = policy::json::parse(text, FileId{0});
  if (parsed.error) {
    error = fmt::format("not valid JSON: {}", parsed.error->message);
    offset = parsed.error->offset;
    return std::nullopt;
  }
  if (parsed.trailing) {
    error = "not valid JSON: text after the configuration object";
    offset = *parsed.trailing;
    return std::nullopt;
  }
  const Node& root = *parsed.value;
  std::optional<Problem> problem;
  LintConfig config;
  if (root.kind != Kind::Object) {
    problem = Problem{"the configuration must be a JSON object", root.span.begin};
  } else if (!(problem = duplicateKey(root, ""))) {
    for (const Member& m : root.members) {
      if ((problem = readSetting(m, config))) break;
    }
  }
  if (!problem) return config;
  error = std::move(problem->message);
  offset = problem->offset;
  return std::nullopt;
}

}  // namespace rootpol::lint
