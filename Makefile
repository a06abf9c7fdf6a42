# leadline — `make run` installs what is missing, builds and starts it;
# `make test` runs every test. See README.md.

CC      ?= cc
CXX     ?= c++
PKGS     = fcgi libmariadb libctemplate libsodium libxml-2.0 libcurl jansson libexttextcat icu-uc
SANITIZE ?=
BUILD   ?= $(if $(SANITIZE),build-asan,build)

# Recursive (=) so pkg-config runs only when compiling, after `deps`.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
SANFLAGS   = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SAN        = $(if $(SANITIZE),$(SANFLAGS))
WARN       = -Wall -Wextra -Werror
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SAN) -Ilib $(PKG_CFLAGS)
ALL_CXXFLAGS = -std=c++17 $(WARN) -Wno-deprecated-declarations $(CFLAGS) $(SAN) -Ilib $(PKG_CFLAGS)
EXTRA_LIBS = -lcsv -lmagic        # no pkg-config entries in Debian
LDLIBS_ALL = $(PKG_LIBS) $(EXTRA_LIBS) -lstdc++

LIB_SRC  = $(wildcard lib/*.c)
LIB_OBJ  = $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o) $(BUILD)/lib/view_shim.o
PROGRAMS = $(patsubst cgi-bin/%.c,%,$(wildcard cgi-bin/*.c))
BINS     = $(PROGRAMS:%=$(BUILD)/cgi-bin/%) $(BUILD)/llctl
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNITS    = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all run start stop test unit check deps test-deps clean fuzz fuzz-build bench
all: $(BINS)

$(BUILD)/lib/%.o: lib/%.c lib/*.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/lib/view_shim.o: lib/view_shim.cc lib/view.h lib/arena.h
	@mkdir -p $(@D)
	$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

$(BUILD)/libleadline.a: $(LIB_OBJ)
	ar rcs $@ $^

# A program is cgi-bin/<name>.c and the parts in cgi-bin/<name>/, if any.
.SECONDEXPANSION:
$(BUILD)/cgi-bin/%: cgi-bin/%.c $$(wildcard cgi-bin/%/*.c cgi-bin/%/*.h) $(BUILD)/libleadline.a lib/*.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(wildcard cgi-bin/$*/*.c) $(BUILD)/libleadline.a $(LDLIBS_ALL) $(SAN)

$(BUILD)/llctl: tools/llctl.c tools/migrate.c tools/*.h $(BUILD)/libleadline.a lib/*.h
	$(CC) $(ALL_CFLAGS) -o $@ tools/llctl.c tools/migrate.c $(BUILD)/libleadline.a $(LDLIBS_ALL) $(SAN)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libleadline.a lib/*.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libleadline.a $(LDLIBS_ALL) -lcmocka $(SAN)

unit: $(UNITS)

# The house rules (style.md 11), checked with every build of the tests.
check:
	@tests/check-rules

deps:
	@scripts/stack deps

test-deps:
	@scripts/stack deps chromium nodejs npm valgrind procps iproute2 time \
	    apache2 libapache2-mod-fcgid libapache2-mod-xsendfile \
	    dovecot-imapd dovecot-lmtpd postfix
	@cd tests && npm ci --no-audit --no-fund --loglevel=error

run: deps
	@$(MAKE) --no-print-directory all
	@LL_BUILD=$(CURDIR)/$(BUILD) scripts/stack run

start: deps
	@$(MAKE) --no-print-directory all
	@LL_BUILD=$(CURDIR)/$(BUILD) scripts/stack start

stop:
	@scripts/stack stop

test: test-deps fuzz-build
	@$(MAKE) --no-print-directory all unit
	@LL_BUILD=$(CURDIR)/$(BUILD) LL_SANITIZE=$(SANITIZE) tests/run

# `make bench` (not part of make test): every page against the limit
# of this machine on a throwaway instance, side by side in one run (7 to 15
# minutes); writes bench/results.md and bench/results.json. See bench/run.sh.
# Then the Globex page and a permalink under Apache as CGI and mod_fcgid
# against nginx (H1, about a minute): bench/results-apache.md, bench/apache.sh.
# Both always run; make bench fails when either does.
bench: deps test-deps
	@scripts/stack deps wrk
	@$(MAKE) --no-print-directory all
	@rc=0; LL_BUILD=$(CURDIR)/$(BUILD) bench/run.sh || rc=1; \
	LL_BUILD=$(CURDIR)/$(BUILD) bench/apache.sh >bench/results-apache.md.new && \
	mv bench/results-apache.md.new bench/results-apache.md && cat bench/results-apache.md || rc=1; \
	rm -f bench/results-apache.md.new; exit $$rc

# libFuzzer targets (tests/fuzz/fuzz_*.c), built with clang, ASan and UBSan
# over the whole library. `make fuzz FUZZ_SECONDS=N` runs each for N seconds;
# `make test` replays the committed corpora (tests/fuzz/corpus/<name>/).
FUZZ_SECONDS ?= 60
FUZZ_SRC   = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS  = $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
FUZZ_WARN  = -Wall -Wextra   # gcc's -Werror build is the gate; clang's own warnings show here
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
FUZZ_OBJ   = $(LIB_SRC:lib/%.c=build-fuzz/lib/%.o) build-fuzz/lib/view_shim.o

build-fuzz/lib/%.o: lib/%.c lib/*.h
	@mkdir -p $(@D)
	clang -std=c11 -D_GNU_SOURCE $(FUZZ_WARN) $(FUZZ_FLAGS) -Ilib $(PKG_CFLAGS) -c -o $@ $<

build-fuzz/lib/view_shim.o: lib/view_shim.cc lib/view.h
	@mkdir -p $(@D)
	clang++ -std=c++17 $(FUZZ_WARN) -Wno-deprecated-declarations $(FUZZ_FLAGS) -Ilib $(PKG_CFLAGS) -c -o $@ $<

build-fuzz/%.o: tests/fuzz/%.c lib/*.h
	@mkdir -p $(@D)
	clang -std=c11 -D_GNU_SOURCE $(FUZZ_WARN) $(FUZZ_FLAGS) -Ilib $(PKG_CFLAGS) -c -o $@ $<

# linked by clang++: the shim's UBSan checks need the C++ runtime
build-fuzz/%: build-fuzz/%.o $(FUZZ_OBJ)
	clang++ $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS) $(EXTRA_LIBS)

.SECONDARY: $(FUZZ_OBJ) $(FUZZ_BINS:%=%.o)

fuzz-build:
	@scripts/stack deps clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

fuzz: fuzz-build
	@for f in $(FUZZ_BINS); do n=$${f#build-fuzz/fuzz_}; mkdir -p tests/fuzz/corpus/$$n; \
	    echo "== $$f for $(FUZZ_SECONDS) s"; \
	    $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 tests/fuzz/corpus/$$n || exit 1; done

clean:
	rm -rf build build-asan build-fuzz
