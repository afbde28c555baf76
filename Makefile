# Thin wrapper over CMake (as cmark does).  make: build/parallax.
# make test: builds and runs every test, then again under ASan+UBSan.
# make demo: installs missing Debian packages (as root) and runs the main job
# on the bundled sample corpus.

BUILD ?= build
ASAN_BUILD ?= build-asan
CMAKE ?= cmake
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 60

.PHONY: all deps test test-plain test-asan demo format format-check valgrind \
        fuzz bench clean

all: $(BUILD)/Makefile
	@$(MAKE) --no-print-directory -C $(BUILD) -j$(JOBS)

$(BUILD)/Makefile:
	@tools/deps.sh --check
	$(CMAKE) -S . -B $(BUILD) -DPLX_WERROR=ON

$(ASAN_BUILD)/Makefile:
	@tools/deps.sh --check
	$(CMAKE) -S . -B $(ASAN_BUILD) -DPLX_WERROR=ON -DPLX_SANITIZE=ON \
	  -DCMAKE_BUILD_TYPE=Debug

deps:
	@tools/deps.sh

test: test-plain test-asan

test-plain: all
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

test-asan: $(ASAN_BUILD)/Makefile
	@$(MAKE) --no-print-directory -C $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j$(JOBS)

demo:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all
	@tools/demo.sh $(BUILD)/parallax

valgrind: all
	tools/valgrind.sh $(BUILD)/parallax

fuzz:
	@tools/fuzz.sh $(FUZZ_SECONDS)

bench: all
	bench/run.sh

format:
	clang-format -i include/*.h src/*.[ch] tools/*.[ch] tests/*.[ch] fuzz/*.[ch]

format-check:
	clang-format --dry-run -Werror include/*.h src/*.[ch] tools/*.[ch] tests/*.[ch] fuzz/*.[ch]

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
