# mesoplan: thin targets over the go tool. `make help` lists them.
GO          ?= go
BIN         := bin/mesoplan
PKG         := ./...
FUZZTIME    ?= 30s
# A fixed "now" so that sample output is the same on every run.
SAMPLE_EPOCH := 1798761600

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: help build run test ci fmt fmt-check tidy-check lint fuzz bench install clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# What 'mesoplan version' reports, from git when there is one: VERSION is
# the tag of the commit (empty, "devel", between releases), BUILD_DATE the
# commit's time, so that the same commit builds the same bytes. A release
# build: make build VERSION=v1.2.0.
VERSION    ?= $(shell git describe --tags --exact-match 2>/dev/null)
COMMIT     ?= $(shell git rev-parse HEAD 2>/dev/null)
MODIFIED   ?= $(shell git status --porcelain 2>/dev/null | grep -q . && echo true)
BUILD_DATE ?= $(shell git log -1 --format=%cI 2>/dev/null)
VERSION_PKG := github.com/mesoplan/mesoplan/cmd
LDFLAGS := -X $(VERSION_PKG).Version=$(VERSION) -X $(VERSION_PKG).Commit=$(COMMIT) \
	-X $(VERSION_PKG).Modified=$(MODIFIED) -X $(VERSION_PKG).BuildDate=$(BUILD_DATE)

# A static binary (no cgo: mesoplan needs no C library) starts faster and
# runs on any Linux of the same architecture.
build: ## build bin/mesoplan (VERSION=v1.2.0 for a release)
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/mesoplan

run: build ## print a sample plan on the embedded catalog
	SOURCE_DATE_EPOCH=$(SAMPLE_EPOCH) ./$(BIN) plan mesolifting --start 2027-03-16 --tz Europe/Rome

test: ## go vet and the whole test suite with the race detector (fuzz seeds included)
	$(GO) vet $(PKG)
	$(GO) test -race $(PKG)

ci: completion-deps test fmt-check tidy-check lint busy-memory interop handout-check ## what CI runs: test plus the slower checks

fmt: ## format the code
	gofmt -w $$(git ls-files '*.go')

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

tidy-check:
	$(GO) mod tidy -diff

lint: ## staticcheck, at a pinned version
	$(GO) run $(STATICCHECK) ./...

fuzz: ## run each fuzz target for FUZZTIME (default 30s)
	@for pkg in ./planner ./ical ./cmd; do \
		for t in $$($(GO) test -list 'Fuzz.*' $$pkg | grep ^Fuzz); do \
			echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

# Hostile --busy calendars must stay within the reader's bounds, measured
# by benchmarks in bytes allocated per read, not time: 2,000 minutely events
# since 2012 (BUSY_MAX_BYTES), and 200,000 one-off events over forty years,
# about 37 MB (BUSY_ONEOFFS_MAX_BYTES; reading every event into memory first
# took 830 MB).
BUSY_MAX_BYTES := 100000000
BUSY_ONEOFFS_MAX_BYTES := 400000000
.PHONY: busy-memory
busy-memory: ## check the hostile-calendar benchmarks stay under their bytes per read
	@$(GO) test ./ical -run '^$$' -bench '^BenchmarkReadBusy(Hostile|ManyOneOffs)$$' -benchtime 2x -benchmem | \
		awk -v hostile=$(BUSY_MAX_BYTES) -v oneoffs=$(BUSY_ONEOFFS_MAX_BYTES) \
		'/^BenchmarkReadBusy(Hostile|ManyOneOffs)/ { name = $$1; sub(/-[0-9]+$$/, "", name); max = name ~ /Hostile/ ? hostile : oneoffs; \
		    for (i = 1; i < NF; i++) if ($$(i+1) == "B/op") { seen++; b = $$i } \
		    if (b + 0 > max + 0) { printf "busy-memory: %s: %d B per read, over %d\n", name, b, max; bad = 1 } \
		    else printf "busy-memory: %s: %d B per read (bound %d)\n", name, b, max } \
		END { if (seen != 2) { print "busy-memory: missing benchmark results"; exit 1 } exit bad }'

