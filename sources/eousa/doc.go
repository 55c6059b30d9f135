// Package eousa reads EOUSA's National Caseload Data (the public LIONS
// extract of the U.S. Attorneys' case-management system) and turns it into
// court-verified casetrack rows.
//
// Where it sits in the pipeline: it is a source like the newsroom
// crawlers, but its "documents" are monthly full snapshots of ~20 GB of
// fixed-width tables, so it has its own path:
//
//	Crawl (newest monthly release on justice.gov, zip parts downloaded
//	  resumably under <raw archive>/_eousa/<SNAPSHOT>/)
//	  → Loader.Load (load.go: store.Load batches + snapshot rows)
//	OpenRelease (directory of DISKnn.zip parts or unpacked gs_*.txt)
//	  → Decode (two streaming passes; README.TXT layouts, fallback layout)
//	  → Defendant (typed, pseudonymous: DISTRICT:CASEID:PARTID)
//	  → Events (sources.Record + []normalize.Event for the store)
//	  → SnapshotRow (schemas/050_eousa.sql: one row per key per snapshot)
//
// Facts about the format (layouts, codes, joins, redaction) come from the
// EOUSA documents summarised in shared/fixtures/eousa/NOTES.md. No real
// data row was available when this was written: the tests run on
// CONSTRUCTED releases (testdata/constructed_*) laid out against the real
// SEPFY2018 layout.
package eousa
