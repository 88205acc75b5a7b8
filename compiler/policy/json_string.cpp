#include "policy/json_string.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace rootpol::policy::json {
namespace {

unsigned char byteAt(std::string_view text, std::size_t at) {
  return at < text.size() ? static_cast<unsigned char>(text[at]) : 0;
}

// Length of the well-formed UTF-8 sequence at text[at] (RFC 3629 table 3-7), or 0.
std::size_t wellFormedLength(std::string_view text, std::size_t at) {
  unsigned char b0 = byteAt(text, at);
  if (b0 < 0x80) return 1;
  auto cont = [&](std::size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    unsigned char b = byteAt(text, at + i);
    return b >= lo && b <= hi;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80;
    unsigned char hi = b0 == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = b0 == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

// Printable ASCII other than `"` and `\\`: what a string holds as written. One table load per
// byte instead of four comparisons: strings are most of a policy's bytes.
constexpr std::array<bool, 256> kPlainAscii = [] {
  std::array<bool, 256> out{};
  for (int b = 0x20; b < 0x80; ++b) out[static_cast<std::size_t>(b)] = b != '"' && b != '\\';
  return out;
}();

std::string_view controlName(unsigned char c) {
  switch (c) {
    case '\n':
      return " (line feed)";
    case '\r':
      return " (carriage return)";
    case '\t':
      return " (tab)";
    default:
      return "";
  }
}

#if defined(__SSE2__)
// Which of sixteen bytes are kPlaceholderStart bytes, one bit each: `$` and `%` differ only in
// bit 0x01, `[` and `{` only in bit 0x20, so three compares find all five.
unsigned placeholderStarts(__m128i bytes) {
  const __m128i dollar = _mm_cmpeq_epi8(_mm_and_si128(bytes, _mm_set1_epi8(~0x01)), _mm_set1_epi8('$'));
  const __m128i brace = _mm_cmpeq_epi8(_mm_or_si128(bytes, _mm_set1_epi8(0x20)), _mm_set1_epi8('{'));
  const __m128i angle = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('<'));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(dollar, _mm_or_si128(brace, angle))));
}
__m128i load16(const char* at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); }
#endif

// plainAsciiEnd, and when `kMarks` also whether the run holds a kPlaceholderStart byte (`marks`
// is set, never cleared).
template <bool kMarks>
std::size_t scanPlainRun(std::string_view text, std::size_t from, bool& marks) {
#if defined(__SSE2__)
  // Sixteen bytes a compare: as signed bytes, everything below 0x20 and everything from 0x80
  // is less than 0x20, so one compare and two equalities find the first byte that is not plain.
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  while (from + 16 <= text.size()) {
    const __m128i bytes = load16(text.data() + from);
    const __m128i stop = _mm_or_si128(_mm_cmplt_epi8(bytes, space),
                                      _mm_or_si128(_mm_cmpeq_epi8(bytes, quote),
                                                   _mm_cmpeq_epi8(bytes, backslash)));
    const auto stops = static_cast<unsigned>(_mm_movemask_epi8(stop));
    const unsigned before = stops == 0 ? 0xFFFFu : (stops & (0u - stops)) - 1;  // bytes before the stop
    if constexpr (kMarks) {
      if ((placeholderStarts(bytes) & before) != 0) marks = true;
    }
    if (stops != 0) return from + static_cast<std::size_t>(__builtin_ctz(stops));
    from += 16;
  }
#endif
  while (from < text.size() && kPlainAscii[static_cast<unsigned char>(text[from])]) {
    if constexpr (kMarks) marks = marks || kPlaceholderStart[static_cast<unsigned char>(text[from])];
    ++from;
  }
  return from;
}

}  // namespace

std::size_t plainAsciiEnd(std::string_view text, std::size_t from) {
  bool unused = false;
  return scanPlainRun<false>(text, from, unused);
}

std::size_t plainAsciiEnd(std::string_view text, std::size_t from, bool& placeholderStart) {
  return scanPlainRun<true>(text, from, placeholderStart);
}