# completion-deps: the fish and zsh shells, so that the completion
# testscript runs their completion for real (bash's runs everywhere).
.PHONY: completion-deps
completion-deps:
	@for sh in fish zsh; do \
		command -v $$sh >/dev/null && continue; \
		if [ "$$(id -u)" -eq 0 ]; then \
			echo "completion: installing $$sh"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$sh >/dev/null || exit 1; \
		else \
			echo "completion: $$sh is missing: apt-get install $$sh (as root)" >&2; exit 1; \
		fi; \
	done

.PHONY: docs
docs: ## write the command reference (docs/cli/*.md, docs/man/*.1) from the command tree
	$(GO) test ./cmd -run '^TestCommandDocs$$' -update

# Benchmarks write to a tmpfs when there is one: file creation on some
# disks costs more than what is measured.
BENCH_DIR := $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm)

bench: ## run the benchmarks (plan, export, batch of 1,000) with allocations
	MESOPLAN_BENCH_DIR=$(BENCH_DIR) $(GO) test -run '^$$' -bench . -benchmem $(PKG)

.PHONY: bench-batch
bench-batch: ## time batch beside the anchor writers (ANCHOR=DIR): bench/RESULTS.md
	bash bench/batch.sh

install: ## install mesoplan into GOBIN
	CGO_ENABLED=0 $(GO) install -ldflags "$(LDFLAGS)" ./cmd/mesoplan

clean: ## remove build output
	rm -rf bin

# interop: export sample courses and check them with real client parsers,
# installed here when missing: Mozilla's ical.js (npm, pinned in
# interop/package-lock.json) and Debian's python3-icalendar. See interop/README.md.
INTEROP_ICALJS := interop/node_modules/ical.js/package.json
.PHONY: interop interop-deps

interop: build interop-deps ## check sample .ics exports with ical.js and Python icalendar
	bash interop/run.sh

interop-deps: $(INTEROP_ICALJS)
	@if ! /usr/bin/python3 -c 'import icalendar' 2>/dev/null; then \
		if [ "$$(id -u)" -eq 0 ]; then \
			echo "interop: installing python3-icalendar"; \
			apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-icalendar; \
		else \
			echo "interop: Python icalendar is missing; install it with:" >&2; \
			echo "  sudo apt-get update && sudo apt-get install python3-icalendar" >&2; \
			exit 1; \
		fi; \
	fi

$(INTEROP_ICALJS): interop/package.json interop/package-lock.json
	@command -v npm >/dev/null || { echo "interop: npm is missing; install it with: sudo apt-get install nodejs npm" >&2; exit 1; }
	cd interop && npm ci --no-audit --no-fund
	@touch $@

# handout-check: write sample handouts, print each to PDF with a real
# browser (Debian's chromium, headless) and check the pages with poppler's
# pdfinfo and pdftotext; the tools are installed here when missing. See
# handout/check.sh.
.PHONY: handout-check handout-screenshot handout-deps

handout-check: build handout-deps ## print sample handouts with headless Chromium and check the PDFs
	bash handout/check.sh check

handout-screenshot: build handout-deps ## write docs/handout.png, a screenshot of the sample handout
	bash handout/check.sh screenshot docs/handout.png

handout-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	for tool in pdfinfo pdftotext pdftoppm; do command -v $$tool >/dev/null || { missing="$$missing poppler-utils"; break; }; done; \
	[ -n "$$(find /usr/share/fonts /usr/local/share/fonts -type f \( -name '*.ttf' -o -name '*.otf' \) 2>/dev/null | head -n 1)" ] || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" -eq 0 ]; then \
			echo "handout: installing$$missing"; \
			apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends$$missing; \
		else \
			echo "handout: missing$$missing; install with:" >&2; \
			echo "  sudo apt-get update && sudo apt-get install$$missing" >&2; \
			exit 1; \
		fi; \
	fi
