// rootpol's packer against the SCP preprocessor's published method, on groups of corpus SCPs that
// a team would attach to one OU (the SCPs of one corpus folder), as one program policy would
// deploy them. Run by bench/pack_bench.sh; see docs/packing.md §5.
//
// The preprocessor's method (aws-samples/service-control-policy-preprocessor, README and
// peers.md §3.1), reimplemented from its description, not its code: strip Sids; merge
// statements with the same Effect, Resource and Condition (their Action lists united); minify
// (here structurally, which is more than fair: its regex minifier also strips spaces inside
// values); pack statements largest first into the first policy they fit (first-fit decreasing)
// against the size quota. Its other steps are left out on both sides: wildcard expansion and
// unique-prefix rewriting change actions (a prefix later matches new actions), which rootpol
// does not do.
//
// rootpol: pack::packDocument on the group's statements (Sids stripped too, so that the two
// are compared on the same input; `kept Sids` shows the cost of keeping them). `optimum` is
// the merged statements as one document, which no packing can beat by more than the part
// headers.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "pack/pack.h"
#include "policy/document.h"
#include "policy/read_document.h"

namespace fs = std::filesystem;
using namespace rootpol;

namespace {

// The preprocessor: Sids stripped, statements merged on Effect, Resource and Condition (as
// written, minified), first-fit decreasing. Returns the sizes of its policies.
std::vector<std::size_t> preprocessor(const policy::Document& group, std::size_t quota) {
  std::vector<policy::Statement> merged;
  std::map<std::string, std::size_t> byRest;
  for (policy::Statement s : group.statements) {
    s.sid.clear();
    policy::Statement rest = s;
    if (!s.notAction) rest.actions.clear();  // NotAction lists are never united: only equal ones are one
    policy::Document probe;
    probe.statements.push_back(rest);
    const std::string key = (s.notAction ? "N" : "A") + policy::toJson(probe);
    auto [it, fresh] = byRest.emplace(key, merged.size());
    if (fresh || s.notAction) {
      if (!fresh) continue;  // identical NotAction statement
      merged.push_back(s);
      continue;
    }
    for (const std::string& a : s.actions) {
      auto& list = merged[it->second].actions;
      if (std::find(list.begin(), list.end(), a) == list.end()) list.push_back(a);
    }
  }
  policy::Document empty;
  empty.version = group.version;
  const std::size_t header = policy::jsonSize(empty);
  std::vector<std::size_t> sizes;
  for (const policy::Statement& s : merged) {
    policy::Document one = empty;
    one.statements.push_back(s);
    sizes.push_back(policy::jsonSize(one) - header);
  }
  std::sort(sizes.rbegin(), sizes.rend());
  std::vector<std::size_t> bins;  // bytes of each policy
  for (std::size_t size : sizes) {
    auto it = std::find_if(bins.begin(), bins.end(), [&](std::size_t used) { return used + 1 + size <= quota; });
    if (it == bins.end()) {
      bins.push_back(header + size);
    } else {
      *it += 1 + size;
    }
  }
  return bins;
}

std::size_t sum(const std::vector<std::size_t>& v) {
  std::size_t out = 0;
  for (std::size_t x : v) out += x;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: pack_bench CORPUS_DIR [QUOTA]\n";
    return 2;
  }
  const fs::path corpus = argv[1];
  const std::size_t quota = argc > 2 ? std::stoul(argv[2]) : 10240;
  std::map<std::string, policy::Document> groups;
  std::map<std::string, std::size_t> files;
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator(corpus / "scp")) {
    if (e.is_regular_file() && e.path().extension() == ".json") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string error;
    std::optional<policy::Document> doc = policy::readDocument(text.str(), error);
    if (!doc || doc->statements.empty()) continue;
    const std::string group = fs::relative(path.parent_path(), corpus).generic_string();
    policy::Document& g = groups[group];
    g.version = "2012-10-17";
    for (policy::Statement& s : doc->statements) g.statements.push_back(std::move(s));
    ++files[group];
  }
  std::cout << "quota " << quota << " bytes; groups of 2+ SCPs of one corpus folder\n\n";
  std::cout << "| group | SCPs | statements | preprocessor parts | bytes | rootpol parts | bytes | kept Sids: parts | bytes | optimum | rootpol / optimum |\n";
  std::cout << "|---|---|---|---|---|---|---|---|---|---|---|\n";
  std::size_t worseParts = 0, worseBytes = 0, rows = 0;
  double worstRatio = 0;
  std::size_t totalPre = 0, totalOurs = 0, totalOptimum = 0, partsPre = 0, partsOurs = 0;
  for (auto& [name, group] : groups) {
    if (files[name] < 2) continue;
    std::vector<std::size_t> pre = preprocessor(group, quota);
    policy::Document stripped = group;
    for (policy::Statement& s : stripped.statements) s.sid.clear();
    pack::PackOptions options;
    options.capacity = quota;
    pack::Packed ours = pack::packDocument(stripped, options);
    pack::Packed withSids = pack::packDocument(group, options);
    std::size_t bytes = 0, bytesSids = 0;
    for (const auto& part : ours.parts) bytes += policy::jsonSize(part);
    for (const auto& part : withSids.parts) bytesSids += policy::jsonSize(part);
    const double ratio = ours.mergedBytes ? double(bytes) / double(ours.mergedBytes) : 0;
    ++rows;
    worseParts += ours.parts.size() > pre.size() ? 1 : 0;
    worseBytes += bytes > sum(pre) ? 1 : 0;
    worstRatio = std::max(worstRatio, ratio);
    totalPre += sum(pre);
    totalOurs += bytes;
    totalOptimum += ours.mergedBytes;
    partsPre += pre.size();
    partsOurs += ours.parts.size();
    std::cout << "| " << name << " | " << files[name] << " | " << group.statements.size() << " | " << pre.size() << " | "
              << sum(pre) << " | " << ours.parts.size() << " | " << bytes << " | " << withSids.parts.size() << " | "
              << bytesSids << " | " << ours.mergedBytes << " | " << std::fixed << std::setprecision(3) << ratio << " |\n";
  }
  std::cout << "\n" << rows << " groups: preprocessor " << partsPre << " parts, " << totalPre << " bytes; rootpol " << partsOurs
            << " parts, " << totalOurs << " bytes (" << std::setprecision(1) << 100.0 * double(totalOurs) / double(totalPre)
            << "% of the preprocessor's); merged optimum " << totalOptimum << " bytes.\n";
  std::cout << "groups where rootpol needs more parts: " << worseParts << "; more bytes: " << worseBytes
            << "; worst rootpol / optimum: " << std::setprecision(3) << worstRatio << "\n";
  return 0;
}
