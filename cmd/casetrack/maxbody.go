package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// maxBodyFlag is --max-body of the commands that read documents.
type maxBodyFlag struct{ v string }

func (m *maxBodyFlag) add(f *pflag.FlagSet) {
	f.StringVar(&m.v, "max-body", "4MB", "cut document bodies longer than this (e.g. 512KB, 8MB; 0 for no cap); documents.body_full_bytes keeps a cut body's length")
}

// bytes is the cap in bytes: negative for none, as the importers take it.
func (m *maxBodyFlag) bytes() (int, error) {
	n, err := parseSize(m.v)
	if err != nil {
		return 0, fmt.Errorf("--max-body: %w", err)
	}
	if n == 0 {
		return -1, nil
	}
	return n, nil
}

// parseSize reads "4MB", "512KB", "1GB" or a number of bytes (units are
// powers of 1024, case-insensitive, "B" and "iB" optional).
func parseSize(s string) (int, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := 1
	for _, u := range []struct {
		suffix string
		mult   int
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10},
		{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("want a size such as 4MB, 512KB or a number of bytes, got %q", s)
	}
	return n * mult, nil
}
