#include "base/threads.h"

#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace rootpol {

void runOnThreads(unsigned threads, const std::function<void()>& worker) {
  std::mutex mutex;
  std::exception_ptr first;
  // A worker that throws stops; the others finish their pieces, so none is left half done
  // while the caller unwinds.
  auto guarded = [&] {
    try {
      worker();
    } catch (...) {
      const std::lock_guard lock(mutex);
      if (!first) first = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(guarded);
    } catch (const std::system_error&) {
      break;  // no more threads to be had (a process limit): fewer threads do the same work
    }
  }
  guarded();
  for (std::thread& t : pool) t.join();
  if (first) std::rethrow_exception(first);
}

}  // namespace rootpol
