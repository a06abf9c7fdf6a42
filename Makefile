# leadline — `make run` installs what is missing, builds and starts it;
# `make test` runs every test. See README.md.

CC      ?= cc
CXX     ?= c++
PKGS     = fcgi libmariadb libctemplate libsodium libxml-2.0
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
LDLIBS_ALL = $(PKG_LIBS) -lstdc++

LIB_SRC  = $(wildcard lib/*.c)
LIB_OBJ  = $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o) $(BUILD)/lib/view_shim.o
PROGRAMS = $(patsubst cgi-bin/%.c,%,$(wildcard cgi-bin/*.c))
BINS     = $(PROGRAMS:%=$(BUILD)/cgi-bin/%) $(BUILD)/llctl
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNITS    = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all run start stop test unit check deps test-deps clean
all: $(BINS)

$(BUILD)/lib/%.o: lib/%.c lib/*.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/lib/view_shim.o: lib/view_shim.cc lib/view.h lib/arena.h
	@mkdir -p $(@D)
	$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

$(BUILD)/libleadline.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BUILD)/cgi-bin/%: cgi-bin/%.c $(BUILD)/libleadline.a lib/*.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libleadline.a $(LDLIBS_ALL) $(SAN)

$(BUILD)/llctl: tools/llctl.c $(BUILD)/libleadline.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libleadline.a $(LDLIBS_ALL) $(SAN)

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
	@scripts/stack deps chromium nodejs npm valgrind procps
	@cd tests && npm ci --no-audit --no-fund --loglevel=error

run: deps
	@$(MAKE) --no-print-directory all
	@LL_BUILD=$(CURDIR)/$(BUILD) scripts/stack run

start: deps
	@$(MAKE) --no-print-directory all
	@LL_BUILD=$(CURDIR)/$(BUILD) scripts/stack start

stop:
	@scripts/stack stop

test: test-deps
	@$(MAKE) --no-print-directory all unit
	@LL_BUILD=$(CURDIR)/$(BUILD) tests/run

clean:
	rm -rf build build-asan
