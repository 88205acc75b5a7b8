#include <cstring>

#include "eval/values.h"

namespace rootpol::eval {
namespace {

constexpr std::size_t kNone = std::string_view::npos;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

int hexDigit(char c) {
  if (isDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Dotted quad. A leading zero ("010") is refused: some readers take it as octal, so its
// meaning is not settled.
bool parseV4(std::string_view text, std::uint8_t* out) {
  for (int i = 0; i < 4; ++i) {
    std::size_t dot = text.find('.');
    if ((i < 3) != (dot != kNone)) return false;
    std::string_view part = text.substr(0, dot);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return false;
    int value = 0;
    for (char c : part) {
      if (!isDigit(c)) return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    out[i] = static_cast<std::uint8_t>(value);
    text = i < 3 ? text.substr(dot + 1) : std::string_view();
  }
  return true;
}

// ':'-separated hex groups into `words`; a dotted IPv4 tail (two words) only where allowed.
// Returns how many words were read, or -1.
int readGroups(std::string_view text, std::uint16_t* words, int max, bool v4Tail) {
  if (text.empty()) return 0;
  int n = 0;
  while (true) {
    std::size_t colon = text.find(':');
    std::string_view group = text.substr(0, colon);
    if (colon == kNone && v4Tail && group.find('.') != kNone) {
      std::uint8_t v4[4];
      if (n + 2 > max || !parseV4(group, v4)) return -1;
      words[n++] = static_cast<std::uint16_t>(v4[0] << 8 | v4[1]);
      words[n++] = static_cast<std::uint16_t>(v4[2] << 8 | v4[3]);
      return n;
    }
    if (group.empty() || group.size() > 4 || n >= max) return -1;
    unsigned value = 0;
    for (char c : group) {
      int h = hexDigit(c);
      if (h < 0) return -1;
      value = value * 16 + static_cast<unsigned>(h);
    }
    words[n++] = static_cast<std::uint16_t>(value);
    if (colon == kNone) return n;
    text.remove_prefix(colon + 1);
  }
}

// RFC 4291 text into 16 raw bytes (no mapping applied).
bool parseV6(std::string_view text, std::uint8_t* out) {
  std::uint16_t words[8] = {};
  std::size_t gap = text.find("::");
  if (gap == kNone) {
    if (readGroups(text, words, 8, true) != 8) return false;
  } else {
    if (text.find("::", gap + 1) != kNone) return false;
    std::uint16_t head[7];
    std::uint16_t tail[7];
    int h = readGroups(text.substr(0, gap), head, 7, false);
    int t = readGroups(text.substr(gap + 2), tail, 7, true);
    if (h < 0 || t < 0 || h + t > 7) return false;
    for (int i = 0; i < h; ++i) words[i] = head[i];
    for (int i = 0; i < t; ++i) words[8 - t + i] = tail[i];
  }
  for (int i = 0; i < 8; ++i) {
    out[2 * i] = static_cast<std::uint8_t>(words[i] >> 8);
    out[2 * i + 1] = static_cast<std::uint8_t>(words[i] & 0xff);
  }
  return true;
}

bool isMapped(const IpAddress& a) {
  static constexpr std::uint8_t kPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return a.v6 && std::memcmp(a.bytes.data(), kPrefix, 12) == 0;
}

IpAddress unmapped(const IpAddress& a) {
  IpAddress out;
  std::memcpy(out.bytes.data(), a.bytes.data() + 12, 4);
  return out;
}

std::optional<IpAddress> parseRaw(std::string_view text) {
  IpAddress out;
  out.v6 = text.find(':') != kNone;
  bool ok = out.v6 ? parseV6(text, out.bytes.data()) : parseV4(text, out.bytes.data());
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

std::optional<IpAddress> parseIpAddress(std::string_view text) {
  auto raw = parseRaw(text);
  if (!raw) return std::nullopt;
  return isMapped(*raw) ? unmapped(*raw) : *raw;
}

std::optional<IpBlock> parseIpBlock(std::string_view text) {
  std::size_t slash = text.find('/');
  auto raw = parseRaw(text.substr(0, slash));
  if (!raw) return std::nullopt;
  const int bits = raw->v6 ? 128 : 32;
  int prefix = bits;
  if (slash != kNone) {
    std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    prefix = 0;
    for (char c : digits) {
      if (!isDigit(c)) return std::nullopt;
      prefix = prefix * 10 + (c - '0');
    }
    if (prefix > bits) return std::nullopt;
  }
  if (isMapped(*raw) && prefix >= 96) return IpBlock{unmapped(*raw), prefix - 96};
  return IpBlock{*raw, prefix};
}

bool blockContains(const IpBlock& block, const IpAddress& address) {
  if (block.base.v6 != address.v6) return false;
  const int whole = block.prefix / 8;
  if (std::memcmp(block.base.bytes.data(), address.bytes.data(), static_cast<std::size_t>(whole)) !=
      0) {
    return false;
  }
  const int rest = block.prefix % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (block.base.bytes[whole] & mask) == (address.bytes[whole] & mask);
}

std::optional<std::string> decodeBase64(std::string_view text) {
  std::size_t padding = 0;
  while (padding < 2 && !text.empty() && text.back() == '=') {
    text.remove_suffix(1);
    ++padding;
  }
  if ((padding > 0 && (text.size() + padding) % 4 != 0) || text.size() % 4 == 1)
    return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v = (c >= 'A' && c <= 'Z')   ? c - 'A'
            : (c >= 'a' && c <= 'z') ? c - 'a' + 26
            : isDigit(c)             ? c - '0' + 52
            : c == '+'               ? 62
            : c == '/'               ? 63
                                     : -1;
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  // Left-over bits must be zero: otherwise two texts would decode to the same bytes.
  if ((buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

}  // namespace rootpol::eval
