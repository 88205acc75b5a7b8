#include "policy/value_checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>


namespace rootpol::policy {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isHex(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool allDigits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), isDigit); }

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

ValueProblem problem(std::string message, std::string help = {}) {
  return ValueProblem{std::move(message), std::move(help)};
}

// --- dates -------------------------------------------------------------------------------

std::optional<std::string> dateDefect(std::string_view t) {
  if (allDigits(t.substr(t[0] == '-' ? 1 : 0, t.find('.'))) &&
      (t.find('.') == std::string_view::npos || allDigits(t.substr(t.find('.') + 1)))) {
    return std::nullopt;  // epoch seconds
  }
  if (t.size() < 7 || !allDigits(t.substr(0, 4)) || t[4] != '-' || !allDigits(t.substr(5, 2)))
    return "it is neither ISO 8601 (`YYYY-MM-DD...`) nor epoch seconds";
  int year = number(t.substr(0, 4)), month = number(t.substr(5, 2));
  if (month < 1 || month > 12) return "the month is out of range";
  if (t.size() == 7) return std::nullopt;
  if (t.size() < 10 || t[7] != '-' || !allDigits(t.substr(8, 2))) return "the day is malformed";
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int day = number(t.substr(8, 2));
  int maxDay = month == 2 && !leap ? 28 : kDays[static_cast<std::size_t>(month - 1)];
  if (day < 1 || day > maxDay) return "the day is out of range";
  if (t.size() == 10) return std::nullopt;
  if (t[10] != 'T' || t.size() < 16 || !allDigits(t.substr(11, 2)) || t[13] != ':' ||
      !allDigits(t.substr(14, 2)))
    return "the time is malformed";
  if (number(t.substr(11, 2)) > 23 || number(t.substr(14, 2)) > 59) return "the time is out of range";
  std::size_t at = 16;
  if (at < t.size() && t[at] == ':') {
    if (!allDigits(t.substr(at + 1, 2)) || number(t.substr(at + 1, 2)) > 59)
      return "the seconds are malformed";
    at += 3;
    if (at < t.size() && t[at] == '.') {
      std::size_t end = at + 1;
      while (end < t.size() && isDigit(t[end])) ++end;
      if (end == at + 1) return "the fraction of a second is empty";
      at = end;
    }
  }
  std::string_view zone = t.substr(at);
  if (zone.empty() || zone == "Z") return std::nullopt;
  std::string_view offset = zone.substr(1);
  bool sign = zone[0] == '+' || zone[0] == '-';
  bool ok = sign && (offset.size() == 2 || offset.size() == 4 || offset.size() == 5) &&
            allDigits(offset.substr(0, 2)) &&
            (offset.size() == 2 || (offset.size() == 4 && allDigits(offset.substr(2))) ||
             (offset[2] == ':' && allDigits(offset.substr(3))));
  if (!ok) return "the time zone is malformed (`Z` or `+hh:mm`)";
  return std::nullopt;
}

// --- addresses ---------------------------------------------------------------------------

struct Block {
  std::array<std::uint8_t, 16> bytes{};
  unsigned bits = 32;  // 32 or 128
  unsigned prefix = 32;
};

std::optional<std::string> parseIpv4(std::string_view t, std::uint8_t* out) {
  for (int i = 0; i < 4; ++i) {
    std::size_t dot = i < 3 ? t.find('.') : t.size();
    if (dot == std::string_view::npos) return "an IPv4 address has four numbers";
    std::string_view octet = t.substr(0, dot);
    if (!allDigits(octet) || octet.size() > 3) return fmt::format("`{}` is not a number from 0 to 255", octet);
    if (octet.size() > 1 && octet[0] == '0') return fmt::format("`{}` has a leading zero", octet);
    if (number(octet) > 255) return fmt::format("`{}` is over 255", octet);
    out[i] = static_cast<std::uint8_t>(number(octet));
    t = i < 3 ? t.substr(dot + 1) : std::string_view{};
  }
  return std::nullopt;
}

std::optional<std::string> parseIpv6(std::string_view t, std::uint8_t* out) {
  std::array<std::uint16_t, 8> groups{};
  std::size_t count = 0, gap = 8;
  if (t.starts_with("::")) {
    gap = 0;
    t.remove_prefix(2);
  }
  while (!t.empty()) {
    if (count == 8) return "an IPv6 address has at most eight groups";
    std::size_t colon = t.find(':');
    std::string_view group = t.substr(0, colon);
    if (group.find('.') != std::string_view::npos && colon == std::string_view::npos && count <= 6) {
      std::uint8_t v4[4];
      if (auto bad = parseIpv4(group, v4)) return bad;
      groups[count++] = static_cast<std::uint16_t>(v4[0] << 8 | v4[1]);
      groups[count++] = static_cast<std::uint16_t>(v4[2] << 8 | v4[3]);
      break;
    }
    if (group.empty() || group.size() > 4 || !std::all_of(group.begin(), group.end(), isHex))
      return fmt::format("`{}` is not a group of one to four hex digits", group);
    groups[count++] = static_cast<std::uint16_t>(std::stoul(std::string(group), nullptr, 16));
    if (colon == std::string_view::npos) break;
    t.remove_prefix(colon + 1);
    if (t.starts_with(":")) {
      if (gap != 8) return "`::` appears twice";
      gap = count;
      t.remove_prefix(1);
    } else if (t.empty()) {
      return "the address ends with `:`";
    }
  }
  if (gap == 8 && count != 8) return "an IPv6 address has eight groups, or `::`";
  if (gap != 8 && count == 8) return "`::` stands for no group here";
  std::size_t zeros = 8 - count;
  for (std::size_t i = 0, g = 0; i < 8; ++i) {
    std::uint16_t v = (i >= gap && i < gap + zeros) ? 0 : groups[g++];
    out[2 * i] = static_cast<std::uint8_t>(v >> 8);
    out[2 * i + 1] = static_cast<std::uint8_t>(v & 0xff);
  }
  return std::nullopt;
}

