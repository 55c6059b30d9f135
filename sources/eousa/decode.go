package eousa

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"casetrack/sources"
)

// Options control Decode. The zero value uses the default charge set,
// program categories and references.
type Options struct {
	// Snapshot overrides the snapshot id found in the release.
	Snapshot string
	// Charges is the set of "TT U.S.C. SECTION" keys that keep a case
	// (DefaultChargeSet when nil).
	Charges map[string]bool
	// ProgramCategories keep a case on their own (DefaultProgramCategories when nil).
	ProgramCategories map[string]bool
	// Refs maps districts and agencies (LoadRefs when nil).
	Refs *Refs
	// AllowMissing decodes a partial release (some tables absent) instead
	// of failing; Stats.Missing lists what was absent.
	AllowMissing bool
}

// Stats counts what Decode read and kept.
type Stats struct {
	Bytes      int64            // uncompressed bytes scanned, both passes
	Rows       map[string]int64 // rows scanned per table, both passes
	Cases      int              // cases kept by the filter
	Defendants int              // defendants emitted
	Missing    []string         // required tables absent (AllowMissing)
	Problems   map[string]int   // unreadable values, by TABLE.COLUMN
}

// Tables Decode reads. The first pass reads the selection tables only.
var (
	selectionTables = []string{"GS_CASE_PROG_CAT", "GS_COUNT", "GS_PART_COUNT", "GS_CASE"}
	requiredTables  = []string{"GS_CASE", "GS_CASE_PROG_CAT", "GS_PARTICIPANT", "GS_COURT_HIST", "GS_INSTRUMENT", "GS_COUNT", "GS_PART_COUNT", "GS_PART_COURT", "GS_SENTENCE"}
	optionalTables  = []string{"GS_AGENT"}
)

// Decode reads a release in two streaming passes and calls emit once per
// kept defendant, in district, case and participant order.
//
// Pass 1 reads GS_CASE_PROG_CAT, GS_COUNT, GS_PART_COUNT and GS_CASE and
// keeps the cases (DISTRICT+CASEID) whose program category is in
// opt.ProgramCategories or any of whose counts or lead charge is in
// opt.Charges. Pass 2 reads every needed table and holds only rows of
// kept cases, so memory grows with the kept cases, not with the release.
// Within a kept case, a defendant is emitted when its own counts match,
// or, when its counts are withheld or absent, when the case's counts,
// program categories or lead charge do.
func Decode(ctx context.Context, rel *Release, opt Options, emit func(Defendant) error) (Stats, error) {
	d, err := newDecoder(rel, opt)
	if err != nil {
		return Stats{}, err
	}
	if err := d.selectCases(ctx); err != nil {
		return d.stats, err
	}
	d.stats.Cases = len(d.cases)
	if err := d.collect(ctx); err != nil {
		return d.stats, err
	}
	return d.stats, d.assemble(ctx, emit)
}

type decoder struct {
	rel      *Release
	opt      Options
	snapshot string
	charges  chargeMatcher
	progCats map[string]bool
	cases    map[string]*caseRows // key "DIST:CASEID"
	stats    Stats
	kb       []byte
}

type caseRows struct {
	district, caseID string
	matched          []string // why the case was kept (pass 1)
	class, status    string
	recvd, closed    time.Time
	leadCharge       string
	progCats         []progCat
	parts            []partRow
	leadAgent        map[int64]bool
	courts           map[int64]*courtRow
	insts            []instRow
	counts           []countRow
	partCounts       []partCountRow
	partCourts       []partCourtRow
	sentences        map[int64]*Sentence
}

