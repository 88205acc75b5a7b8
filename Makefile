# Quick start: `make demo` and `make test` on a fresh Debian 12 machine. Both install what is
# missing (apt-get, npm) and build first.
BUILD      ?= build
JOBS       ?= 2
CMAKE_ARGS ?=
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Checked against a fresh minimal Debian 12 by `make fresh-check`. uuid-dev: the ANTLR runtime's
# link line names -luuid, which libantlr4-runtime-dev does not pull in. jq: tests/corpus/run.sh.
DEB_PACKAGES := cmake g++ make antlr4 libantlr4-runtime-dev uuid-dev nlohmann-json3-dev \
                libcli11-dev libfmt-dev libgtest-dev default-jre-headless jq
FUZZ_PACKAGES := clang libclang-rt-14-dev

.PHONY: corpus-table all deps build build-compiler demo test oracle sanitize fuzz format clean docs \
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

test: build oracle
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps oracle
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DROOTPOL_SANITIZE=ON -DROOTPOL_WERROR=ON
	cmake --build build-asan -j$(JOBS)
	cd build-asan && ctest --output-on-failure -j$(JOBS)

# libFuzzer over parse + check + lowering; FUZZ_SECONDS bounds the run, FUZZ_ARGS adds libFuzzer
# flags (e.g. FUZZ_ARGS=-jobs=2). Crashing inputs land in build-fuzz/crash-*.
FUZZ_SECONDS ?= 60
fuzz: deps
	@for p in $(FUZZ_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" \
	  || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(FUZZ_PACKAGES); break; }; done
	cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROOTPOL_FUZZ=ON \
	  -DROOTPOL_BUILD_TESTS=OFF -DCMAKE_CXX_COMPILER=clang++
	cmake --build build-fuzz -j$(JOBS) --target rootpol_fuzz
	mkdir -p build-fuzz/corpus
	./build-fuzz/rootpol_fuzz build-fuzz/corpus tests/fuzz/seeds -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=4096 -timeout=10 -dict=tests/fuzz/rootpol.dict -artifact_prefix=build-fuzz/ $(FUZZ_ARGS)

format:
	find compiler tests -name '*.cpp' -o -name '*.h' | xargs clang-format -i

# The README's two commands, as written, in a fresh minimal Debian 12 (debootstrap, cached in
# FRESH_CACHE) on a clean archive of HEAD with ../shared beside it. Needs root.
FRESH_CACHE ?= /var/cache/rootpol/fresh-check
fresh-check:
	@FRESH_CACHE=$(FRESH_CACHE) tools/fresh-check/run.sh

clean:
	rm -rf $(BUILD) build-asan build-fuzz out
