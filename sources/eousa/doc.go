// Package eousa reads EOUSA's National Caseload Data (the public LIONS
// extract of the U.S. Attorneys' case-management system) into
// sources.Records, one per kept defendant, each carrying a
// sources.Caseload: what the release says, in LIONS codes. Like every
// source it decides nothing and writes nothing: pipeline/normalize
// (caseload.go) reads the events and outcome, pipeline/ingest and
// pipeline/store load documents, events and snapshot rows.
//
// A release is ~20 GB of fixed-width tables, too large for a Document, so
// it is streamed (sources.Release) rather than parsed:
//
//	Crawl (newest monthly release on justice.gov, zip parts downloaded
//	  resumably under <raw archive>/_eousa/<SNAPSHOT>/; Releases lists them)
//	Open (IsRelease: a directory of DISKnn.zip parts or unpacked gs_*.txt)
//	  → Decode (two streaming passes; README.TXT layouts, fallback layout)
//	  → Defendant (typed, pseudonymous: DISTRICT:CASEID:PARTID)
//	  → Defendant.Record (Caseload, one Body line per fact, Docket view)
//
// Facts about the format (layouts, codes, joins, redaction) come from the
// EOUSA documents summarised in shared/fixtures/eousa/NOTES.md. No real
// data row was available when this was written: the tests run on
// CONSTRUCTED releases (testdata/constructed_*) laid out against the real
// SEPFY2018 layout.
package eousa
