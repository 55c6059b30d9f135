# casetrack: `make run` runs the main job, `make test` runs the tests.
# Builds need cgo (DuckDB). Never `go mod download` bare: it fetches DuckDB's
# static libraries for every platform; go build/test fetch only this one.
GO      ?= go
BIN     ?= bin/casetrack
DB      ?= data/casetrack.duckdb
SHARED  ?= ../shared
export CGO_ENABLED = 1

.PHONY: build test run bench lint fmt clean fuzz

build:
	$(GO) build -o $(BIN) ./cmd/casetrack

test:
	$(GO) test ./...

run: build
	$(BIN) --db $(DB) import $(SHARED)/corpus/dev

# fuzz runs every parser's fuzz target for FUZZTIME each (CI: the default).
# Plain `go test` runs only their seed corpora. A failure leaves the input in
# the package's testdata/fuzz/<Target>/; commit it as a regression seed.
FUZZTIME ?= 10s
FUZZ_TARGETS = \
	./sources/doj:FuzzParse \
	./sources/pacer:FuzzParse \
	./sources/pacer:FuzzNormalizeStatutes \
	./sources/courtlistener:FuzzParse \
	./pipeline/ingest:FuzzReleaseRecords \
	./pipeline/normalize:FuzzParseSentence \
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