bool holdsPlaceholderStart(std::string_view text) {
  const std::size_t n = text.size();
#if defined(__SSE2__)
  if (n >= 16) {
    // Sixteen bytes at a time, the last sixteen read again (a yes or no needs no position).
    for (std::size_t i = 0; i + 16 < n; i += 16) {
      if (placeholderStarts(load16(text.data() + i)) != 0) return true;
    }
    return placeholderStarts(load16(text.data() + n - 16)) != 0;
  }
#endif
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return kPlaceholderStart[static_cast<unsigned char>(c)]; });
}

std::size_t utf8Length(std::string_view text, std::size_t at) {
  std::size_t n = wellFormedLength(text, at);
  return n == 0 ? 1 : n;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool StringDecoder::fail(std::size_t offset, std::string message, std::string help) {
  errorOffset_ = offset;
  errorMessage_ = std::move(message);
  errorHelp_ = std::move(help);
  return false;
}

bool StringDecoder::decode(std::string& out) {
  std::size_t open = pos_;
  ++pos_;  // the opening quote
  for (;;) {
    if (pos_ >= text_.size()) {
      return fail(pos_, "invalid string: end of input before the closing quote",
                  fmt::format("the string opened at byte {} is not closed", open));
    }
    // A run of plain ASCII (most of any policy) is appended at once.
    std::size_t run = plainAsciiEnd(text_, pos_);
    if (run > pos_) {
      out.append(text_.data() + pos_, run - pos_);
      pos_ = run;
      continue;
    }
    unsigned char c = byteAt(text_, pos_);
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c == '\\') {
      if (!decodeEscape(out)) return false;
    } else if (c < 0x20) {
      return fail(pos_,
                  fmt::format("invalid string: control character U+{:04X}{} must be escaped", c,
                              controlName(c)),
                  c == '\n' ? "is a closing `\"` missing?" : fmt::format("write `\\u{:04x}`", c));
    } else if (!copyUtf8(out)) {
      return false;
    }
  }
}

bool StringDecoder::copyUtf8(std::string& out) {
  std::size_t n = wellFormedLength(text_, pos_);
  if (n == 0) return fail(pos_, "invalid string: ill-formed UTF-8 byte", "save the file as UTF-8");
  out.append(text_.substr(pos_, n));
  pos_ += n;
  return true;
}

bool StringDecoder::readHex4(std::size_t at, std::uint32_t& value) {
  value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    unsigned char c = byteAt(text_, at + i);
    int digit = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
    if (digit < 0) {
      return fail(at - 2, "invalid string: `\\u` must be followed by four hex digits");
    }
    value = value * 16 + static_cast<std::uint32_t>(digit);
  }
  return true;
}

bool StringDecoder::decodeEscape(std::string& out) {
  std::size_t at = pos_;
  char c = static_cast<char>(byteAt(text_, pos_ + 1));
  static constexpr std::string_view kFrom = "\"\\/bfnrt";
  static constexpr std::string_view kTo = "\"\\/\b\f\n\r\t";
  if (std::size_t i = kFrom.find(c); c != '\0' && i != std::string_view::npos) {
    out += kTo[i];
    pos_ += 2;
    return true;
  }
  if (c != 'u') {
    return fail(at, fmt::format("invalid string: `\\{}` is not a JSON escape", c),
                "the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write `\\\\` for a "
                "backslash");
  }
  std::uint32_t cp = 0;
  if (!readHex4(at + 2, cp)) return false;
  pos_ += 6;
  if (cp >= 0xDC00 && cp <= 0xDFFF) {
    return fail(at, fmt::format("invalid string: low surrogate `\\u{:04X}` without a high "
                                "surrogate before it",
                                cp));
  }
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    std::uint32_t low = 0;
    if (text_.substr(pos_, 2) != "\\u" || !readHex4(pos_ + 2, low) || low < 0xDC00 ||
        low > 0xDFFF) {
      return fail(at, fmt::format("invalid string: high surrogate `\\u{:04X}` must be followed "
                                  "by a low surrogate (`\\uDC00` to `\\uDFFF`)",
                                  cp));
    }
    pos_ += 6;
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
  }
  appendUtf8(out, cp);
  return true;
}

}  // namespace rootpol::policy::json
