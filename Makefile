# casetrack: `make run` runs the main job, `make test` runs the tests.
# Builds need cgo (DuckDB). Never `go mod download` bare: it fetches DuckDB's
# static libraries for every platform; go build/test fetch only this one.
GO      ?= go
BIN     ?= bin/casetrack
DB      ?= data/casetrack.duckdb
SHARED  ?= ../shared
export CGO_ENABLED = 1

.PHONY: build test run demo bench lint fmt clean fuzz

build:
	$(GO) build -o $(BIN) ./cmd/casetrack

# test: every package's tests, then each parser's fuzz target for a short,
# bounded number of inputs (FUZZTIME_TEST). A count, not a duration: go1.26 can
# fail a duration-bounded fuzz run with a spurious "context deadline exceeded"
# at the deadline (golang/go#75804, fixed in go1.27).
FUZZTIME_TEST ?= 3000x
test:
	$(GO) test ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=$(FUZZTIME_TEST)

# run: the nightly job, once, on the default database (needs the network;
# set CASETRACK_CONTACT to an address the publishers can reach you at).
run: build
	$(BIN) --db $(DB) run

# demo: the offline walk-through on the real documents in ../shared.
demo: build
	$(BIN) --db $(DB) import $(SHARED)/corpus/dev $(SHARED)/corpus/dev-ice/*.json $(SHARED)/fixtures/doj $(SHARED)/fixtures/pacer/district_dockets/*.html
	$(BIN) --db $(DB) tally --preset hsi-child-exploitation

# fuzz runs every parser's fuzz target for FUZZTIME each (CI: the default).
# Plain `go test` runs only their seed corpora. A failure leaves the input in
# the package's testdata/fuzz/<Target>/; commit it as a regression seed.
FUZZTIME ?= 20000x
FUZZ_TARGETS = \
	./sources/doj:FuzzParse \
	./sources/pacer:FuzzParse \
	./sources/pacer:FuzzNormalizeStatutes \
	./sources/courtlistener:FuzzParse \
	./pipeline/ingest:FuzzReleaseRecords \
	./pipeline/normalize:FuzzParseDispositionSentence \
	./pipeline/normalize:FuzzReleaseEvents \
	./sources/ice:FuzzParse \
	./pipeline/normalize:FuzzDocketEvents \
	./internal/htmltext:FuzzFromHTML

fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
		$(GO) test $$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME); \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

lint:
	@test -z "$$(gofmt -l . | tee /dev/stderr)" || (echo "gofmt: files above need formatting" && exit 1)
	$(GO) vet ./...

fmt:
	gofmt -w .

clean:
	rm -rf bin
