// bench/replay: `rootpol replay` against simdjson's raw parse of the same files (README.md here).
//
//     replay_bench PROGRAM.rootpol FILE_OR_DIR... [--rounds N]
//
// For 1 and 2 threads: the time to read and parse every file with simdjson's DOM parser (the raw
// parse, nothing kept), and the time of replay::replayFiles (read, parse on demand, map, decide,
// aggregate) over the same files; then nlohmann::json::parse on one thread for comparison. The
// best of N rounds each, the two alternating. Prints MB/s of JSON text and replay / raw.
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <iostream>
#include <thread>

#include "driver/compilation.h"
#include "replay/replay.h"

namespace {

using namespace rootpol;
using Clock = std::chrono::steady_clock;

// Reads (and inflates) every file and parses it with simdjson's DOM parser, each thread with its
// own reader and parser; returns the bytes of JSON text.
std::size_t rawParse(const std::vector<std::filesystem::path>& files, unsigned threads) {
  std::atomic<std::size_t> bytes{0}, next{0};
  auto work = [&] {
    replay::RecordReader reader;
    simdjson::dom::parser parser;
    for (std::size_t i = next++; i < files.size(); i = next++) {
      if (reader.load(files[i])) std::abort();
      std::string_view text = reader.text();
      simdjson::dom::element root;
      if (parser.parse(text.data(), text.size(), false).get(root)) std::abort();  // the reader keeps the padding
      bytes += text.size();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return bytes;
}

// The same files read by replay's on-demand reader, records handed to nobody.
std::size_t readOnly(const std::vector<std::filesystem::path>& files) {
  replay::RecordReader reader;
  std::size_t records = 0;
  for (const auto& f : files) {
    if (reader.load(f) || reader.forEachRecord([&](const replay::Record&) { ++records; })) std::abort();
  }
  return records;
}

std::size_t nlohmannParse(const std::vector<std::filesystem::path>& files) {
  replay::RecordReader reader;
  std::size_t bytes = 0;
  for (const auto& f : files) {
    if (reader.load(f)) std::abort();
    nlohmann::json doc = nlohmann::json::parse(reader.text());
    bytes += reader.text().size();
  }
  return bytes;
}

double cpuNow() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Wall-clock and CPU seconds (all threads) of one run.
struct Time {
  double wall = 1e30, cpu = 1e30;
};

template <typename Fn>
void best(Time& t, Fn fn) {
  const auto start = Clock::now();
  const double cpu = cpuNow();
  fn();
  t.wall = std::min(t.wall, std::chrono::duration<double>(Clock::now() - start).count());
  t.cpu = std::min(t.cpu, cpuNow() - cpu);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: replay_bench PROGRAM.rootpol FILE_OR_DIR... [--rounds N]\n";
    return 2;
  }
  int rounds = 5;
  std::vector<std::string> paths;
  for (int i = 2; i < argc; ++i) {
    if (std::string(argv[i]) == "--rounds" && i + 1 < argc) {
      rounds = std::stoi(argv[++i]);
    } else {
      paths.emplace_back(argv[i]);
    }
  }
  driver::Options options;
  options.inputs = {argv[1]};
  driver::Compilation compilation(options);
  if (!compilation.run() || compilation.diagnostics().hasErrors()) {
    std::cerr << "the program does not compile\n";
    return 1;
  }
  std::vector<std::string> unreadable;
  std::vector<std::filesystem::path> files = replay::listInputs(paths, unreadable);
  runner::OrganizationChains chains(compilation, runner::JsonInputs{});
  const replay::Tables& tables = replay::Tables::builtin();

  std::size_t bytes = rawParse(files, 1);  // warms the page cache
  replay::Report report;
  std::cout << fmt::format("{} files, {:.1f} MB of JSON text, {} rounds (best of)\n", files.size(), bytes / 1e6, rounds);
  std::cout << "MB/s of JSON text by wall clock (and by CPU time, all threads); replay/raw by wall clock (CPU)\n";
  for (unsigned threads : {1u, 2u}) {
    Time raw, rep;
    for (int r = 0; r < rounds; ++r) {
      best(raw, [&] { rawParse(files, threads); });
      best(rep, [&] {
        std::vector<replay::FileProblem> problems;
        report = replay::replayFiles(chains, tables, files, replay::ReplayOptions{threads}, problems);
        if (!problems.empty()) std::abort();
      });
    }
    std::cout << fmt::format(
        "{} thread{}: simdjson DOM parse {:6.1f} ({:6.1f}) | replay {:6.1f} ({:6.1f}), {:.2f} M records/s | replay/raw {:.2f} ({:.2f})\n",
        threads, threads == 1 ? " " : "s", bytes / raw.wall / 1e6, bytes / raw.cpu / 1e6, bytes / rep.wall / 1e6,
        bytes / rep.cpu / 1e6, report.records / rep.wall / 1e6, raw.wall / rep.wall, raw.cpu / rep.cpu);
  }
  Time reader, nl;
  for (int r = 0; r < rounds; ++r) best(reader, [&] { readOnly(files); });
  std::cout << fmt::format("1 thread : replay's reader alone (on demand, no decisions) {:6.1f} ({:6.1f})\n",
                           bytes / reader.wall / 1e6, bytes / reader.cpu / 1e6);
  for (int r = 0; r < std::max(1, rounds / 2); ++r) best(nl, [&] { nlohmannParse(files); });
  std::cout << fmt::format("1 thread : nlohmann::json::parse {:6.1f} ({:6.1f})\n", bytes / nl.wall / 1e6,
                           bytes / nl.cpu / 1e6);
  std::cout << fmt::format("replayed: {} records, {} evaluated, {} would be denied, {} undetermined\n", report.records,
                           report.evaluated, report.denied.size(), report.undetermined.size());
  return 0;
}
