package eousa

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"casetrack/sources"
)

// recordReader yields the fixed-width records of one gs_*.txt file. Each
// record is reclen bytes followed by "\n" (EOUSA's releases) or "\r\n".
// A line shorter than reclen (trailing blanks trimmed by some tool) is
// padded with spaces; a longer one is ErrLayout. The returned slice is
// only valid until the next call.
type recordReader struct {
	r      io.Reader
	buf    []byte
	start  int
	end    int
	eof    bool
	reclen int
	line   int64
	pad    []byte
}

const readBufSize = 1 << 20

func newRecordReader(r io.Reader, reclen int) *recordReader {
	size := readBufSize
	if size < 4*(reclen+2) {
		size = 4 * (reclen + 2)
	}
	return &recordReader{r: r, buf: make([]byte, size), reclen: reclen, pad: make([]byte, reclen)}
}

// fill reads until at least need bytes are buffered or the input ends.
func (rr *recordReader) fill(need int) error {
	if rr.start > 0 && rr.end-rr.start < need {
		n := copy(rr.buf, rr.buf[rr.start:rr.end])
		rr.start, rr.end = 0, n
	}
	for !rr.eof && rr.end-rr.start < need {
		n, err := rr.r.Read(rr.buf[rr.end:])
		rr.end += n
		if errors.Is(err, io.EOF) {
			rr.eof = true
			break
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// next returns the next record, or io.EOF after the last one.
func (rr *recordReader) next() ([]byte, error) {
	want := rr.reclen + 2
	if rr.end-rr.start < want {
		if err := rr.fill(want); err != nil {
			return nil, fmt.Errorf("record %d: %w", rr.line+1, err)
		}
	}
	avail := rr.end - rr.start
	if avail == 0 {
		return nil, io.EOF
	}
	w := rr.buf[rr.start:rr.end]
	if len(w) > want {
		w = w[:want]
	}
	rr.line++
	i := bytes.IndexByte(w, '\n')
	var line []byte
	switch {
	case i >= 0:
		line = w[:i]
		rr.start += i + 1
	case rr.eof && avail <= rr.reclen+1:
		line = w // last record without a terminator
		rr.start += avail
	default:
		return nil, fmt.Errorf("record %d: no line end within %d bytes: %w", rr.line, rr.reclen+1, sources.ErrLayout)
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	switch {
	case len(line) == rr.reclen:
		return line, nil
	case len(line) > rr.reclen:
		return nil, fmt.Errorf("record %d: %d bytes, layout says %d: %w", rr.line, len(line), rr.reclen, sources.ErrLayout)
	case len(line) == 0 && rr.eof && rr.start >= rr.end:
		return nil, io.EOF
	default:
		n := copy(rr.pad, line)
		for j := n; j < len(rr.pad); j++ {
			rr.pad[j] = ' '
		}
		return rr.pad, nil
	}
}

// field is a resolved column: 0-based half-open byte range.
type field struct{ lo, hi int }

func resolve(t *Table, name string) (field, error) {
	c, ok := t.Column(name)
	if !ok {
		return field{}, fmt.Errorf("%s has no column %s: %w", t.Name, name, sources.ErrLayout)
	}
	return field{c.Start - 1, c.End}, nil
}

// raw returns the field's bytes with surrounding blanks trimmed.
func (f field) raw(rec []byte) []byte { return trimBlank(rec[f.lo:f.hi]) }

// str returns the field as a UTF-8 string decoded from Latin-1.
func (f field) str(rec []byte) string { return latin1(f.raw(rec)) }

func trimBlank(b []byte) []byte {
	i, j := 0, len(b)
	for i < j && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == 0) {
		i++
	}
	for j > i && (b[j-1] == ' ' || b[j-1] == '\t' || b[j-1] == '\r' || b[j-1] == 0) {
		j--
	}
	return b[i:j]
}

// latin1 decodes ISO-8859-1 bytes: every byte is the code point of the same
// value. ASCII (nearly every byte in these files) is copied as is.
func latin1(b []byte) string {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return string(b)
	}
	out := make([]byte, 0, len(b)+8)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return string(out)
}

// Withheld is the value EOUSA writes in place of a redacted field.
const Withheld = sources.Withheld

func isWithheld(b []byte) bool { return len(b) == 1 && b[0] == '*' }

var months = map[string]time.Month{
	"JAN": time.January, "FEB": time.February, "MAR": time.March, "APR": time.April,
	"MAY": time.May, "JUN": time.June, "JUL": time.July, "AUG": time.August,
	"SEP": time.September, "OCT": time.October, "NOV": time.November, "DEC": time.December,
}

// parseDate reads Oracle's DD-MON-YYYY. Blank and "*" give the zero time
// and withheld reports the "*".
func parseDate(b []byte) (t time.Time, withheld bool, err error) {
	b = trimBlank(b)
	if len(b) == 0 {
		return time.Time{}, false, nil
	}
	if isWithheld(b) {
		return time.Time{}, true, nil
	}
	if len(b) != 11 || b[2] != '-' || b[6] != '-' {
		return time.Time{}, false, fmt.Errorf("date %q: %w", b, sources.ErrLayout)
	}
	d, e1 := atoi(b[0:2])
	y, e2 := atoi(b[7:11])
	var mon [3]byte
	for i := 0; i < 3; i++ {
		c := b[3+i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		mon[i] = c
	}
	m, ok := months[string(mon[:])]
	if e1 != nil || e2 != nil || !ok || d < 1 || d > 31 {
		return time.Time{}, false, fmt.Errorf("date %q: %w", b, sources.ErrLayout)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), false, nil
}

func atoi(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, strconv.ErrSyntax
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, strconv.ErrSyntax
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// parseNumber reads a NUMBER field (integer or decimal, either alignment).
// Blank and "*" give 0.
func parseNumber(b []byte) (float64, error) {
	b = trimBlank(b)
	if len(b) == 0 || isWithheld(b) {
		return 0, nil
	}
	if n, err := atoi(b); err == nil {
		return float64(n), nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return 0, fmt.Errorf("number %q: %w", b, sources.ErrLayout)
	}
	return f, nil
}
