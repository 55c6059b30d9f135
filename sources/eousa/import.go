package eousa

import (
	"context"
	"fmt"

	"casetrack/pipeline/normalize"
	"casetrack/sources"
)

// Import is the whole path for one release on disk: OpenRelease, Decode,
// Events. For every kept defendant it calls fn with the defendant (for the
// eousa_* snapshot tables, via SnapshotRow and CountRows) and the store's
// (Record, []Event) pair. releaseURL is the release's justice.gov page
// ("" for the landing page).
func Import(ctx context.Context, path, releaseURL string, opt Options, categorize Categorizer,
	fn func(def Defendant, rec sources.Record, events []normalize.Event) error) (Stats, error) {
	rel, err := OpenRelease(path, nil)
	if err != nil {
		return Stats{}, err
	}
	defer rel.Close()
	st, err := Decode(ctx, rel, opt, func(def Defendant) error {
		rec, evs := Events(def, releaseURL, categorize)
		return fn(def, rec, evs)
	})
	if err != nil {
		return st, fmt.Errorf("eousa import %s: %w", path, err)
	}
	if st.Defendants == 0 {
		return st, fmt.Errorf("eousa import %s: no defendant touches the charge set: %w", path, sources.ErrEmpty)
	}
	return st, nil
}
