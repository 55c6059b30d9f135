#!/usr/bin/env python3
"""Draws the stratified sentence sample for ice_sentence_labels.json.

Reads ../shared/fixtures/ice/bln_ice_event_candidates.jsonl, groups the
candidates into unique sentences (document_id, evidence_start, evidence_end),
then fills fixed strata in a fixed order with random.Random(SEED); a sentence
drawn by an earlier stratum is not drawn again. Prints one key per line:
stratum, document_id, evidence_start, evidence_end, first event_id.
"""
import json, random, re, sys

SEED = 20260521
path = sys.argv[1]
rows = [json.loads(l) for l in open(path, encoding="utf-8")]
sent = {}
for r in rows:
    sent.setdefault((r["document_id"], r["evidence_start"], r["evidence_end"]), []).append(r)
keys = sorted(sent)

def has_action(a):
    return lambda k: any(r["action_type"] == a for r in sent[k])

def text(rx):
    c = re.compile(rx)
    return lambda k: bool(c.search(sent[k][0]["evidence_text"]))

strata = [
    # every action_type / legal_stage of the other project
    ("action:arrest", has_action("arrest"), 15),
    ("action:charge", has_action("charge"), 10),
    ("action:conviction", has_action("conviction"), 10),
    ("action:sentence", has_action("sentence"), 10),
    ("action:removal", has_action("removal"), 8),
    ("action:detention", has_action("detention"), 6),
    ("action:transfer", has_action("transfer"), 6),
    # the traps and forms the issue names
    ("ero_sex_offender", text(r"(?i)^(?=.*\b(ERO|Enforcement and Removal)\b)(?=.*(sex|child|minor|rape|indecen|lewd|molest))"), 10),
    ("sentence_months", text(r"(?i)sentenced .*\b(\d+|[a-z]+)[- ](months?|years?)\b"), 8),
    ("sentence_life", text(r"(?i)\blife (in (federal )?prison|imprisonment|sentence)"), 5),
    ("plea", text(r"(?i)\bpleaded guilty|\bpled guilty"), 7),
    ("verdict", text(r"(?i)\bjury\b|found guilty|convicted at trial|\bverdict"), 7),
    ("indictment", text(r"(?i)\bindict"), 7),
    ("complaint_information", text(r"(?i)criminal complaint|\binformation\b"), 4),
    ("faces_up_to", text(r"(?i)\bfaces? (up to|a maximum|a mandatory|a minimum|a possible)"), 6),
    ("background", text(r"(?i)previously|prior conviction|criminal history|was (convicted|arrested|sentenced) in (19|20)\d\d"), 6),
    ("scheduled", text(r"(?i)sentencing (is|was|has been) (set|scheduled)|scheduled to be sentenced|faces? sentencing"), 3),
    ("tip_line", text(r"866-347-2423|866-DHS-2-ICE|tip ?line"), 5),
    ("assisted_agency", text(r"(?i)assist|support(ed)? (from|by)|with help from"), 7),
    ("credited_agency", text(r"(?i)investigated by|investigation (was )?(led|conducted) by|(led|conducted) the investigation"), 6),
    ("unnamed_count", lambda k: any(r["count_min"] is not None for r in sent[k]), 6),
    ("dismissed_acquitted", text(r"(?i)dismiss|acquit|not guilty"), 3),
]

rng = random.Random(SEED)
chosen = set()
for name, pred, n in strata:
    pool = [k for k in keys if k not in chosen and pred(k)]
    rng.shuffle(pool)
    for k in pool[:n]:
        chosen.add(k)
        print(f"{name}\t{k[0]}\t{k[1]}\t{k[2]}\t{sent[k][0]['event_id']}")

# Tip-line stratum. No candidate sentence carries the ICE tip line
# (866-347-2423, which is not 18 U.S.C. 2423), so six paragraphs that do are
# drawn from ../shared/corpus/ice-full/records.jsonl, keyed the same way
# (document_id from the derived index by URL, character offsets into the
# record body, the same offsets the candidates use). Three short boilerplate
# lines and three longer paragraphs, distinct texts.
if len(sys.argv) > 3:
    import csv
    index = {r["url"]: r["document_id"] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
    lines, seen_text = [], set()
    for l in open(sys.argv[3], encoding="utf-8"):
        rec = json.loads(l)
        for m in re.finditer(r"[^\n]*347-2423[^\n]*", rec["body"]):
            if m.group() in seen_text:
                continue
            seen_text.add(m.group())
            lines.append((index[rec["url"]], m.start(), m.end(), len(m.group())))
    lines.sort()
    rng.shuffle(lines)
    short = [x for x in lines if x[3] <= 200][:3]
    long_ = [x for x in lines if x[3] > 200][:3]
    for d, a, b, _ in short + long_:
        print(f"tip_line\t{d}\t{a}\t{b}\t")
