# cxreport — a report compiler: JSON survey data + Lua scripts -> branded PDF.
#
#   make demo     install what is missing, build, write the demo reports to out/
#   make check    build and run every test (unit, end-to-end, bad input),
#                 then all of it again under ASan + UBSan
#   make bench    generate large data (never committed) and print timings
#
# ---- settings ---------------------------------------------------------
SHELL    := /bin/bash
VERSION  := 0.1.0
CC       ?= cc
BUILD    ?= build/release
OPT      ?= -O2
SAN      ?=
PKGS     := cairo cairo-ft freetype2 libcjson lua5.4 libcrypto
# Debian packages `make deps` installs when a library or tool is missing.
APT_PKGS := build-essential pkg-config libhpdf-dev libcairo2-dev libfreetype-dev \
            libcjson-dev liblua5.4-dev libcmocka-dev libssl-dev \
            fonts-dejavu-core fonts-dejavu-extra fonts-lato fonts-wqy-microhei \
            qpdf poppler-utils time python3

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

CPPFLAGS += -Iinclude -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -DCX_VERSION='"$(VERSION)"' \
            -DCX_LUA_DIR='"$(CURDIR)/lua"' -DCX_TEMPLATES_DIR='"$(CURDIR)/templates"' \
            $(PKG_CFLAGS)
CFLAGS   += -std=c17 -Wall -Wextra -Werror -Wpedantic -Wshadow -g $(OPT) -MMD -MP
LDLIBS   += $(PKG_LIBS) -lhpdf -lm

ifeq ($(SAN),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif

# ---- sources ----------------------------------------------------------
LIB_SRC  := $(sort $(wildcard src/*/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/src/main.o
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)
LIB      := $(BUILD)/libcxreport.a
BIN      := $(BUILD)/cxreport

.PHONY: all deps demo check test unit e2e bad api verify fault faults bench clean valgrind fuzz fuzz-deps fuzz-replay
all: $(BIN)

# V=1 shows the full commands.
Q := $(if $(V),,@)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  TEST    $@")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit $(LDFLAGS) $< $(LIB) $(LDLIBS) $(CMOCKA_LIBS) -o $@

# cxreport with allocation-failure injection (tests/fault/failalloc.c):
# every allocation call of our code passes through the shim.
FAULT_WRAP := malloc calloc realloc strdup strndup open_memstream
FAULT_BIN  := $(BUILD)/fault/cxreport

$(FAULT_BIN): $(MAIN_OBJ) $(BUILD)/tests/fault/failalloc.o $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) $(FAULT_WRAP:%=-Wl,--wrap=%) $^ $(LDLIBS) -o $@

$(BUILD)/tools/%: tests/tools/%.c $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  TOOL    $@")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) $< $(LIB) $(LDLIBS) -o $@

# ---- set-up -----------------------------------------------------------
# Installs the Debian packages that are missing (as root, or through sudo).
deps:
	@missing=$$(for p in $(APT_PKGS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "installing:" $$missing; \
	    sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# ---- the two commands -------------------------------------------------
# The flagship reports, from the bundled fixtures (each template names its
# default data in its header).
DEMOS := nps_benchmark cx_assessment voc_assessment account_review

demo: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p out
	@for t in $(DEMOS); do \
	    ./$(BIN) build templates/$$t.lua -o out/$$t.pdf || exit $$?; \
	    echo "wrote out/$$t.pdf"; \
	done

# Every suite, in a release build and again under ASan+UBSan (the two
# allocation-failure sweeps take every 9th call, from different starts),
# then each fuzzer for 20 seconds.  The last line totals what ran:
# "check: N passed, 0 failed".
check: deps fuzz-deps
	@mkdir -p build
	@set -o pipefail; \
	{ $(MAKE) --no-print-directory test BUILD=build/release FAULT_FIRST=1 && \
	  $(MAKE) --no-print-directory test BUILD=build/asan SAN=1 OPT=-O1 FAULT_FIRST=5 && \
	  tests/fuzz/run.sh 20; } 2>&1 | tee build/check.log; \
	status=$$?; \
	awk -v status=$$status '/^[A-Za-z ]+: [0-9]+ passed, [0-9]+ failed$$/ { split($$0, a, ": "); split(a[2], b, " "); p += b[1]; f += b[3] } \
	     END { if (status && !f) f = 1; printf "check: %d passed, %d failed\n", p, f }' build/check.log; \
	exit $$status

# Runs every suite against $(BUILD).
test: unit e2e bad api verify fault

unit: $(UNIT_BIN)
	@tests/run-unit.sh $(UNIT_BIN)

e2e: $(BIN) $(TOOL_BIN)
	@tests/e2e/run.sh $(BIN)
	@tests/e2e/batch.sh $(BIN)

bad: $(BIN)
	@tests/bad/run.sh $(BIN)

api: $(BIN)
	@tests/api/run.sh $(BIN)
	@tests/api/examples.sh $(BIN)

# Every number the four templates print, recomputed independently.
verify: $(BIN)
	@tests/verify/run.sh $(BIN)

# Allocation failures (tests/fault/run.sh: every FAULT_STRIDE-th call
# from FAULT_FIRST) and write failures (tests/fault/write.sh).
FAULT_STRIDE ?= 9
FAULT_FIRST  ?= 1
fault: $(BIN) $(FAULT_BIN)
	@tests/fault/run.sh $(FAULT_BIN) $(FAULT_STRIDE) $(FAULT_FIRST)
	@tests/fault/write.sh $(BIN)

# Every allocation call of the small build failed in turn, under ASan +
# UBSan + LeakSanitizer (about 10 minutes on two cores).
faults: deps
	@$(MAKE) --no-print-directory fault BUILD=build/asan SAN=1 OPT=-O1 FAULT_STRIDE=1

# The end-to-end, API and allocation-failure suites under valgrind (every
# 25th allocation call): no error, no definite leak.
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
valgrind: deps
	@$(MAKE) --no-print-directory deps APT_PKGS=valgrind
	@$(MAKE) --no-print-directory all BUILD=build/valgrind OPT=-O1
	@$(MAKE) --no-print-directory build/valgrind/fault/cxreport BUILD=build/valgrind OPT=-O1
	@CX_WRAP='$(VALGRIND)' tests/e2e/run.sh build/valgrind/cxreport
	@CX_WRAP='$(VALGRIND)' tests/api/run.sh build/valgrind/cxreport
	@CX_WRAP='$(VALGRIND)' tests/fault/run.sh build/valgrind/fault/cxreport 25 3

bench: deps
	@$(MAKE) --no-print-directory all $(TOOL_BIN) BUILD=build/release
	@tests/bench/run.sh build/release

# ---- fuzzing: libFuzzer harnesses of the loaders and the script API -------
# `make fuzz` runs each for FUZZ_SECONDS (new crashes are kept in
# tests/fuzz/regressions/); `make fuzz-replay` replays the kept inputs.
FUZZ_SECONDS ?= 60
FUZZ_PKGS := clang libclang-rt-14-dev

fuzz-deps:
	@$(MAKE) --no-print-directory deps APT_PKGS="$(FUZZ_PKGS)"

fuzz: deps fuzz-deps
	tests/fuzz/run.sh $(FUZZ_SECONDS)

fuzz-replay: deps fuzz-deps
	tests/fuzz/run.sh 0

clean:
	rm -rf build out

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_BIN:=.d) $(TOOL_BIN:=.d)
