# casetrack: `make run` runs the main job, `make test` runs the tests.
# Builds need cgo (DuckDB). Never `go mod download` bare: it fetches DuckDB's
# static libraries for every platform; go build/test fetch only this one.
GO      ?= go
BIN     ?= bin/casetrack
DB      ?= data/casetrack.duckdb
SHARED  ?= ../shared
export CGO_ENABLED = 1

.PHONY: build test run bench lint fmt clean

build:
	$(GO) build -o $(BIN) ./cmd/casetrack

test:
	$(GO) test ./...

run: build
	$(BIN) --db $(DB) import $(SHARED)/corpus/dev

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

lint:
	@test -z "$$(gofmt -l . | tee /dev/stderr)" || (echo "gofmt: files above need formatting" && exit 1)
	$(GO) vet ./...

fmt:
	gofmt -w .

clean:
	rm -rf bin
