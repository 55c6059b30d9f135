package fetch

import (
	"maps"
	"sync"
)

// Validator is what a conditional GET needs to remember about one URL: the
// validators the server sent and the archived body they describe.
type Validator struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	SHA256       string `json:"sha256"`
}

// ValidatorStore remembers validators between runs. The caller persists it
// (the store's http_cache table, a JSON file); the fetcher only reads and
// writes through this interface. Implementations must be safe for
// concurrent use.
type ValidatorStore interface {
	Validator(url string) (Validator, bool)
	SetValidator(url string, v Validator) error
}

// MemValidators is an in-memory ValidatorStore. Snapshot and NewMemValidators
// let the caller save and restore it.
type MemValidators struct {
	mu sync.Mutex
	m  map[string]Validator
}

// NewMemValidators returns a store holding a copy of initial (may be nil).
func NewMemValidators(initial map[string]Validator) *MemValidators {
	m := map[string]Validator{}
	maps.Copy(m, initial)
	return &MemValidators{m: m}
}

// Validator returns the validators remembered for url.
func (s *MemValidators) Validator(url string) (Validator, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[url]
	return v, ok
}

// SetValidator remembers v for url.
func (s *MemValidators) SetValidator(url string, v Validator) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[url] = v
	return nil
}

// Snapshot returns a copy of everything remembered.
func (s *MemValidators) Snapshot() map[string]Validator {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.m)
}
