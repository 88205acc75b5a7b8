# Quick start: `make demo` and `make test` on a fresh Debian 12 machine. Both install what is
# missing (apt-get, npm) and build first.
BUILD      ?= build
JOBS       ?= 2
CMAKE_ARGS ?=
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Checked against a fresh minimal Debian 12 by `make fresh-check`. uuid-dev: the ANTLR runtime's
# link line names -luuid, which libantlr4-runtime-dev does not pull in. jq: tests/corpus/run.sh.
# libsimdjson-dev, zlib1g-dev: `rootpol replay` parses CloudTrail logs (gzipped) with them.
# libmimalloc-dev: rootpol's allocator (optional to CMake; see the README's Dependencies).
DEB_PACKAGES := cmake g++ make antlr4 libantlr4-runtime-dev uuid-dev nlohmann-json3-dev \
                libcli11-dev libfmt-dev libgtest-dev default-jre-headless jq libsimdjson-dev zlib1g-dev \
                libmimalloc-dev
FUZZ_PACKAGES := clang libclang-rt-14-dev
# The report.html test renders the page in headless Chromium; only `make test` needs it.
BROWSER_PACKAGES := chromium

.PHONY: browser corpus-table all deps build build-compiler demo test oracle sanitize fuzz format clean docs \
        fresh-check

all: build

# Installs only what is missing, so it costs nothing on a prepared machine.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	command -v node >/dev/null && command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# Chromium without its recommended packages (CUPS, fonts, ...): the test only renders a page.
browser:
	@command -v chromium >/dev/null || { echo "installing: $(BROWSER_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    --no-install-recommends $(BROWSER_PACKAGES); }

# ROOTPOL_WERROR: warnings are errors in the developer and CI build, not in a packager's.
$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROOTPOL_WERROR=ON $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

# Only the compiler, for the demo: a newcomer waits for rootpol, not for the test suite.
build-compiler: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS) --target rootpol

demo: build-compiler
	@rm -rf out
	./$(BUILD)/rootpol compile examples -o out

oracle:
	@tests/oracle/install.sh
	@tests/schema/install.sh
	@tests/sarif/install.sh

# docs/diagnostics/: one page per diagnostic code with an example from the golden tests
# (tests/cli/docs_up_to_date fails until this is rerun after a code or golden changes).
docs: build
	./$(BUILD)/rootpol docs --examples-from tests/golden --out docs/diagnostics

# The findings-by-code table of docs/lint.md, from ../shared/corpus (tests/corpus/run.sh).
corpus-table: build
	@tests/corpus/run.sh $(CURDIR)/$(BUILD)/rootpol $(CURDIR) --table $(CURDIR)/docs/.corpus-table.md
	@awk -v table=docs/.corpus-table.md \
	  '/<!-- corpus-table:end -->/ {skip=0} !skip {print} \
	   /<!-- corpus-table:begin -->/ {while ((getline line < table) > 0) print line; skip=1}' \
	  docs/lint.md > docs/.lint.md && mv docs/.lint.md docs/lint.md
	@rm -f docs/.corpus-table.md

test: build oracle browser
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps oracle
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DROOTPOL_SANITIZE=ON -DROOTPOL_WERROR=ON
	cmake --build build-asan -j$(JOBS)
	cd build-asan && ctest --output-on-failure -j$(JOBS)

# libFuzzer targets (tests/fuzz/README.md): rootpol_fuzz over parse + check + lowering,
# rootpol_fuzz_json and rootpol_fuzz_yaml over the lint readers. Each runs FUZZ_SECONDS;
# FUZZ_TARGETS picks some, FUZZ_ARGS adds libFuzzer flags (e.g. FUZZ_ARGS=-jobs=2). Crashing
# inputs land in build-fuzz/crash-*.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= rootpol_fuzz rootpol_fuzz_json rootpol_fuzz_yaml rootpol_fuzz_cloudtrail
fuzz: deps
	@for p in $(FUZZ_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" \
	  || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(FUZZ_PACKAGES); break; }; done
	cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROOTPOL_FUZZ=ON \
	  -DROOTPOL_BUILD_TESTS=OFF -DCMAKE_CXX_COMPILER=clang++
	cmake --build build-fuzz -j$(JOBS) --target $(FUZZ_TARGETS)
	@set -e; for t in $(FUZZ_TARGETS); do \
	  case $$t in \
	    rootpol_fuzz) corpus=build-fuzz/corpus; seeds=tests/fuzz/seeds; extra=-dict=tests/fuzz/rootpol.dict;; \
	    rootpol_fuzz_json) corpus=build-fuzz/corpus-json; seeds=tests/fuzz/seeds_json; extra=;; \
	    rootpol_fuzz_yaml) corpus=build-fuzz/corpus-yaml; seeds=tests/fuzz/seeds_yaml; extra=;; \
	    rootpol_fuzz_cloudtrail) corpus=build-fuzz/corpus-cloudtrail; seeds=tests/fuzz/seeds_cloudtrail; extra=;; \
	  esac; \
	  mkdir -p $$corpus; echo "== $$t"; \
	  ./build-fuzz/$$t $$corpus $$seeds -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 $$extra \
	    -artifact_prefix=build-fuzz/ $(FUZZ_ARGS); \
	done

format:
	find compiler tests -name '*.cpp' -o -name '*.h' | xargs clang-format -i

# The README's two commands, as written, in a fresh minimal Debian 12 (debootstrap, cached in
# FRESH_CACHE) on a clean archive of HEAD with ../shared beside it. Needs root.
FRESH_CACHE ?= /var/cache/rootpol/fresh-check
fresh-check:
	@FRESH_CACHE=$(FRESH_CACHE) tools/fresh-check/run.sh

clean:
	rm -rf $(BUILD) build-asan build-fuzz out