type progCat struct {
	id   int64
	code string
}
type partRow struct {
	id                        int64
	typ, role, agency, office string
	defNum                    int
}
type courtRow struct {
	id                      int64
	court, location, number string
	filing                  time.Time
	filingWithheld          bool
	disposition, reason     string
	dispDate                time.Time
}
type instRow struct {
	crt, id  int64
	typ      string
	filing   time.Time
	withheld bool
}
type countRow struct {
	crt, inst, id             int64
	charge, category, penalty string
}
type partCountRow struct {
	part, crt, inst, count int64
	charge, category       string
	disposition, reason    string
	dispDate               time.Time
}
type partCourtRow struct {
	part, crt           int64
	disposition, reason string
	dispDate            time.Time
}

func newDecoder(rel *Release, opt Options) (*decoder, error) {
	if opt.Charges == nil {
		opt.Charges = DefaultChargeSet()
	}
	if opt.ProgramCategories == nil {
		opt.ProgramCategories = DefaultProgramCategories()
	}
	if opt.Refs == nil {
		r, err := LoadRefs()
		if err != nil {
			return nil, err
		}
		opt.Refs = r
	}
	d := &decoder{
		rel: rel, opt: opt, snapshot: opt.Snapshot,
		charges:  chargeMatcher{set: opt.Charges},
		progCats: opt.ProgramCategories,
		cases:    map[string]*caseRows{},
		stats:    Stats{Rows: map[string]int64{}, Problems: map[string]int{}},
	}
	if d.snapshot == "" {
		d.snapshot = rel.Snapshot
	}
	for _, t := range requiredTables {
		if len(rel.TableFiles(t)) == 0 {
			d.stats.Missing = append(d.stats.Missing, t)
		}
	}
	if len(d.stats.Missing) > 0 && !opt.AllowMissing {
		return nil, fmt.Errorf("eousa %s: release lacks %s: %w", rel.Path, strings.Join(d.stats.Missing, ", "), sources.ErrLayout)
	}
	for _, f := range rel.Files {
		if f.Layout == nil && isNeeded(f.Table) {
			return nil, fmt.Errorf("eousa %s%s: no layout for %s: %w", partPrefix(f.Part), f.Name, f.Table, sources.ErrLayout)
		}
	}
	return d, nil
}

func isNeeded(table string) bool {
	for _, t := range requiredTables {
		if t == table {
			return true
		}
	}
	for _, t := range optionalTables {
		if t == table {
			return true
		}
	}
	return false
}

// rowFunc handles one record; it is built per file from that file's layout.
type rowFunc func(rec []byte) error

