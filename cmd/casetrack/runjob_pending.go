package main

import (
	"context"
	"errors"
)

// runJob is a placeholder until run.go lands: `casetrack run` (crawl every
// source → archive → parse → normalize → load) is written on the lead's
// branch. DELETE THIS FILE when merging run.go, which defines the real
//
//	func (a *app) runJob(ctx context.Context, opts runOptions) error
//
// (see runOptions in serve.go for the contract).
func (a *app) runJob(ctx context.Context, opts runOptions) error {
	return errors.New("casetrack run is not wired in this build yet")
}
