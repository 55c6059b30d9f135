// Package importrules holds no code, only the test that keeps casetrack's
// layering true without anyone having to remember it: a source extracts,
// normalize decides, the store writes.
//
//   - sources/... import the contract (package casetrack/sources),
//     pipeline/fetch, each other (a source may reuse another's parser) and
//     libraries (the standard library, third-party modules, casetrack/data,
//     casetrack/internal/...), never another pipeline stage or the schema;
//     nothing they depend on, however indirectly, is pipeline/store,
//     pipeline/normalize or a database driver.
//   - pipeline/normalize imports no network package and depends on no
//     database package: it is pure, records in and events out.
//
// The rules read `go list -json` (each package's imports and transitive
// dependencies, test files excluded: a test may drive the whole pipeline).
package importrules