// scan streams every file of table through the row function build returns.
func (d *decoder) scan(ctx context.Context, table string, build func(t *Table) (rowFunc, error)) error {
	for _, tf := range d.rel.TableFiles(table) {
		row, err := build(tf.Layout)
		if err != nil {
			return fmt.Errorf("eousa %s%s: %w", partPrefix(tf.Part), tf.Name, err)
		}
		if err := d.scanFile(ctx, tf, row); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) scanFile(ctx context.Context, tf TableFile, row rowFunc) error {
	rc, err := tf.Open()
	if err != nil {
		return fmt.Errorf("eousa %s%s: %w", partPrefix(tf.Part), tf.Name, err)
	}
	defer rc.Close()
	cr := &countingReader{r: rc}
	rr := newRecordReader(cr, tf.Layout.RecLen)
	var n int64
	for {
		rec, err := rr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("eousa %s%s: %w", partPrefix(tf.Part), tf.Name, err)
		}
		n++
		if n&0xffff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := row(rec); err != nil {
			return fmt.Errorf("eousa %s%s record %d: %w", partPrefix(tf.Part), tf.Name, n, err)
		}
	}
	d.stats.Rows[tf.Table] += n
	d.stats.Bytes += cr.n
	return nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// fields resolves several columns at once.
func fields(t *Table, names ...string) ([]field, error) {
	out := make([]field, len(names))
	for i, n := range names {
		f, err := resolve(t, n)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

// caseKey writes "DIST:CASEID" into the decoder's scratch buffer.
func (d *decoder) caseKey(rec []byte, dist, caseID field) []byte {
	d.kb = append(d.kb[:0], dist.raw(rec)...)
	d.kb = append(d.kb, ':')
	d.kb = append(d.kb, caseID.raw(rec)...)
	return d.kb
}

// keep marks a case as selected (pass 1).
func (d *decoder) keep(rec []byte, dist, caseID field, why string) {
	k := d.caseKey(rec, dist, caseID)
	if c, ok := d.cases[string(k)]; ok {
		if len(c.matched) < 4 && !contains(c.matched, why) {
			c.matched = append(c.matched, why)
		}
		return
	}
	c := &caseRows{district: dist.str(rec), caseID: caseID.str(rec), matched: []string{why}}
	d.cases[string(k)] = c
}

func (d *decoder) lookup(rec []byte, dist, caseID field) *caseRows {
	return d.cases[string(d.caseKey(rec, dist, caseID))]
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// selectCases is pass 1.
func (d *decoder) selectCases(ctx context.Context) error {
	err := d.scan(ctx, "GS_CASE_PROG_CAT", func(t *Table) (rowFunc, error) {
		f, err := fields(t, "DISTRICT", "CASEID", "PROG_CAT")
		if err != nil {
			return nil, err
		}
		return func(rec []byte) error {
			pc := f[2].raw(rec)
			if d.progCats[string(pc)] {
				d.keep(rec, f[0], f[1], "program category "+string(pc))
			}
			return nil
		}, nil
	})
	if err != nil {
		return err
	}
	for _, table := range []string{"GS_COUNT", "GS_PART_COUNT"} {
		why := "case count"
		if table == "GS_PART_COUNT" {
			why = "defendant count"
		}
		err := d.scan(ctx, table, func(t *Table) (rowFunc, error) {
			f, err := fields(t, "DISTRICT", "CASEID", "CHARGE")
			if err != nil {
				return nil, err
			}
			return func(rec []byte) error {
				if d.charges.match(f[2].raw(rec)) {
					d.keep(rec, f[0], f[1], why)
				}
				return nil
			}, nil
		})
		if err != nil {
			return err
		}
	}
	return d.scan(ctx, "GS_CASE", func(t *Table) (rowFunc, error) {
		f, err := fields(t, "DISTRICT", "ID", "LEAD_CHARGE")
		if err != nil {
			return nil, err
		}
		return func(rec []byte) error {
			if d.charges.match(f[2].raw(rec)) {
				d.keep(rec, f[0], f[1], "lead charge")
			}
			return nil
		}, nil
	})
}

// date parses a date field, counting unreadable values as problems.
func (d *decoder) date(t *Table, col string, f field, rec []byte) (time.Time, bool) {
	v, withheld, err := parseDate(rec[f.lo:f.hi])
	if err != nil {
		d.stats.Problems[t.Name+"."+col]++
	}
	return v, withheld
}

func (d *decoder) num(t *Table, col string, f field, rec []byte) float64 {
	v, err := parseNumber(rec[f.lo:f.hi])
	if err != nil {
		d.stats.Problems[t.Name+"."+col]++
	}
	return v
}

// id parses a NOT NULL NUMBER key column.
func id(f field, rec []byte) (int64, error) {
	b := f.raw(rec)
	n, err := atoi(b)
	if err != nil {
		return 0, fmt.Errorf("key %q: %w", b, sources.ErrLayout)
	}
	return int64(n), nil
}

// collect is pass 2: it keeps the rows of selected cases.
func (d *decoder) collect(ctx context.Context) error {
	steps := []struct {
		table string
		build func(t *Table) (rowFunc, error)
	}{
		{"GS_CASE", d.buildCase},
		{"GS_CASE_PROG_CAT", d.buildProgCat},
		{"GS_PARTICIPANT", d.buildParticipant},
		{"GS_AGENT", d.buildAgent},
		{"GS_COURT_HIST", d.buildCourtHist},
		{"GS_INSTRUMENT", d.buildInstrument},
		{"GS_COUNT", d.buildCount},
		{"GS_PART_COUNT", d.buildPartCount},
		{"GS_PART_COURT", d.buildPartCourt},
		{"GS_SENTENCE", d.buildSentence},
	}
	for _, s := range steps {
		if err := d.scan(ctx, s.table, s.build); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) buildCase(t *Table) (rowFunc, error) {
	f, err := fields(t, "DISTRICT", "ID", "CLASS", "RECVD_DATE", "STATUS", "CLOSE_DATE", "LEAD_CHARGE")
	if err != nil {
		return nil, err
	}
	return func(rec []byte) error {
		c := d.lookup(rec, f[0], f[1])
		if c == nil {
			return nil
		}
		c.class = f[2].str(rec)
		c.recvd, _ = d.date(t, "RECVD_DATE", f[3], rec)
		c.status = f[4].str(rec)
		c.closed, _ = d.date(t, "CLOSE_DATE", f[5], rec)
		c.leadCharge = f[6].str(rec)
		return nil
	}, nil
}

func (d *decoder) buildProgCat(t *Table) (rowFunc, error) {
	f, err := fields(t, "DISTRICT", "CASEID", "PROG_CAT", "ID")
	if err != nil {
		return nil, err
	}
	return func(rec []byte) error {
		c := d.lookup(rec, f[0], f[1])
		if c == nil {
			return nil
		}
		n, err := id(f[3], rec)
		if err != nil {
			return err
		}
		c.progCats = append(c.progCats, progCat{n, f[2].str(rec)})
		return nil
	}, nil
}

func (d *decoder) buildParticipant(t *Table) (rowFunc, error) {
	f, err := fields(t, "DISTRICT", "CASEID", "ID", "TYPE", "ROLE", "DEFEND_NUM", "AGENCY", "AGCYOFFID")
	if err != nil {
		return nil, err
	}
	return func(rec []byte) error {
		c := d.lookup(rec, f[0], f[1])
		if c == nil {
			return nil
		}
		typ, role := f[3].raw(rec), f[4].raw(rec)
		defendant := (string(typ) == "I" || string(typ) == "B") && len(role) > 0 && role[0] == 'D'
		agency := string(typ) == "A" && string(role) == "IN"
		if !defendant && !agency {
			return nil // victims, witnesses, property: not read
		}
		n, err := id(f[2], rec)
		if err != nil {
			return err
		}
		p := partRow{id: n, typ: string(typ), role: string(role)}
		if defendant {
			p.defNum = int(d.num(t, "DEFEND_NUM", f[5], rec))
		} else {
			p.agency = f[6].str(rec)
			p.office = f[7].str(rec)
		}
		c.parts = append(c.parts, p)
		return nil
	}, nil
}

func (d *decoder) buildAgent(t *Table) (rowFunc, error) {
	f, err := fields(t, "DISTRICT", "CASEID", "PARTID", "LEAD_AGENT")
	if err != nil {
		return nil, err
	}
	return func(rec []byte) error {
		c := d.lookup(rec, f[0], f[1])
		if c == nil || string(f[3].raw(rec)) != "Y" {
			return nil
		}
		n, err := id(f[2], rec)
		if err != nil {
			return err
		}
		if c.leadAgent == nil {
			c.leadAgent = map[int64]bool{}
		}
		c.leadAgent[n] = true
		return nil
	}, nil
}

func (d *decoder) buildCourtHist(t *Table) (rowFunc, error) {
	f, err := fields(t, "DISTRICT", "CASEID", "ID", "COURT", "LOCATION", "COURT_NUMBER", "FILING_DATE", "DISPOSITION", "DISP_DATE", "DISP_REASON1")
	if err != nil {
		return nil, err
	}
	return func(rec []byte) error {
		c := d.lookup(rec, f[0], f[1])
		if c == nil {
			return nil
		}
		n, err := id(f[2], rec)
		if err != nil {
			return err
		}
		r := &courtRow{id: n, court: f[3].str(rec), location: f[4].str(rec), number: f[5].str(rec),
			disposition: f[7].str(rec), reason: f[9].str(rec)}
		r.filing, r.filingWithheld = d.date(t, "FILING_DATE", f[6], rec)
		r.dispDate, _ = d.date(t, "DISP_DATE", f[8], rec)
		if c.courts == nil {
			c.courts = map[int64]*courtRow{}
		}
		c.courts[n] = r
		return nil
	}, nil
}

func (d *decoder) buildInstrument(t *Table) (rowFunc, error) {
	f, err := fields(t, "DISTRICT", "CASEID", "CRTHISID", "ID", "TYPE", "FILING_DATE")
	if err != nil {
		return nil, err
	}
	return func(rec []byte) error {
		c := d.lookup(rec, f[0], f[1])
		if c == nil {
			return nil
		}
		crt, err1 := id(f[2], rec)
		n, err2 := id(f[3], rec)
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		r := instRow{crt: crt, id: n, typ: f[4].str(rec)}
		var wh bool
		r.filing, wh = d.date(t, "FILING_DATE", f[5], rec)
		r.withheld = wh || r.typ == Withheld
		c.insts = append(c.insts, r)
		return nil
	}, nil
}

func (d *decoder) buildCount(t *Table) (rowFunc, error) {
	f, err := fields(t, "DISTRICT", "CASEID", "CRTHISID", "INSTID", "CHARGE", "CATEGORY", "ID", "PENT_PROV")
	if err != nil {
		return nil, err
	}
	return func(rec []byte) error {
		c := d.lookup(rec, f[0], f[1])
		if c == nil {
			return nil
		}
		crt, err1 := id(f[2], rec)
		inst, err2 := id(f[3], rec)
		n, err3 := id(f[6], rec)
		if err := errors.Join(err1, err2, err3); err != nil {
			return err
		}
		c.counts = append(c.counts, countRow{crt: crt, inst: inst, id: n, charge: f[4].str(rec), category: f[5].str(rec), penalty: f[7].str(rec)})
		return nil
	}, nil
}

func (d *decoder) buildPartCount(t *Table) (rowFunc, error) {
	f, err := fields(t, "DISTRICT", "CASEID", "PARTID", "CRTHISID", "INSTID", "CHARGE", "CATEGORY", "COUNTID", "DISPOSITION", "DISP_REASON", "DISP_DATE")
	if err != nil {
		return nil, err
	}
	return func(rec []byte) error {
		c := d.lookup(rec, f[0], f[1])
		if c == nil {
			return nil
		}
		part, err1 := id(f[2], rec)
		crt, err2 := id(f[3], rec)
		inst, err3 := id(f[4], rec)
		cnt, err4 := id(f[7], rec)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			return err
		}
		r := partCountRow{part: part, crt: crt, inst: inst, count: cnt, charge: f[5].str(rec), category: f[6].str(rec),
			disposition: f[8].str(rec), reason: f[9].str(rec)}
		r.dispDate, _ = d.date(t, "DISP_DATE", f[10], rec)
		c.partCounts = append(c.partCounts, r)
		return nil
	}, nil
}

func (d *decoder) buildPartCourt(t *Table) (rowFunc, error) {
	f, err := fields(t, "DISTRICT", "CASEID", "PARTID", "CRTHISID", "DISPOSITION", "DISP_REASON", "DISP_DATE")
	if err != nil {
		return nil, err
	}
	return func(rec []byte) error {
		c := d.lookup(rec, f[0], f[1])
		if c == nil {
			return nil
		}
		part, err1 := id(f[2], rec)
		crt, err2 := id(f[3], rec)
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		r := partCourtRow{part: part, crt: crt, disposition: f[4].str(rec), reason: f[5].str(rec)}
		r.dispDate, _ = d.date(t, "DISP_DATE", f[6], rec)
		c.partCourts = append(c.partCourts, r)
		return nil
	}, nil
}

func (d *decoder) buildSentence(t *Table) (rowFunc, error) {
	f, err := fields(t, "DISTRICT", "CASEID", "PARTID", "SENT_DATE", "INCAR_TYPE",
		"INCAR_DAYS", "INCAR_MONTHS", "INCAR_YEARS", "PROB_DAYS", "PROB_MONTHS", "PROB_YEARS")
	if err != nil {
		return nil, err
	}
	return func(rec []byte) error {
		c := d.lookup(rec, f[0], f[1])
		if c == nil {
			return nil
		}
		part, err := id(f[2], rec)
		if err != nil {
			return err
		}
		s := &Sentence{IncarType: f[4].str(rec)}
		s.Date, _ = d.date(t, "SENT_DATE", f[3], rec)
		s.Months = d.num(t, "INCAR_YEARS", f[7], rec)*12 + d.num(t, "INCAR_MONTHS", f[6], rec) + d.num(t, "INCAR_DAYS", f[5], rec)/30
		s.ProbationMonths = d.num(t, "PROB_YEARS", f[10], rec)*12 + d.num(t, "PROB_MONTHS", f[9], rec) + d.num(t, "PROB_DAYS", f[8], rec)/30
		s.Life = s.IncarType == "LIF"
		s.TimeServed = s.IncarType == "TIM"
		if c.sentences == nil {
			c.sentences = map[int64]*Sentence{}
		}
		// A resentencing leaves the later row: keep the latest sentence date.
		if old := c.sentences[part]; old == nil || !s.Date.Before(old.Date) {
			c.sentences[part] = s
		}
		return nil
	}, nil
}

// assemble joins each kept case's rows into defendants and emits them.
func (d *decoder) assemble(ctx context.Context, emit func(Defendant) error) error {
	keys := make([]string, 0, len(d.cases))
	for k := range d.cases {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if i&0xff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		for _, def := range d.defendants(d.cases[k]) {
			d.stats.Defendants++
			if err := emit(def); err != nil {
				return err
			}
		}
		delete(d.cases, k) // free as we go
	}
	return nil
}

func (d *decoder) defendants(c *caseRows) []Defendant {
	if c.class == "V" {
		return nil // civil matter
	}
	sort.SliceStable(c.progCats, func(i, j int) bool { return c.progCats[i].id < c.progCats[j].id })
	var progCats []string
	progMatch := ""
	for _, p := range c.progCats {
		progCats = append(progCats, p.code)
		if progMatch == "" && d.progCats[p.code] {
			progMatch = "program category " + p.code
		}
	}
	var agencies []Agency
	for _, p := range c.parts {
		if p.typ != "A" {
			continue
		}
		a := Agency{PartID: p.id, Code: p.agency, Lead: c.leadAgent[p.id], OfficeID: p.office}
		if m, ok := d.opt.Refs.Agencies[p.agency]; ok {
			a.Agency, a.Label = m.Agency, m.Label
		}
		agencies = append(agencies, a)
	}
	// Case-level counts by court stage, and GS_COUNT by its full key for the penalty provision.
	type countKey struct{ crt, inst, id int64 }
	countByKey := map[countKey]countRow{}
	for _, r := range c.counts {
		countByKey[countKey{r.crt, r.inst, r.id}] = r
	}
	caseMatch := ""
	for _, r := range c.counts {
		if d.charges.match([]byte(r.charge)) {
			caseMatch = "case count " + chargeStatute(r.charge)
			break
		}
	}
	leadMatch := ""
	if d.charges.match([]byte(c.leadCharge)) {
		leadMatch = "lead charge " + chargeStatute(c.leadCharge)
	}

	dist := d.opt.Refs.Districts[c.district]
	var out []Defendant
	for _, p := range c.parts {
		if p.typ == "A" {
			continue
		}
		def := Defendant{
			Key: DefendantKey(c.district, c.caseID, p.id), Snapshot: d.snapshot,
			District: c.district, DistrictName: dist.Name, CourtID: dist.CourtID,
			CaseID: c.caseID, PartID: p.id, DefendantNum: p.defNum, Role: p.role, Type: p.typ,
			CaseClass: c.class, CaseStatus: c.status, ReceivedDate: c.recvd, CloseDate: c.closed,
			LeadCharge: c.leadCharge, ProgramCategories: progCats, Agencies: agencies,
		}
		sealed := strings.Contains(p.role, "*") || c.leadCharge == Withheld || contains(progCats, Withheld)
		stages := map[int64]bool{}
		for _, pc := range c.partCourts {
			if pc.part != p.id {
				continue
			}
			stages[pc.crt] = true
			cs := CourtStage{CrtHisID: pc.crt, Disposition: pc.disposition, DispReason: pc.reason, DispDate: pc.dispDate}
			if cr := c.courts[pc.crt]; cr != nil {
				cs.Court, cs.Location, cs.CourtNumber = cr.court, cr.location, cr.number
				cs.FilingDate, cs.FilingWithheld = cr.filing, cr.filingWithheld
				cs.StageDisposition = cr.disposition
				sealed = sealed || cr.filingWithheld || cr.number == Withheld
			}
			for _, in := range c.insts {
				if in.crt == pc.crt {
					cs.Instruments = append(cs.Instruments, Instrument{ID: in.id, Type: in.typ, FilingDate: in.filing,
						Withheld: in.withheld, Superseding: in.typ == "SN" || in.typ == "SF"})
					sealed = sealed || in.withheld
				}
			}
			def.Courts = append(def.Courts, cs)
		}
		ownMatch := ""
		for _, pc := range c.partCounts {
			if pc.part != p.id {
				continue
			}
			cnt := Count{CrtHisID: pc.crt, InstID: pc.inst, CountID: pc.count, Charge: pc.charge, Statute: chargeStatute(pc.charge),
				Category: pc.category, Disposition: pc.disposition, DispReason: pc.reason, DispDate: pc.dispDate}
			if r, ok := countByKey[countKey{pc.crt, pc.inst, pc.count}]; ok {
				cnt.PenaltyProv = r.penalty
			}
			sealed = sealed || pc.charge == Withheld
			if ownMatch == "" && d.charges.match([]byte(pc.charge)) {
				ownMatch = "defendant count " + cnt.Statute
			}
			def.Counts = append(def.Counts, cnt)
		}
		if len(def.Counts) == 0 {
			for _, r := range c.counts {
				if stages[r.crt] {
					def.Counts = append(def.Counts, Count{CrtHisID: r.crt, InstID: r.inst, CountID: r.id, Charge: r.charge,
						Statute: chargeStatute(r.charge), Category: r.category, PenaltyProv: r.penalty, CaseLevel: true})
					sealed = sealed || r.charge == Withheld
				}
			}
		}
		def.Sentence = c.sentences[p.id]
		def.Sealed = sealed
		// Keep rule: own counts first; case-level evidence only when the
		// defendant's own counts do not say (withheld or absent).
		ownKnown := false
		for _, cnt := range def.Counts {
			if !cnt.CaseLevel && cnt.Statute != "" {
				ownKnown = true
			}
		}
		switch {
		case ownMatch != "":
			def.Kept = ownMatch
		case ownKnown && progMatch == "":
			continue // the defendant's own counts are all outside the charge set
		case progMatch != "":
			def.Kept = progMatch
		case caseMatch != "":
			def.Kept = caseMatch
		case leadMatch != "":
			def.Kept = leadMatch
		default:
			continue
		}
		sortDefendant(&def)
		out = append(out, def)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].PartID < out[j].PartID })
	return out
}

// chargeStatute renders a raw LIONS charge as a statute, "" when withheld.
func chargeStatute(raw string) string {
	c, ok := ParseCharge(raw)
	if !ok {
		return ""
	}
	return c.Statute()
}
