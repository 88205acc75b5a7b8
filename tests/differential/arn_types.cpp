#include "arn_types.h"

#include <algorithm>
#include <array>
#include <set>

namespace rootpol::differential {
namespace {

// `arn:a:b:c:d:rest` as iam-utils' splitArnParts reads it: four parts after `arn`, then the
// rest. A missing part of the four is "\x01" (undefined there); a missing rest is empty.
std::array<std::string_view, 5> arnComponents(std::string_view arn) {
  std::array<std::string_view, 5> out = {"\x01", "\x01", "\x01", "\x01", ""};
  std::size_t start = arn.find(':');
  for (std::size_t part = 0; part < 5 && start != std::string_view::npos; ++part) {
    std::size_t colon = part == 4 ? std::string_view::npos : arn.find(':', start + 1);
    out[part] =
        arn.substr(start + 1, colon == std::string_view::npos ? arn.npos : colon - start - 1);
    start = colon;
  }
  return out;
}

struct Token {
  bool variable = false;
  char literal = 0;
};

std::vector<Token> tokenize(std::string_view pattern) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '$' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
      std::size_t end = pattern.find('}', i + 2);
      if (end != std::string_view::npos) {
        tokens.push_back({true, 0});
        i = end + 1;
        continue;
      }
    }
    tokens.push_back({false, pattern[i++]});
  }
  return tokens;
}

// A concrete component against a catalog component, where `${Var}` is one or more characters,
// and no `:` or `/` when the component is that variable alone (resourceTypes.js).
bool componentFits(std::string_view text, std::string_view pattern) {
  if (pattern == "*") return true;
  if (text == "\x01" || pattern == "\x01") return false;
  if (text.empty() || pattern.empty()) return text.size() == pattern.size();
  std::vector<Token> tokens = tokenize(pattern);
  const bool single = tokens.size() == 1 && tokens[0].variable;
  const std::size_t n = tokens.size();
  // State j: the first j tokens are done; a variable just done may still take characters.
  std::vector<char> reach(n + 1, 0);
  reach[0] = 1;
  for (char c : text) {
    const bool separator = c == ':' || c == '/';
    std::vector<char> next(n + 1, 0);
    for (std::size_t j = 0; j <= n; ++j) {
      if (!reach[j]) continue;
      if (j < n && (tokens[j].variable ? !(single && separator) : tokens[j].literal == c)) {
        next[j + 1] = 1;
      }
      if (j > 0 && tokens[j - 1].variable && !(single && separator)) next[j] = 1;
    }
    reach.swap(next);
  }
  return reach[tokens.size()] != 0;
}

bool fitsFormat(std::string_view arn, std::string_view format) {
  auto a = arnComponents(arn);
  auto f = arnComponents(format);
  for (std::size_t i = 0; i < 5; ++i) {
    if (!componentFits(a[i], f[i])) return false;
  }
  return true;
}

std::string literalText(std::string_view format) {
  std::string out;
  for (const Token& t : tokenize(format)) {
    if (!t.variable) out.push_back(t.literal);
  }
  return out;
}

}  // namespace

std::string instantiateFormat(std::string_view format, std::string_view filler) {
  std::string out;
  for (std::size_t i = 0; i < format.size();) {
    std::size_t end =
        format.substr(i, 2) == "${" ? format.find('}', i + 2) : std::string_view::npos;
    if (end == std::string_view::npos) {
      out.push_back(format[i++]);
      continue;
    }
    std::string_view name = format.substr(i + 2, end - i - 2);
    if (name == "Partition") {
      out += "aws";
    } else if (name == "Region") {
      out += "us-east-1";
    } else if (name.find("Account") != std::string_view::npos) {
      out += "111122223333";
    } else {
      out += filler;
    }
    i = end + 1;
  }
  return out;
}

bool ResourceTypes::fitsOneType(const ActionResources& action, std::string_view arn) {
  // (type, format) pairs that fit, then the less specific formats dropped, as
  // mostSpecificMatchingResourceTypePatterns does; the oracle wants exactly one type left.
  std::vector<std::pair<std::size_t, std::string>> fits;
  for (std::size_t t = 0; t < action.typeFormats.size(); ++t) {
    const std::string& format = action.typeFormats[t];
    if (fitsFormat(arn, format)) fits.emplace_back(t, literalText(format));
  }
  std::set<std::size_t> types;
  for (const auto& [type, literal] : fits) {
    bool lessSpecific = std::any_of(fits.begin(), fits.end(), [&](const auto& other) {
      return other.second.size() > literal.size() && other.second.rfind(literal, 0) == 0;
    });
    if (!lessSpecific) types.insert(type);
  }
  return types.size() == 1;
}

const ActionResources& ResourceTypes::of(const std::string& action) {
  auto [it, inserted] = cache_.try_emplace(action);
  if (!inserted) return it->second;
  ActionResources& out = it->second;
  std::optional<catalog::Action> details = catalog_.action(action);
  if (!details) return out;
  out.known = true;
  out.wildcardOnly = details->resources.empty();
  for (const catalog::ActionResource& resource : details->resources) {
    auto type = catalog_.resourceType(details->ref.service, resource.name);
    // iam-data keeps a type's formats as one string joined by ", ", and the oracle matches
    // that string as one format: such a type takes no real ARN there.
    std::string joined;
    for (std::string_view arn : type ? type->arns : std::vector<std::string_view>{}) {
      joined += (joined.empty() ? "" : ", ") + std::string(arn);
    }
    out.typeFormats.push_back(std::move(joined));
  }
  // Fillers from plain to odd: some formats only tell their type apart with a given shape.
  static constexpr std::array<std::string_view, 3> kFillers = {"res-1", "a1b2", "x"};
  for (const std::string& format : out.typeFormats) {
    // A `*` in a catalog format is a literal the ARN must hold, and the oracle reads an ARN
    // with `*` as a wildcard request (one run per resource type), not as one resource.
    if (format.empty() || format.find(", ") != std::string::npos ||
        format.find('*') != std::string::npos) {
      continue;
    }
    auto fits = [&](std::string_view filler) {
      return fitsOneType(out, instantiateFormat(format, filler));
    };
    auto filler = std::find_if(kFillers.begin(), kFillers.end(), fits);
    if (filler != kFillers.end()) out.samples.push_back(instantiateFormat(format, *filler));
  }
  return out;
}

}  // namespace rootpol::differential
