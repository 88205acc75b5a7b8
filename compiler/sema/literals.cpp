#include "sema/literals.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <vector>

#include "catalog/catalog.h"
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
bool isHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

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

std::optional<unsigned> parseSmall(std::string_view digits, unsigned max) {
  if (digits.empty() || digits.size() > 3 || !allOf(digits, isDigit)) return std::nullopt;
  if (digits.size() > 1 && digits[0] == '0') return std::nullopt;
  unsigned v = 0;
  for (char c : digits) v = v * 10 + static_cast<unsigned>(c - '0');
  if (v > max) return std::nullopt;
  return v;
}

// An address as 16 bytes (IPv4 in the last 4) and its width in bits.
struct Address {
  std::array<std::uint8_t, 16> bytes{};
  unsigned bits = 32;
};

std::optional<Address> parseIpv4(std::string_view text) {
  auto parts = split(text, '.');
  if (parts.size() != 4) return std::nullopt;
  Address a;
  for (std::size_t i = 0; i < 4; ++i) {
    auto v = parseSmall(parts[i], 255);
    if (!v) return std::nullopt;
    a.bytes[12 + i] = static_cast<std::uint8_t>(*v);
  }
  return a;
}

std::optional<Address> parseIpv6(std::string_view text) {
  Address a;
  a.bits = 128;
  std::size_t gap = text.find("::");
  if (gap != std::string_view::npos && text.find("::", gap + 1) != std::string_view::npos) return std::nullopt;
  auto parseGroups = [](std::string_view part, std::vector<std::uint16_t>& out) {
    if (part.empty()) return true;
    for (std::string_view g : split(part, ':')) {
      if (g.empty() || g.size() > 4 || !allOf(g, isHex)) return false;
      out.push_back(static_cast<std::uint16_t>(std::stoul(std::string(g), nullptr, 16)));
    }
    return true;
  };
  std::vector<std::uint16_t> head, tail;
  if (gap == std::string_view::npos) {
    if (!parseGroups(text, head) || head.size() != 8) return std::nullopt;
  } else {
    if (!parseGroups(text.substr(0, gap), head) || !parseGroups(text.substr(gap + 2), tail)) return std::nullopt;
    if (head.size() + tail.size() > 7) return std::nullopt;
  }
  std::vector<std::uint16_t> groups = head;
  groups.resize(8 - tail.size(), 0);
  groups.insert(groups.end(), tail.begin(), tail.end());
  for (std::size_t i = 0; i < 8; ++i) {
    a.bytes[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8);
    a.bytes[2 * i + 1] = static_cast<std::uint8_t>(groups[i] & 0xFF);
  }
  return a;
}

std::string formatNetwork(const Address& a, unsigned prefix) {
  if (a.bits == 32) {
    return fmt::format("{}.{}.{}.{}/{}", a.bytes[12], a.bytes[13], a.bytes[14], a.bytes[15], prefix);
  }
  // Longest run of zero groups becomes "::" (RFC 5952).
  std::array<unsigned, 8> g{};
  for (std::size_t i = 0; i < 8; ++i) g[i] = (a.bytes[2 * i] << 8) | a.bytes[2 * i + 1];
  std::size_t bestStart = 8, bestLen = 0;
  for (std::size_t i = 0; i < 8;) {
    std::size_t j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > bestLen && j - i >= 2) bestStart = i, bestLen = j - i;
    i = j == i ? i + 1 : j;
  }
  std::string out;
  for (std::size_t i = 0; i < 8; ++i) {
    if (i == bestStart) {
      out += "::";
      i += bestLen - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    out += fmt::format("{:x}", g[i]);
  }
  return out + fmt::format("/{}", prefix);
}

}  // namespace