std::optional<std::string> parseBlock(std::string_view text, Block& block) {
  std::size_t slash = text.find('/');
  std::string_view address = text.substr(0, slash);
  bool v6 = address.find(':') != std::string_view::npos;
  block.bits = v6 ? 128 : 32;
  if (auto bad = v6 ? parseIpv6(address, block.bytes.data()) : parseIpv4(address, block.bytes.data()))
    return bad;
  block.prefix = block.bits;
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view prefix = text.substr(slash + 1);
  if (!allDigits(prefix) || prefix.size() > 3 || static_cast<unsigned>(number(prefix)) > block.bits)
    return fmt::format("the prefix length is 0 to {}", block.bits);
  block.prefix = static_cast<unsigned>(number(prefix));
  return std::nullopt;
}

bool inV4(const Block& b, std::uint8_t a, std::uint8_t mask, std::uint8_t second = 0,
          std::uint8_t secondMask = 0) {
  return b.bits == 32 && (b.bytes[0] & mask) == a && (b.bytes[1] & secondMask) == second &&
         b.prefix >= static_cast<unsigned>(__builtin_popcount(mask) + __builtin_popcount(secondMask));
}

}  // namespace

std::optional<ValueProblem> checkDate(std::string_view text) {
  if (text.empty()) return problem("an empty date", "write `YYYY-MM-DDThh:mm:ssZ`");
  if (auto why = dateDefect(text))
    return problem(fmt::format("`{}` is not a date: {}", text, *why),
                   "write `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ` (ISO 8601), or epoch seconds; a "
                   "value IAM cannot read makes the condition false");
  return std::nullopt;
}

std::optional<ValueProblem> checkNumber(std::string_view text) {
  std::string_view t = text;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  std::size_t dot = t.find('.');
  std::string_view whole = t.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : t.substr(dot + 1);
  bool ok = dot == std::string_view::npos ? allDigits(whole)
                                          : (whole.empty() || allDigits(whole)) && allDigits(fraction);
  if (ok) return std::nullopt;
  return problem(fmt::format("`{}` is not a number", text),
                 "a Numeric operator compares decimal numbers such as `3600`; a value IAM cannot "
                 "read makes the condition false");
}

std::optional<ValueProblem> checkBool(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "true" || lower == "false") return std::nullopt;
  return problem(fmt::format("`{}` is not a boolean", text), "write `\"true\"` or `\"false\"`");
}

std::optional<ValueProblem> checkIp(std::string_view text) {
  Block block;
  if (auto why = parseBlock(text, block))
    return problem(fmt::format("`{}` is not an IP address or CIDR block: {}", text, *why),
                   "write an address or a block such as `203.0.113.0/24` or `2001:db8::/32`");
  return std::nullopt;
}

std::optional<ValueProblem> checkIpHostBits(std::string_view text) {
  Block block;
  if (parseBlock(text, block) || block.prefix == block.bits) return std::nullopt;
  unsigned offset = 0;
  bool hostBits = false;
  Block network = block;
  for (unsigned bit = offset + block.prefix; bit < block.bits; ++bit) {
    auto mask = static_cast<std::uint8_t>(0x80u >> (bit % 8));
    if (network.bytes[bit / 8] & mask) hostBits = true;
    network.bytes[bit / 8] &= static_cast<std::uint8_t>(~mask);
  }
  if (!hostBits) return std::nullopt;
  std::string start;
  if (block.bits == 32) {
    start = fmt::format("{}.{}.{}.{}", network.bytes[0], network.bytes[1], network.bytes[2], network.bytes[3]);
  } else {
    for (std::size_t i = 0; i < 16; i += 2)
      start += fmt::format("{}{:x}", i == 0 ? "" : ":", network.bytes[i] << 8 | network.bytes[i + 1]);
  }
  return problem(fmt::format("`{}` has host bits set: IAM reads it as `{}/{}`", text, start, block.prefix),
                 fmt::format("write `{}/{}`, or `/{}` for the single address", start, block.prefix, block.bits));
}

bool isPrivateIp(std::string_view text) {
  Block b;
  if (parseBlock(text, b)) return false;
  if (b.bits == 128) {
    return ((b.bytes[0] & 0xfe) == 0xfc && b.prefix >= 7) ||
           (b.bytes[0] == 0xfe && (b.bytes[1] & 0xc0) == 0x80 && b.prefix >= 10);
  }
  return inV4(b, 10, 0xff) || inV4(b, 172, 0xff, 16, 0xf0) || inV4(b, 192, 0xff, 168, 0xff) ||
         inV4(b, 127, 0xff) || inV4(b, 169, 0xff, 254, 0xff);
}

std::optional<ValueProblem> checkTypedValue(ValueType type, std::string_view text) {
  switch (type) {
    case ValueType::Date:
      return checkDate(text);
    case ValueType::Numeric:
      return checkNumber(text);
    case ValueType::Bool:
    case ValueType::Null:
      return checkBool(text);
    case ValueType::Ip:
      return checkIp(text);
    case ValueType::String:
    case ValueType::Arn:
    case ValueType::Binary:
      break;
  }
  return std::nullopt;
}

}  // namespace rootpol::policy
