#include "emit/names.h"

namespace rootpol::emit {
namespace {

// ASCII only on purpose: <cctype> would follow the C locale, and identifiers must not.
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isAlnum(char c) { return isDigit(c) || isUpper(c) || isLower(c); }
char toLower(char c) { return isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
char toUpper(char c) { return isLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

std::string pascalWord(std::string_view word) {
  bool hasLower = false;
  for (char c : word) hasLower = hasLower || isLower(c);
  std::string out(1, toUpper(word.front()));
  for (char c : word.substr(1)) out += hasLower ? c : toLower(c);
  return out;
}

std::string nodeBase(const org::Node& node, bool pascal) {
  switch (node.kind) {
    case org::Node::Kind::Root:
      return pascal ? "Root" : "root";
    case org::Node::Kind::Ou:
      return pascal ? "Ou" + pascalCase(node.path) : "ou_" + terraformSlug(node.path);
    case org::Node::Kind::Account:
      return pascal ? "Account" + pascalCase(node.name) : "account_" + terraformSlug(node.name);
  }
  return pascal ? "Node" : "node";
}

}  // namespace

std::string NameTable::claim(const std::string& base) {
  std::string name = base;
  for (std::size_t n = 2; used_.count(name) != 0; ++n) {
    name = base + separator_ + std::to_string(n);
  }
  used_.insert(name);
  return name;
}

std::string terraformSlug(std::string_view text) {
  std::string out;
  for (char c : text) out += isAlnum(c) ? toLower(c) : '_';
  if (out.empty() || isDigit(out.front())) out.insert(out.begin(), '_');
  return out;
}

std::string terraformName(std::string_view text) {
  std::string out;
  for (char c : text) out += (isAlnum(c) || c == '-') ? c : '_';
  if (out.empty() || isDigit(out.front()) || out.front() == '-') out.insert(out.begin(), '_');
  return out;
}

std::string pascalCase(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size() && isAlnum(text[end])) ++end;
    if (end > start) out += pascalWord(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

NodeNames nodeNames(const org::Model& model) {
  NodeNames out;
  NameTable terraform("_"), cloudFormation("");
  for (const org::Node& node : model.nodes) {
    out.terraform.push_back(terraform.claim(nodeBase(node, false)));
    out.cloudFormation.push_back(cloudFormation.claim(nodeBase(node, true)));
  }
  return out;
}

}  // namespace rootpol::emit
