#include "sema/literals.h"

#include <fmt/format.h>

#include <cctype>
#include <vector>

#include "base/text.h"
#include "catalog/catalog.h"
#include "policy/value_checks.h"
#include "sema/regions.h"
#include "sema/suggest.h"

namespace rootpol::sema {

void reportLiteralProblem(const LiteralProblem& problem, Span span, DiagnosticSink& sink) {
  Diagnostic& d = sink.report(problem.code, span, problem.message);
  if (!problem.help.empty()) d.help = problem.help;
}
namespace {

bool allOf(std::string_view s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

}  // namespace

// The address and the prefix length are read by the hub (policy/value_checks.h), as lint reads
// IpAddress values. A rootpol cidr is stricter than IAM: its IPv6 addresses are hex groups only
// (how IAM matches an IPv4-mapped address is not stated: docs/evaluator.md), it has a prefix
// length, written without a leading zero, and no host bits.
std::optional<LiteralProblem> checkCidr(std::string_view text) {
  const policy::IpReading ip = policy::readIp(text);
  const unsigned bits = ip.block.bits;
  if ((!ip.defect.empty() && !ip.prefixDefect) || ip.ipv4Tail) {
    return LiteralProblem{DiagCode::RP1005, fmt::format("`{}` is not a valid CIDR block", text),
                          bits == 128 ? "an IPv6 block looks like `2001:db8::/32`" : "an IPv4 block looks like `203.0.113.0/24`"};
  }
  if (!ip.block.hasPrefix) {
    return LiteralProblem{DiagCode::RP1005, fmt::format("`{}` has no prefix length", text),
                          fmt::format("for the single address write `{}/{}`", text, bits)};
  }
  std::string_view prefix = text.substr(text.find('/') + 1);
  if (ip.prefixDefect || (prefix.size() > 1 && prefix[0] == '0')) {
    return LiteralProblem{DiagCode::RP1005, fmt::format("`{}` has an invalid prefix length", text),
                          fmt::format("the prefix length of an IPv{} block is 0 to {}", bits == 128 ? 6 : 4, bits)};
  }
  const policy::IpBlock network = policy::ipNetwork(ip.block);
  if (network != ip.block) {
    return LiteralProblem{DiagCode::RP1005, fmt::format("`{}` has host bits set", text),
                          fmt::format("the block starts at `{}`", policy::formatIp(network))};
  }
  return std::nullopt;
}

std::optional<LiteralProblem> checkArn(std::string_view text, bool pattern) {
  if (pattern && text == "*") return std::nullopt;
  auto parts = split(text, ':');
  if (parts.size() < 6 || parts[0] != "arn" || parts[1].empty() || parts[2].empty()) {
    return LiteralProblem{DiagCode::RP1006, fmt::format("`{}` is not an ARN", text),
                          "an ARN has six parts: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`"};
  }
  if (!pattern && hasWildcard(text)) {
    return LiteralProblem{DiagCode::RP1006, fmt::format("`{}` has wildcards where an exact ARN is compared", text),
                          "use `like` to match ARN patterns"};
  }
  return std::nullopt;
}

std::optional<LiteralProblem> checkRegion(std::string_view text, bool pattern) {
  // Region names are lower-case letters, digits and dashes; anything else is malformed (IAM
  // compares regions case-sensitively, so `EU-WEST-1` is never eu-west-1).
  const bool wildcard = pattern && hasWildcard(text);
  const bool shaped = !text.empty() && allOf(text, [](char c) {
    return (c >= 'a' && c <= 'z') || isDigit(c) || c == '-' || c == '*' || c == '?';
  }) && (pattern || !hasWildcard(text));
  if (shaped && (wildcard ? anyKnownRegionMatches(text) : isKnownRegion(text))) return std::nullopt;
  const RegionTable& table = knownRegions();
  std::string help = fmt::format("the AWS regions as of {} ({}) are listed by `rootpol catalog regions`",
                                 table.generated, table.source);
  if (auto close = closestMatch(text, table.names)) help = fmt::format("did you mean `{}`?", *close);
  if (!shaped) {
    return LiteralProblem{DiagCode::RP1007, fmt::format("`{}` is not an AWS region name", text), help};
  }
  return LiteralProblem{DiagCode::RP1024,
                        wildcard ? fmt::format("`{}` matches no AWS region", text)
                                 : fmt::format("`{}` is not an AWS region", text),
                        help};
}

std::optional<LiteralProblem> checkAccount(std::string_view text, bool pattern) {
  bool ok = pattern ? !text.empty() && text.size() <= 12 &&
                          allOf(text, [](char c) { return isDigit(c) || c == '*' || c == '?'; })
                    : text.size() == 12 && allOf(text, isDigit);
  if (ok) return std::nullopt;
  return LiteralProblem{DiagCode::RP1008, fmt::format("`{}` is not an AWS account id", text),
                        "an account id is exactly 12 digits, such as `111122223333`"};
}

// The text is read by the hub (policy/value_checks.h), as lint reads Date values. A rootpol date
// is stricter than IAM: `YYYY-MM-DD`, or a date-time with its time zone as `Z` or `+hh:mm`; epoch
// seconds, `YYYY-MM` and local times are not rootpol dates.
std::optional<LiteralProblem> checkDate(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return LiteralProblem{DiagCode::RP1009, fmt::format("`{}` is not a valid date: {}", text, why),
                          "write `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`"};
  };
  using policy::DateDefect;
  using policy::DateForm;
  const policy::DateReading date = policy::readDate(text);
  const std::optional<DateDefect> defect = date.defect;
  if (date.form == DateForm::EpochSeconds || date.form == DateForm::YearMonth || defect == DateDefect::NotIso)
    return bad(policy::describe(DateDefect::DateMalformed));
  if (defect && defect != DateDefect::ZoneMalformed && defect != DateDefect::ZoneRange)
    return bad(policy::describe(*defect));
  const bool rootpolZone = date.zone == "Z" || (date.zone.size() == 6 && date.zone[3] == ':');
  if (date.form == DateForm::DateTime && (defect == DateDefect::ZoneMalformed || !rootpolZone))
    return bad("a date-time needs a time zone (`Z` or `+hh:mm`)");
  if (defect) return bad(policy::describe(*defect));
  return std::nullopt;
}

std::optional<LiteralProblem> checkActionPattern(std::string_view text) {
  if (text == "*") return std::nullopt;
  std::size_t colon = text.find(':');
  std::string_view prefix = text.substr(0, colon);
  std::string_view name = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
  // Case-insensitive, as IAM reads actions; the catalog check restores AWS's spelling.
  bool prefixOk = !prefix.empty() && std::isalpha(static_cast<unsigned char>(prefix[0])) &&
                  allOf(prefix, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-'; });
  bool nameOk = !name.empty() && allOf(name, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '*' || c == '?';
  });
  if (colon != std::string_view::npos && prefixOk && nameOk) return std::nullopt;
  if (colon != std::string_view::npos && !prefixOk) {
    return LiteralProblem{DiagCode::RP1014, fmt::format("`{}` has an invalid service prefix", text),
                          "service prefixes are letters, digits and `-`, as in `iam` or `route53-recovery-cluster`"};
  }
  return LiteralProblem{DiagCode::RP1018, fmt::format("`{}` is not an action pattern", text),
                        "write `service:Action`, with `*` and `?` as wildcards, or `*` for every action"};
}

std::optional<LiteralProblem> checkLiteral(ast::Scalar type, std::string_view text, bool pattern) {
  switch (type) {
    case ast::Scalar::Cidr:
      return checkCidr(text);
    case ast::Scalar::Arn:
      return checkArn(text, pattern);
    case ast::Scalar::Region:
      return checkRegion(text, pattern);
    case ast::Scalar::Account:
      return checkAccount(text, pattern);
    case ast::Scalar::Date:
      return checkDate(text);
    case ast::Scalar::Action:
      return checkActionPattern(text);
    case ast::Scalar::String:
    case ast::Scalar::Ou:
    case ast::Scalar::Bool:
    case ast::Scalar::Int:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace rootpol::sema
