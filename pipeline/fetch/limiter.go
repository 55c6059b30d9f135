package fetch

import (
	"context"
	"sync"
	"time"
)

// limiter spaces requests to each host at least 1/rate apart. It is a
// reservation scheduler: each caller takes the next free slot under the
// lock and sleeps outside it, so concurrent callers queue fairly.
type limiter struct {
	clock Clock
	mu    sync.Mutex
	next  map[string]time.Time // host → earliest start of the next request
}

func newLimiter(c Clock) *limiter {
	return &limiter{clock: c, next: map[string]time.Time{}}
}

// wait blocks until host may be contacted at rate requests per second.
func (l *limiter) wait(ctx context.Context, host string, rate float64) error {
	interval := time.Duration(float64(time.Second) / rate)
	l.mu.Lock()
	now := l.clock.Now()
	slot := l.next[host]
	if slot.Before(now) {
		slot = now
	}
	l.next[host] = slot.Add(interval)
	l.mu.Unlock()
	return l.clock.Sleep(ctx, slot.Sub(now))
}

// defer pushes host's next slot to at least t (used after Retry-After, so
// other requests to that host also wait).
func (l *limiter) deferUntil(host string, t time.Time) {
	l.mu.Lock()
	if l.next[host].Before(t) {
		l.next[host] = t
	}
	l.mu.Unlock()
}
