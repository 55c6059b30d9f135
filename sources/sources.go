// Package sources is the contract between casetrack's publishers (agency
// newsrooms, court-record services, caseload extracts) and the pipeline.
//
// A source lives in its own package under sources/ and its Name is used
// everywhere: package, archive directory, `source` column, log attribute.
// Sources extract what a page says into Records; whether something is a
// conviction, which charge category and which agency is decided once, in
// pipeline/normalize.
package sources

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Sentinel errors shared by every source. Compare with errors.Is.
var (
	// ErrLayout means the bytes no longer look like what the parser expects
	// (layout drift, a login page, an error page). Never an empty success.
	ErrLayout = errors.New("unrecognised layout")
	// ErrBlocked means the publisher refused us (robots.txt, 401/403).
	ErrBlocked = errors.New("blocked by publisher")
	// ErrEmpty means a crawl returned nothing where something was expected.
	ErrEmpty = errors.New("empty response")
)

// Document is one raw response as fetched (or read from disk), before parsing.
type Document struct {
	Source      string
	URL         string
	FetchedAt   time.Time
	Status      int
	ContentType string
	Header      http.Header // the headers that matter (ETag, Last-Modified, Content-Type)
	Body        []byte
	SHA256      string // hex sha256 of Body; the archive key
}

// Record is what one document says, in the publisher's own terms.
// A press release fills the text fields; a court record fills Docket; a
// caseload extract fills Caseload (and renders its facts in Body).
type Record struct {
	Source     string    // Name() of the source that produced it ("doj", "ice", "pacer", "file")
	Key        string    // stable key, unique within Source (DOJ uuid, ICE URL path, court:docket)
	URL        string    // canonical public URL of the document
	Publisher  string    // who issued it: ICE, DOJ, USAO, FBI, DHS, court, other
	Published  time.Time // publication date (UTC midnight); zero when unknown
	Changed    time.Time // publisher's last-modified time, when given
	Title      string
	Body       string   // plain text, paragraphs separated by "\n"
	Topics     []string // publisher's topic tags
	Components []string // DOJ components (e.g. "USAO - Idaho")
	District   string   // district hint from the publisher, e.g. "D. Idaho"
	Kept       string   // why a filtering source kept it; empty when not filtered
	RawSHA256  string   // sha256 of the raw bytes the record came from
	FetchedAt  time.Time
	Docket     *Docket   // set for court records
	Caseload   *Caseload // set for caseload records (caseload.go)
	// BodyBytes is the body's length in bytes before Prepare cut it to the
	// body cap; 0 when the body is whole.
	BodyBytes int
}

// Fetcher is the one polite HTTP client every source uses. Sources never
// build their own client: rate limits, robots.txt, retries, size caps and
// the User-Agent live behind this interface, and every body it returns has
// already been written to the raw archive.
type Fetcher interface {
	Fetch(ctx context.Context, req *http.Request) (Document, error)
}

// Cursor is an opaque resume point a source stores between runs
// (for example the highest `changed` epoch seen). Empty means "from the start".
type Cursor string

// Source reads one publisher.
type Source interface {
	// Name is short, lowercase and unique.
	Name() string
	// Crawl fetches documents published or changed after cur, handing each to
	// emit, and returns the cursor to resume from. On error it returns the
	// last cursor whose documents were all emitted, so a failed crawl never
	// skips anything.
	Crawl(ctx context.Context, f Fetcher, cur Cursor, emit func(Document) error) (Cursor, error)
	// Parse is a pure function of the document: no network, no clock. It
	// returns ErrLayout when the page is unrecognisable.
	Parse(doc Document) ([]Record, error)
}
