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

build: ## build bin/mesoplan
	$(GO) build -o $(BIN) ./cmd/mesoplan

run: build ## print a sample plan on the embedded catalog
	SOURCE_DATE_EPOCH=$(SAMPLE_EPOCH) ./$(BIN) plan mesolifting --start 2027-03-16 --tz Europe/Rome

test: ## go vet and the whole test suite with the race detector (fuzz seeds included)
	$(GO) vet $(PKG)
	$(GO) test -race $(PKG)

ci: test fmt-check tidy-check lint ## what CI runs: test plus the slower checks

fmt: ## format the code
	gofmt -w $$(git ls-files '*.go')

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

tidy-check:
	$(GO) mod tidy -diff

lint: ## staticcheck, at a pinned version
	$(GO) run $(STATICCHECK) ./...

fuzz: ## run each fuzz target for FUZZTIME (default 30s)
	@for t in $$($(GO) test -list 'Fuzz.*' ./planner | grep ^Fuzz); do \
		echo "== $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) ./planner || exit 1; \
	done

bench: ## run the benchmarks
	$(GO) test -run '^$$' -bench . -benchmem $(PKG)

install: ## install mesoplan into GOBIN
	$(GO) install ./cmd/mesoplan

clean: ## remove build output
	rm -rf bin
