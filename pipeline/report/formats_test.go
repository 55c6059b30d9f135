package report

import (
	"casetrack/pipeline/ingest"
	"casetrack/sources/pacer"
)

// importFormats are the formats the dev-corpus tests import: labelled
// release records and saved PACER pages (as cmd/casetrack's import does).
func importFormats() ([]ingest.Format, error) {
	court, err := pacer.New(pacer.Config{})
	if err != nil {
		return nil, err
	}
	return []ingest.Format{ingest.ReleaseFormat, ingest.SourceFormat(pacer.Name, pacer.Detect, court.Parse)}, nil
}
