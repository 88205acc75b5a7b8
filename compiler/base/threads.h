#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

// Work spread over a few threads, for the stages that have independent pieces (replay's log
// files, lint's checks). The pieces are numbered; threads take the next number as they become
// free, so a long piece does not hold up the short ones queued behind it. Whoever merges the
// results does so by number, never by finishing order, so output does not depend on timing.
namespace rootpol {

// Hands out 0, 1, ..., count - 1, each once, to whichever thread asks.
class WorkQueue {
 public:
  explicit WorkQueue(std::size_t count) : count_(count) {}
  // The next number into `index`; false when every number has been handed out.
  bool next(std::size_t& index) {
    index = next_.fetch_add(1, std::memory_order_relaxed);
    return index < count_;
  }

 private:
  std::size_t count_;
  std::atomic<std::size_t> next_{0};
};

// Runs `worker` on `threads` threads, the caller's among them (1 or 0: only the caller's), and
// returns when every one has returned. An exception thrown by a worker is rethrown here, once
// all have stopped: the first one thrown.
void runOnThreads(unsigned threads, const std::function<void()>& worker);

}  // namespace rootpol
