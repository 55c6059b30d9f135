package normalize_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"casetrack/pipeline/normalize"
	"casetrack/sources"
)

// Extraction must take time in proportion to the body, whatever its shape:
// many releases run together (many defendants), one release repeated (the
// same people over and over), or text with no sentence end at all (one
// "sentence" of megabytes). These are constructed bodies, never real ones.

// bodyShapes build a body of at least n bytes.
var bodyShapes = map[string]func(n int) string{
	"releases": func(n int) string { return buildBody(n, func(i int) string { return syntheticRelease(i) }) },
	"repeated": func(n int) string { return buildBody(n, func(int) string { return syntheticRelease(7) }) },
	"run-on": func(n int) string {
		return buildBody(n, func(i int) string {
			return strings.NewReplacer("\n", " ", ". ", " ", ".\n", " ", "—", " ").Replace(syntheticRelease(i))
		})
	},
}

func buildBody(n int, part func(i int) string) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(part(i))
	}
	return b.String()
}

// syllableName spells i as a made-up capitalised word (distinct for each i).
func syllableName(i int) string {
	syl := []string{"ka", "lo", "mi", "ra", "ven", "to", "sul", "de", "bri", "no", "fa", "gu"}
	w := ""
	for k := 0; k < 3 || i > 0; k++ {
		w += syl[i%len(syl)]
		i /= len(syl)
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// syntheticRelease is a constructed release about defendant i: a dateline,
// a sentencing with a term, statute and agencies, a plea, an arrest, a
// quotation and a co-defendant.
func syntheticRelease(i int) string {
	first, last, co := syllableName(i+1000), syllableName(i), syllableName(i+5000)
	return fmt.Sprintf("HOUSTON — %[1]s %[2]s, %[4]d, of Houston, was sentenced today to %[5]d months in federal prison "+
		"for distribution of child sexual abuse material, in violation of 18 U.S.C. 2252A(a)(2). "+
		"%[2]s pleaded guilty on March %[6]d, 2024. Homeland Security Investigations and the FBI investigated the case. "+
		"According to court documents, HSI special agents arrested %[2]s on May 2, 2023, after a search of his home. "+
		"\"Those who exploit children will be found,\" said U.S. Attorney Jane Prosecutor. "+
		"His co-defendant, Ramon %[3]s, 41, was convicted at trial and awaits sentencing.\n\n",
		first, last, co, 20+i%40, 60+i%200, 1+i%28)
}

func constructedRecord(body string) sources.Record {
	return sources.Record{Source: "file", URL: "https://example.test/constructed", Title: "Constructed release",
		Body: body, Published: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)}
}

// extractTime is the least of runs extractions of body; it fails the test
// when one takes longer than limit (0: no limit), without waiting for it.
func extractTime(tb testing.TB, n *normalize.Normalizer, body string, runs int, limit time.Duration) time.Duration {
	tb.Helper()
	rec := constructedRecord(body)
	best := time.Duration(1<<63 - 1)
	for range runs {
		done := make(chan time.Duration, 1)
		go func() {
			start := time.Now()
			n.Events(rec)
			done <- time.Since(start)
		}()
		var timeout <-chan time.Time
		if limit > 0 {
			timeout = time.After(limit)
		}
		select {
		case d := <-done:
			best = min(best, d)
		case <-timeout:
			tb.Fatalf("a %d-byte body took longer than %v", len(body), limit)
		}
	}
	return best
}

// Time per byte stays flat from a 32 KB body to a 256 KB one, for every
// shape. Extraction that grows with the square of the body makes the larger
// 8 times slower per byte (a run-on 256 KB body took minutes); the test
// allows 3x for the noise of a shared machine, and BenchmarkEventsBodySize
// shows the figures from 0.25 to 16 MB.
func TestExtractionLinearInBody(t *testing.T) {
	n, err := normalize.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, shape := range []string{"releases", "repeated", "run-on"} {
		small, large := bodyShapes[shape](32<<10), bodyShapes[shape](256<<10)
		ts := extractTime(t, n, small, 3, 0)
		perByte := func(d time.Duration, b string) float64 { return float64(d) / float64(len(b)) }
		// a quadratic extraction would need 8x8x the small body's time
		tl := extractTime(t, n, large, 2, 24*ts+2*time.Second)
		if r := perByte(tl, large) / perByte(ts, small); r > 3 {
			t.Errorf("%s: %v for %d bytes, %v for %d bytes: %.1fx the time per byte", shape, ts, len(small), tl, len(large), r)
		} else {
			t.Logf("%s: %v for %d bytes, %v for %d bytes: %.2fx the time per byte", shape, ts, len(small), tl, len(large), r)
		}
	}
}

// Cancelling the context stops an extraction within a fraction of a second,
// however long the body would take.
func TestEventsContextStops(t *testing.T) {
	n, err := normalize.New()
	if err != nil {
		t.Fatal(err)
	}
	rec := constructedRecord(bodyShapes["run-on"](2 << 20)) // seconds of work
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := n.EventsContext(ctx, rec)
		done <- err
	}()
	time.Sleep(200 * time.Millisecond)
	cancel()
	cancelled := time.Now()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("EventsContext returned %v, want context.Canceled", err)
		}
		if d := time.Since(cancelled); d > time.Second {
			t.Errorf("stopped %v after the cancel", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("EventsContext did not stop within 5s of the cancel")
	}
	// an extraction that is not cancelled returns the same as Events
	evs, err := n.EventsContext(context.Background(), constructedRecord(syntheticRelease(3)))
	if err != nil || len(evs) == 0 || !reflect.DeepEqual(evs, n.Events(constructedRecord(syntheticRelease(3)))) {
		t.Errorf("EventsContext without a cancel: %d events, %v", len(evs), err)
	}
}

// BenchmarkEventsBodySize extracts bodies of 0.25, 1, 4 and 16 MB of each
// shape and reports the time per MB, which must stay flat (within 2x):
//
//	go test -run '^$' -bench EventsBodySize -benchtime 1x ./pipeline/normalize/
func BenchmarkEventsBodySize(b *testing.B) {
	n, err := normalize.New()
	if err != nil {
		b.Fatal(err)
	}
	for _, shape := range []string{"releases", "repeated", "run-on"} {
		for _, mb := range []float64{0.25, 1, 4, 16} {
			body := bodyShapes[shape](int(mb * (1 << 20)))
			b.Run(fmt.Sprintf("%s/%gMB", shape, mb), func(b *testing.B) {
				var total time.Duration
				for range b.N {
					total += extractTime(b, n, body, 1, 0)
				}
				b.ReportMetric(total.Seconds()/float64(b.N)/mb, "s/MB")
			})
		}
	}
}
