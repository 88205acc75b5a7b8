#include "oracle_client.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

namespace rootpol::semantic {
namespace {

std::string shellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

// A private temporary file holding the batch; removed when this object goes away.
class TempFile {
 public:
  TempFile() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "rootpol-oracle-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::optional<std::string> readCommand(const std::string& command, int& status) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return std::nullopt;
  std::string out;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) out.append(buffer, n);
  status = pclose(pipe.release());
  return out;
}

}  // namespace

OracleClient::OracleClient(std::filesystem::path oracleDir) : dir_(std::move(oracleDir)) {}

std::optional<std::string> OracleClient::unavailableReason() const {
  if (std::system("node --version >/dev/null 2>&1") != 0) {
    return "`node` is not on PATH: the IAM oracle cannot run (install Node.js, then run "
           "tests/oracle/install.sh)";
  }
  std::error_code ec;
  if (!std::filesystem::exists(dir_ / "simulate.mjs", ec)) {
    return "the oracle script " + (dir_ / "simulate.mjs").string() + " is missing";
  }
  if (!std::filesystem::is_directory(dir_ / "node_modules" / "@cloud-copilot" / "iam-simulate",
                                     ec)) {
    return "tests/oracle/node_modules is not installed: run tests/oracle/install.sh";
  }
  return std::nullopt;
}

std::optional<std::vector<OracleResult>> OracleClient::run(const nlohmann::json& cases,
                                                           std::string& error) const {
  TempFile input;
  if (input.path().empty()) {
    error = "cannot create a temporary file for the oracle batch";
    return std::nullopt;
  }
  {
    std::ofstream out(input.path());
    out << nlohmann::json{{"cases", cases}}.dump();
    if (!out) {
      error = "cannot write the oracle batch to " + input.path();
      return std::nullopt;
    }
  }
  int status = 0;
  auto text = readCommand(
      "node " + shellQuote((dir_ / "simulate.mjs").string()) + " < " + shellQuote(input.path()),
      status);
  if (!text || status != 0) {
    error = "the oracle process failed (status " + std::to_string(status) + ")";
    return std::nullopt;
  }
  nlohmann::json answer = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded() || !answer.contains("results") || !answer["results"].is_array() ||
      answer["results"].size() != cases.size()) {
    error = "the oracle's answer is not {\"results\":[...]} with one result per case: " +
            text->substr(0, 500);
    return std::nullopt;
  }
  std::vector<OracleResult> results;
  for (const auto& r : answer["results"]) {
    OracleResult result;
    result.id = r.value("id", "");
    result.decision = r.value("decision", "error");
    if (r.contains("raw")) result.raw = r["raw"];
    if (result.raw.is_object() && result.raw.contains("ignoredContextKeys")) {
      for (const auto& key : result.raw["ignoredContextKeys"]) {
        if (key.is_string()) result.ignoredContextKeys.push_back(key.get<std::string>());
      }
    }
    results.push_back(std::move(result));
  }
  return results;
}

nlohmann::json oracleCase(const std::string& id, const nlohmann::json& documents,
                          const interp::Request& request,
                          const std::set<std::string>& multiValuedKeys) {
  nlohmann::json context = nlohmann::json::object();
  for (const auto& [key, values] : request.context) {
    if (multiValuedKeys.count(key) || values.size() != 1) {
      context[key] = values;
    } else {
      context[key] = values.front();
    }
  }
  return {{"id", id},
          {"scps", nlohmann::json::array({documents})},
          {"action", request.action},
          {"resource", request.resource},
          {"principal", request.principalArn},
          {"context", context}};
}

}  // namespace rootpol::semantic
