//go:build !unix

package store

import "time"

// processCPU is unavailable here; the benchmark then reports wall time only.
func processCPU() (time.Duration, bool) { return 0, false }
