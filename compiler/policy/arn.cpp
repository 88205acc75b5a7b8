#include "policy/arn.h"

#include "policy/glob.h"

namespace rootpol::policy {

bool splitArn(std::string_view text, ArnParts& parts) {
  // One pass by hand: these texts are short, and a library search per colon costs more.
  if (text.size() < 9 || text.substr(0, 4) != "arn:") return false;
  std::size_t start = 0;
  std::size_t part = 0;
  for (std::size_t i = 3; i < text.size() && part < 5; ++i) {
    if (text[i] != ':') continue;
    parts[part++] = text.substr(start, i - start);
    start = i + 1;
  }
  if (part < 5) return false;
  parts[5] = text.substr(start);
  return true;
}

std::vector<std::string_view> arnPatternParts(std::string_view text, bool variables) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  bool inVariable = false;
  for (std::size_t i = 0; i < text.size() && parts.size() < 5; ++i) {
    if (variables && !inVariable && text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      inVariable = text.find('}', i) != std::string_view::npos;
    } else if (inVariable && text[i] == '}') {
      inVariable = false;
    } else if (!inVariable && text[i] == ':') {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  if (parts.size() < 6) {
    if (parts.back().empty() || parts.back().back() != '*') return {};
    parts.resize(6, "*");
  }
  return parts;
}

bool arnLike(std::string_view pattern, std::string_view arn) {
  ArnParts arnParts;
  if (!splitArn(arn, arnParts)) return false;
  std::vector<std::string_view> patternParts = arnPatternParts(pattern, false);
  if (patternParts.empty()) return false;
  for (std::size_t i = 0; i < arnParts.size(); ++i) {
    if (!globMatch(patternParts[i], arnParts[i])) return false;
  }
  return true;
}

ArnPattern::ArnPattern(std::string_view text, bool variables) {
  std::vector<std::string_view> parts = arnPatternParts(text, variables);
  if (parts.empty()) return;
  for (std::size_t i = 0; i < parts_.size(); ++i) parts_[i] = Pattern(parts[i], true, variables);
  valid_ = true;
}

ResourcePattern::ResourcePattern(std::string_view text, bool variables)
    : whole_(text, true, variables), everything_(text == "*") {
  if (text.substr(0, 4) == "arn:") arn_ = ArnPattern(text, variables);
}

}  // namespace rootpol::policy
