-- grain: none (macros used by the views after this file)

-- defendant_kind(name): 'organisation' when the defendant's name ends in a legal form ("Tyson
-- Foods Inc", "Lloyds TSB Bank plc", "Korean Air Lines Ltd"), 'person' for any other name, NULL
-- for an unnamed group. normalize recognises organisations by the same legal forms
-- (normalize.OrganisationName; TestDefendantKindMatchesNormalize keeps the two lists equal).
CREATE OR REPLACE MACRO defendant_kind(name) AS (
    CASE
        WHEN name IS NULL OR name = '' THEN NULL
        WHEN regexp_matches(lower(name), '(^|\s)(inc|incorporated|llc|l\.l\.c|ltd|limited|corp|corporation|co|company|plc|s\.a|sa|n\.v|nv|ag|gmbh|llp|lp|l\.p|s\.a\. de c\.v|airlines|airways|bank|foods)\.?$')
            THEN 'organisation'
        ELSE 'person'
    END
);
