// Checks over the whole JSON tree that do not depend on where a value sits: keys written
// twice, and template placeholders left in strings; and the blanking of template sequences
// in a .tftpl file before it is parsed.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>

#include "lint/policy_reader.h"
#include "policy/json_string.h"

namespace rootpol::lint::detail {
namespace {

bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// `${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`, `${?}`, `${$}`: IAM policy
// variables, which belong in a policy. A variable names a key: a service prefix (letters,
// digits, `-`, `.`), a colon, and a name; template variables (`${ACCELERATOR_PREFIX}`,
// `${AWS::AccountId}`, `${ACCEL_LOOKUP::VPC_ID:OU:x}`, `${trimspace(r)}`) do not fit that.
bool isPolicyVariable(std::string_view content) {
  if (content == "*" || content == "?" || content == "$") return true;
  std::string_view key = content.substr(0, content.find(','));
  while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
  std::size_t colon = key.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 >= key.size()) return false;
  for (char c : key.substr(0, colon)) {
    if (!isLetter(c) && !isDigit(c) && c != '-' && c != '.') return false;
  }
  for (char c : key.substr(colon + 1)) {
    if (c == ':' || c == ' ' || c == '{' || c == '}' || c == '$' || c == '"') return false;
  }
  return true;
}

// The offset of the `}` that closes a template sequence whose body starts at `from`, or npos.
// Terraform expressions nest braces and quote strings (`${jsonencode([for r in x : "${r}"])}`).
std::size_t templateEnd(std::string_view s, std::size_t from) {
  int depth = 1;
  for (std::size_t i = from; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') {
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\') ++i;
      }
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// `[PRIVILEGED_ROLE]` or `<ACCOUNT_ID>`: a name in brackets, as documentation writes the parts
// a reader must fill in. Returns the length of the placeholder at s[i], or 0.
std::size_t bracketedName(std::string_view s, std::size_t i, char close) {
  std::size_t j = i + 1;
  if (j >= s.size() || !isLetter(s[j])) return 0;
  auto inName = [&](char c) {
    return isLetter(c) || isDigit(c) || c == '_' || c == '-' || (close == ']' && c == ' ') ||
           (close == '>' && c == '.');
  };
  while (j < s.size() && j - i <= 64 && inName(s[j])) ++j;
  if (j >= s.size() || s[j] != close || s[j - 1] == ' ') return 0;
  return j + 1 - i;
}

// The characters a placeholder starts with (the JSON reader's table); most text has none, and
// skipping the others is most of the scan's speed: one table load per byte.
bool mayStartPlaceholder(char c) { return json::kPlaceholderStart[static_cast<unsigned char>(c)]; }

// Whether a placeholder may start anywhere in `s`. Most strings of a policy (actions, ARNs,
// keys) have none of those characters: the JSON reader's test passes over them sixteen bytes at
// a time before any byte-by-byte scan.
bool mayHoldPlaceholder(std::string_view s) { return json::holdsPlaceholderStart(s); }

// Length of the placeholder starting at s[i], or 0.
std::size_t placeholderAt(std::string_view s, std::size_t i, bool templateEscapes) {
  char c = s[i];
  char next = i + 1 < s.size() ? s[i + 1] : '\0';
  if ((c == '$' || c == '%') && next == '{') {
    if (templateEscapes && i > 0 && s[i - 1] == c) return 0;  // `$${`: an escaped `${`
    std::size_t end = templateEnd(s, i + 2);
    if (end == std::string_view::npos) return 0;
    if (c == '$' && isPolicyVariable(s.substr(i + 2, end - i - 2))) return 0;
    return end + 1 - i;
  }
  if (c == '{' && next == '{') {
    std::size_t end = s.find("}}", i + 2);
    if (end == std::string_view::npos || end == i + 2) return 0;
    if (s.substr(i, end - i).find('\n') != std::string_view::npos) return 0;
    return end + 2 - i;
  }
  if (c == '[') return bracketedName(s, i, ']');
  if (c == '<') return bracketedName(s, i, '>');
  return 0;
}

std::string shorten(std::string_view s) {
  if (s.size() <= 60) return std::string(s);
  return fmt::format("{}...", s.substr(0, 57));
}

// The text between a scalar's quotes as written (YAML plain scalars have none).
std::pair<std::string_view, std::uint32_t> rawText(const Span& span, const ReadContext& ctx) {
  std::string_view raw = ctx.text.substr(span.begin, span.end - span.begin);
  if (raw.size() >= 2 && (raw.front() == '"' || raw.front() == '\'')) {
    return {raw.substr(1, raw.size() - 2), span.begin + 1};
  }
  return {raw, span.begin};
}

struct Occurrence {
  std::string text;
  Span span;
};

void scanString(const Span& span, ReadContext& ctx, std::vector<Occurrence>& out) {
  auto [raw, base] = rawText(span, ctx);
  if (!mayHoldPlaceholder(raw)) return;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (!mayStartPlaceholder(raw[i])) continue;
    std::size_t n = placeholderAt(raw, i, ctx.templateFile);
    if (n == 0) continue;
    std::uint32_t begin = base + static_cast<std::uint32_t>(i);
    out.push_back({std::string(raw.substr(i, n)),
                   Span{span.file, begin, begin + static_cast<std::uint32_t>(n)}});
    i += n - 1;
  }
}

// One finding per distinct placeholder, at its first use: LZA's guardrails repeat
// `${ACCELERATOR_PREFIX}` dozens of times and one fix (rendering the template) removes them all.
void reportOccurrences(const std::vector<Occurrence>& all, ReadContext& ctx) {
  std::map<std::string, std::size_t> count;
  for (const Occurrence& o : all) ++count[o.text];
  std::set<std::string> reported;
  for (const Occurrence& o : all) {
    if (!reported.insert(o.text).second) continue;
    Diagnostic& d = ctx.sink.report(
        DiagCode::RP4013, o.span,
        fmt::format("template placeholder `{}` left in the policy", shorten(o.text)));
    if (count[o.text] > 1)
      d.notes.push_back(fmt::format("it occurs {} times in this file", count[o.text]));
    d.help = "replace it with the value it stands for, or lint the rendered policy";
  }
}

}  // namespace

