// Package schemas embeds casetrack's DuckDB SQL.
//
//   - NNN_name.sql: ordered migrations (tables). Each is applied once, in
//     file-name order, and recorded with its checksum in schema_migrations.
//     Never edit an applied migration; add a new one.
//   - views/NNN_name.sql: views and macros in layers (staging → intermediate
//     → marts). They hold no data, so every writer re-creates them on open:
//     changing a view needs no migration. Each starts with a one-line
//     "-- grain:" comment saying what one row is.
package schemas

import "embed"

// FS holds the migrations at its root and the views under views/.
//
//go:embed *.sql views/*.sql
var FS embed.FS