std::optional<LiteralProblem> checkCidr(std::string_view text) {
  std::size_t slash = text.find('/');
  std::string_view addressText = text.substr(0, slash);
  bool v6 = addressText.find(':') != std::string_view::npos;
  std::optional<Address> address = v6 ? parseIpv6(addressText) : parseIpv4(addressText);
  if (!address) {
    return LiteralProblem{DiagCode::RP1005, fmt::format("`{}` is not a valid CIDR block", text),
                          v6 ? "an IPv6 block looks like `2001:db8::/32`" : "an IPv4 block looks like `203.0.113.0/24`"};
  }
  if (slash == std::string_view::npos) {
    return LiteralProblem{DiagCode::RP1005, fmt::format("`{}` has no prefix length", text),
                          fmt::format("for the single address write `{}/{}`", text, address->bits)};
  }
  auto prefix = parseSmall(text.substr(slash + 1), 999);
  if (!prefix || *prefix > address->bits) {
    return LiteralProblem{DiagCode::RP1005,
                          fmt::format("`{}` has an invalid prefix length", text),
                          fmt::format("the prefix length of an IPv{} block is 0 to {}", v6 ? 6 : 4, address->bits)};
  }
  Address network = *address;
  unsigned offset = address->bits == 32 ? 96 : 0;
  bool hostBits = false;
  for (unsigned bit = offset + *prefix; bit < 128; ++bit) {
    std::uint8_t mask = static_cast<std::uint8_t>(0x80u >> (bit % 8));
    if (network.bytes[bit / 8] & mask) hostBits = true;
    network.bytes[bit / 8] &= static_cast<std::uint8_t>(~mask);
  }
  if (hostBits) {
    return LiteralProblem{DiagCode::RP1005, fmt::format("`{}` has host bits set", text),
                          fmt::format("the block starts at `{}`", formatNetwork(network, *prefix))};
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
  if (!pattern && text.find_first_of("*?") != std::string_view::npos) {
    return LiteralProblem{DiagCode::RP1006, fmt::format("`{}` has wildcards where an exact ARN is compared", text),
                          "use `like` to match ARN patterns"};
  }
  return std::nullopt;
}

std::optional<LiteralProblem> checkRegion(std::string_view text, bool pattern) {
  // Region names are lower-case letters, digits and dashes; anything else is malformed (IAM
  // compares regions case-sensitively, so `EU-WEST-1` is never eu-west-1).
  const bool wildcard = pattern && text.find_first_of("*?") != std::string_view::npos;
  const bool shaped = !text.empty() && allOf(text, [](char c) {
    return (c >= 'a' && c <= 'z') || isDigit(c) || c == '-' || c == '*' || c == '?';
  }) && (pattern || text.find_first_of("*?") == std::string_view::npos);
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

std::optional<LiteralProblem> checkDate(std::string_view text) {
  auto bad = [&](std::string why) {
    return LiteralProblem{DiagCode::RP1009, fmt::format("`{}` is not a valid date: {}", text, why),
                          "write `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`"};
  };
  auto number = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    if (text.size() < pos + len) return std::nullopt;
    std::string_view s = text.substr(pos, len);
    if (!allOf(s, isDigit)) return std::nullopt;
    return std::stoi(std::string(s));
  };
  auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') return bad("the date part is malformed");
  if (*month < 1 || *month > 12) return bad("the month is out of range");
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
  int maxDay = *month == 2 && !leap ? 28 : kDays[static_cast<std::size_t>(*month - 1)];
  if (*day < 1 || *day > maxDay) return bad("the day is out of range");
  if (text.size() == 10) return std::nullopt;
  auto hour = number(11, 2), minute = number(14, 2);
  if (text[10] != 'T' || !hour || !minute || text.size() < 16 || text[13] != ':') return bad("the time part is malformed");
  if (*hour > 23 || *minute > 59) return bad("the time is out of range");
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    auto second = number(pos + 1, 2);
    if (!second || *second > 59) return bad("the seconds are malformed");
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      std::size_t digits = pos + 1;
      while (digits < text.size() && isDigit(text[digits])) ++digits;
      if (digits == pos + 1) return bad("the fraction of a second is empty");
      pos = digits;
    }
  }
  std::string_view zone = text.substr(pos);
  if (zone == "Z") return std::nullopt;
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
      allOf(zone.substr(1, 2), isDigit) && allOf(zone.substr(4, 2), isDigit)) {
    if (*number(pos + 1, 2) > 23 || *number(pos + 4, 2) > 59) return bad("the time zone offset is out of range");
    return std::nullopt;
  }
  return bad("a date-time needs a time zone (`Z` or `+hh:mm`)");
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