bool hasPlaceholder(std::string_view text) {
  if (!mayHoldPlaceholder(text)) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!mayStartPlaceholder(text[i])) continue;
    if (placeholderAt(text, i, false) > 0) return true;
  }
  return false;
}

void reportDuplicateKeys(const json::Node& root, DiagnosticSink& sink) {
  // Only objects have keys, and only arrays and objects hold them: scalars (most of a tree's
  // nodes) are not visited.
  std::vector<const json::Node*> stack{&root};
  while (!stack.empty()) {
    const json::Node* node = stack.back();
    stack.pop_back();
    for (auto m = node->members.rbegin(); m != node->members.rend(); ++m) {
      if (!m->value.isScalar()) stack.push_back(&m->value);
    }
    for (auto item = node->items.rbegin(); item != node->items.rend(); ++item) {
      if (!item->isScalar()) stack.push_back(&*item);
    }
    json::forEachDuplicateKey(*node, [&](const json::Member& earlier, const json::Member&, const json::Member& m) {
      Diagnostic& d =
          sink.report(DiagCode::RP4014, m.keySpan, fmt::format("duplicate key `{}`", m.key));
      d.labels.push_back(Label{earlier.keySpan, "first given here"});
      d.notes.push_back("only one of them takes effect (most JSON readers keep the last)");
      d.help = "merge the two, or remove one";
      return false;
    });
  }
}

void reportPlaceholders(const json::Node& root, ReadContext& ctx) {
  std::vector<Occurrence> found;
  std::vector<const json::Node*> stack{&root};
  while (!stack.empty()) {
    const json::Node* node = stack.back();
    stack.pop_back();
    if (node->kind == json::Kind::String) scanString(node->span, ctx, found);
    for (const json::Member& m : node->members) scanString(m.keySpan, ctx, found);
    // Children in reverse, so that findings come out in the order of the text.
    for (auto m = node->members.rbegin(); m != node->members.rend(); ++m) {
      stack.push_back(&m->value);
    }
    for (auto item = node->items.rbegin(); item != node->items.rend(); ++item) {
      stack.push_back(&*item);
    }
  }
  reportOccurrences(found, ctx);
}

std::string blankTemplateSequences(ReadContext& ctx) {
  const std::string& text = ctx.file.text();
  std::string out = text;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\') ++i;
      inString = c != '"';
      continue;
    }
    inString = c == '"';
    if ((c != '$' && c != '%') || i + 1 >= text.size() || text[i + 1] != '{') continue;
    std::size_t end = templateEnd(text, i + 2);
    if (end == std::string::npos) continue;
    Diagnostic& d = ctx.sink.report(
        DiagCode::RP4013,
        Span{ctx.file.id(), static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end + 1)},
        fmt::format("template sequence `{}` in the policy",
                    shorten(std::string_view(text).substr(i, end + 1 - i))));
    d.notes.push_back(c == '$'
                          ? "it is read as a placeholder value: what it renders to is not checked"
                          : "it is read as blank space: what it renders to is not checked");
    d.help = "lint the rendered policy to check what the template produces";
    std::fill(out.begin() + static_cast<std::ptrdiff_t>(i),
              out.begin() + static_cast<std::ptrdiff_t>(end) + 1, ' ');
    if (c == '$') {
      out[i] = '"';
      out[end] = '"';
      ctx.templateValues.push_back(static_cast<std::uint32_t>(i));
    }
    i = end;
  }
  return out;
}

}  // namespace rootpol::lint::detail
