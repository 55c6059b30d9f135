//go:build unix

package store

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used so far, on every thread
// (DuckDB's included). On a machine shared with other jobs it varies far
// less than wall time, so the benchmark reports it too.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
