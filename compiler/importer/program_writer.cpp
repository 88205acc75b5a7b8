#include "importer/program_writer.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace rootpol::importer {
namespace {

std::string quoted(const std::string& text) { return quote(text).value_or("\"\""); }

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string list(const std::vector<std::string>& items) { return "[" + join(items, ", ") + "]"; }

// `aws:PrincipalTag/team` -> principal_tag_team, `ec2:InstanceType` -> instance_type.
std::string snakeName(std::string_view key) {
  std::string out;
  for (std::size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    if (std::isupper(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != '_' && i > 0 && std::islower(static_cast<unsigned char>(key[i - 1]))) {
        out += '_';
      }
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "k_" + out;
  return out;
}

// The base of a let's name from the atom's key as written.
std::string keyBase(const std::string& key) {
  if (key.front() == '"') {
    std::string raw = key.substr(1, key.size() - 2);
    std::size_t colon = raw.find(':');
    return snakeName(colon == std::string::npos ? raw : raw.substr(colon + 1));
  }
  return snakeName(key);
}

// Which value lists repeat, and the names they get.
class Lets {
 public:
  void count(const std::vector<std::string>& printed) {
    if (printed.size() >= 2) ++uses_[sortedKey(printed)];
  }
  // The let's name for `printed`, declaring it on first use; nullopt when it is used once.
  std::optional<std::string> name(const std::vector<std::string>& printed, const std::string& base) {
    if (printed.size() < 2) return std::nullopt;
    std::string key = sortedKey(printed);
    if (uses_[key] < 2) return std::nullopt;
    auto it = names_.find(key);
    if (it != names_.end()) return it->second;
    std::string name = base;
    for (int n = 2; taken_.count(name) > 0; ++n) name = base + "_" + std::to_string(n);
    taken_.insert(name);
    names_[key] = name;
    declarations_.push_back("let " + name + " = " + list(printed));
    return name;
  }
  const std::vector<std::string>& declarations() const { return declarations_; }

 private:
  static std::string sortedKey(std::vector<std::string> items) {
    std::sort(items.begin(), items.end());
    return join(items, "\x1f");
  }
  std::map<std::string, int> uses_;
  std::map<std::string, std::string> names_;
  std::set<std::string> taken_;
  std::vector<std::string> declarations_;
};

std::vector<std::string> printedValues(const Atom& atom) {
  std::vector<std::string> out;
  for (const std::string& v : atom.values) out.push_back(atom.print == Atom::Print::Strings ? quoted(v) : v);
  return out;
}

std::vector<std::string> printedActions(const RuleDraft& rule) {
  std::vector<std::string> out;
  for (const std::string& a : rule.actions) out.push_back(rule.quoteActions ? quoted(a) : a);
  return out;
}

std::vector<std::string> printedStrings(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) out.push_back(quoted(v));
  return out;
}

class RuleWriter {
 public:
  explicit RuleWriter(Lets& lets) : lets_(lets) {}

  std::string write(const RuleDraft& rule) {
    std::string out = rule.deny ? "deny " : "allow ";
    if (rule.actionsExcept) out += "all except ";
    out += values(printedActions(rule), "actions");
    if (!rule.resources.empty()) {
      out += rule.resourcesExcept ? " on all except " : " on ";
      out += values(printedStrings(rule.resources), "resources");
    }
    if (rule.forRoot) out += rule.rootCredentials ? " for root credentials" : " for root";
    if (!rule.principals.empty()) out += " for " + values(printedStrings(rule.principals), "principals");
    if (!rule.when.empty()) out += " when " + atoms(rule.when, " and ", false);
    if (!rule.unless.empty()) out += " unless " + atoms(rule.unless, " or ", true);
    if (rule.strict) out += " strict";
    if (rule.sid) out += " as " + quoted(*rule.sid);
    return out;
  }

 private:
  // One value bare, several as a list or the let that names them.
  std::string values(const std::vector<std::string>& printed, const std::string& base) {
    if (printed.size() == 1) return printed.front();
    if (auto name = lets_.name(printed, base)) return *name;
    return list(printed);
  }

  std::string atoms(const std::vector<Atom>& items, std::string_view separator, bool unless) {
    std::vector<std::string> parts;
    for (const Atom& a : items) parts.push_back(atom(a, unless));
    return join(parts, separator);
  }

  std::string atom(const Atom& a, bool unless) {
    std::string out = a.key;
    if (!a.op.empty()) out += " " + a.op;
    if (a.print == Atom::Print::None) return out;
    std::vector<std::string> printed = printedValues(a);
    std::string base = (unless ? "allowed_" : "") + keyBase(a.key) + (unless ? "s" : "_values");
    out += " " + (a.single ? printed.front() : values(printed, base));
    return out;
  }

  Lets& lets_;
};

}  // namespace

WrittenProgram writeProgram(const PolicyDraft& policy) {
  Lets lets;
  for (const RuleDraft& rule : policy.rules) {
    lets.count(printedActions(rule));
    lets.count(printedStrings(rule.resources));
    lets.count(printedStrings(rule.principals));
    for (const auto* atoms : {&rule.when, &rule.unless}) {
      for (const Atom& a : *atoms) {
        if (a.print != Atom::Print::None && !a.single) lets.count(printedValues(a));
      }
    }
  }
  RuleWriter writer(lets);
  std::vector<std::string> rules;
  for (const RuleDraft& rule : policy.rules) rules.push_back(writer.write(rule));

  WrittenProgram out;
  std::uint32_t line = 1;
  auto emit = [&](const std::string& text) {
    out.text += text + "\n";
    ++line;
  };
  for (const std::string& h : policy.header) emit(h.empty() ? "//" : "// " + h);
  if (!policy.header.empty()) emit("");
  for (const std::string& d : lets.declarations()) emit(d);
  if (!lets.declarations().empty()) emit("");
  std::string opening = (policy.resourcePolicy ? "resource policy " : "policy ") + policy.name;
  if (policy.description) opening += " " + quoted(*policy.description);
  emit(opening + " {");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (i < policy.ruleNotes.size()) {
      for (const std::string& note : policy.ruleNotes[i]) emit("  // " + note);
    }
    out.ruleLines.push_back(line);
    emit("  " + rules[i]);
  }
  emit("}");
  return out;
}

}  // namespace rootpol::importer
