package eousa

// The CONSTRUCTED scenario behind testdata/constructed_JULFY2023 and
// testdata/constructed_AUGFY2023. Every value is made up; the layouts and
// codes are the real ones. Two monthly snapshots of the same cases:
//
//	FLM 2019R01234  HSI (HSCE) referral, PSC (080). Complaint in MG
//	                (19-MJ-01100), indictment in DC (19-CR-00145): 2252A(a)(2)
//	                and 2252A(a)(5)(B). Plea to count 1 (GT/PLED), count 2
//	                dismissed; 97 months. Same in both snapshots.
//	TXS 2020R00077  FBI (JUFB, lead agent) + state/local (ZTAT), 05E.
//	                Indictment 20-CR-00311 (1591(a)(1)), superseding
//	                indictment adds 1594(c); original counts DM/DFOC. Jury
//	                verdict GT/JTRD on the superseding counts; life sentence.
//	AZ  2021R00500  CBP (HSCB), 055. Defendant 1: information 21-CR-00999,
//	                8 U.S.C. 1324(a)(1)(A)(ii); pending in JUL, dismissed
//	                (DM/GWOD) in AUG: the disposition that changes.
//	                Defendant 2: 18 U.S.C. 1546 only: not kept.
//	NYE 2022R00310  ICAC (ZCAC) + USPS (PSUS), 080. 2422(b); jury trial
//	                pending in JUL, acquitted (NG/JTRD) in AUG.
//	CAC 2022R00900  HSI, 080. Defendant 1: 2251(a), plea; defendant 2
//	                sealed (ROLE D*, his count withheld "*"): kept on the
//	                case's visible count.
//	CAC 2023R00001  wholly sealed: every withholdable value "*": not kept.
//	TXS 2022R00450  DEA drug case, 21 U.S.C. 841: not kept.
//	NYE 2022R00311  civil matter (CLASS V) with a 2252 count: not kept.

func constructedScenario(snap int) ([]fileRows, map[string]map[string]string) {
	tag := map[int]string{1: "JULFY2023", 2: "AUGFY2023"}[snap]
	later := snap == 2
	caseRow := func(dist, id, class, recvd, lead, status, closeDate string) vals {
		return vals{"DISTRICT": dist, "ID": id, "CLASS": class, "NAME": "*", "RECVD_DATE": recvd, "SECURITY": "*",
			"US_ROLE": "P", "LIT_RESP": "US", "BRANCH": "CR", "GRAND_JURY_NUM": "*", "LEAD_CHARGE": lead,
			"PHYSICAL_LOC": "*", "STORE_NUM": "*", "CIVIL_POTEN": "*", "SYS_INIT_DATE": recvd, "ACCESS_DATE": recvd,
			"STATUS": status, "CLOSE_DATE": closeDate, "CASE_RESTRICTED": "*", "CRIMINAL_POTEN": "*", "CREATE_DATE": recvd}
	}
	prog := func(dist, caseID, code, id string) vals {
		return vals{"DISTRICT": dist, "CASEID": caseID, "PROG_CAT": code, "ID": id, "CREATE_DATE": "01-JAN-2019"}
	}
	part := func(dist, caseID, id, typ, role, agency, defnum string) vals {
		v := vals{"DISTRICT": dist, "CASEID": caseID, "ID": id, "TYPE": typ, "ROLE": role, "SECURITY": "*",
			"LAST_NAME": "*", "FIRST_NAME": "*", "SSN": "*", "BIRTH_DATE": "*", "ARREST_DATE": "*", "JUVENILE": "*",
			"IMMIG_STAT": "*", "PDID": "*", "FBI_NUMBER": "*", "MARSHALS_NUM": "*", "SYS_INIT_DATE": "02-JAN-2019"}
		if agency != "" {
			v["AGENCY"], v["AGENCY_NUM"], v["AGCYOFFID"] = agency, "*", "17"
		}
		if defnum != "" {
			v["DEFEND_NUM"], v["GENDER"], v["CRIM_HIST"] = defnum, "M", "N"
		}
		return v
	}
	agent := func(dist, caseID, partID, id, lead string) vals {
		return vals{"DISTRICT": dist, "CASEID": caseID, "PARTID": partID, "ID": id, "SALUTATION": "*", "LAST_NAME": "*",
			"FIRST_NAME": "*", "TITLE": "*", "PHONE": "*", "FAX": "*", "PAGER": "*", "LEAD_AGENT": lead, "EMAIL": "*"}
	}
	court := func(dist, caseID, id, crt, number, filing, disp, dispDate, reason string) vals {
		return vals{"DISTRICT": dist, "CASEID": caseID, "ID": id, "COURT": crt, "LOCATION": "TA", "US_ROLE": "P",
			"COURT_NUMBER": number, "FILING_DATE": filing, "DISPOSITION": disp, "DISP_DATE": dispDate, "DISP_REASON1": reason}
	}
	inst := func(dist, caseID, crt, id, typ, filing string) vals {
		return vals{"DISTRICT": dist, "CASEID": caseID, "CRTHISID": crt, "ID": id, "TYPE": typ, "FILING_DATE": filing}
	}
	count := func(dist, caseID, crt, instID, charge, cat, id, pent string) vals {
		return vals{"DISTRICT": dist, "CASEID": caseID, "CRTHISID": crt, "INSTID": instID, "CHARGE": charge,
			"CATEGORY": cat, "ID": id, "PENT_PROV": pent}
	}
	pcount := func(dist, caseID, partID, crt, instID, charge, cat, countID, disp, reason, date string) vals {
		return vals{"DISTRICT": dist, "CASEID": caseID, "PARTID": partID, "CRTHISID": crt, "INSTID": instID,
			"CHARGE": charge, "CATEGORY": cat, "COUNTID": countID, "DISPOSITION": disp, "DISP_REASON": reason,
			"DISP_DATE": date, "SEALED": "*"}
	}
	pcourt := func(dist, caseID, partID, crt, disp, reason, date, init string) vals {
		return vals{"DISTRICT": dist, "CASEID": caseID, "PARTID": partID, "CRTHISID": crt, "DISPOSITION": disp,
			"DISP_REASON": reason, "DISP_DATE": date, "SYS_INIT_DATE": init}
	}
	sentence := func(dist, caseID, partID, date, incarType, months, years, supYears string) vals {
		return vals{"DISTRICT": dist, "CASEID": caseID, "PARTID": partID, "SENT_DATE": date, "INCAR_TYPE": incarType,
			"INCAR_MONTHS": months, "INCAR_YEARS": years, "SUPER_REL_YEARS": supYears, "SPEC_ASSESSMENT": "5100.00"}
	}
	pick := func(early, late string) string {
		if later {
			return late
		}
		return early
	}

	files := []fileRows{
		{"DISK01", "gs_case.txt", []vals{
			caseRow("FLM", "2019R01234", "R", "14-MAR-2019", "18 :2252Aa2", "C", "16-JAN-2020"),
			caseRow("TXS", "2020R00077", "R", "03-FEB-2020", "18 :01591a1", "C", "11-MAY-2021"),
			caseRow("AZ", "2021R00500", "R", "20-JUN-2021", "08 :01324a1Aii", pick("A", "C"), pick("", "02-AUG-2023")),
			caseRow("NYE", "2022R00310", "R", "09-FEB-2022", "18 :02422b", pick("A", "C"), pick("", "28-JUL-2023")),
			caseRow("CAC", "2022R00900", "R", "15-APR-2022", "18 :02251a", "A", ""),
			caseRow("CAC", "2023R00001", "R", "02-JAN-2023", "*", "A", ""),
			caseRow("TXS", "2022R00450", "R", "10-MAY-2022", "21 :00841a1", "A", ""),
			caseRow("NYE", "2022R00311", "V", "11-MAY-2022", "18 :02252a", "A", ""),
		}},
		{"DISK01", "gs_case_prog_cat.txt", []vals{
			prog("FLM", "2019R01234", "080", "1"),
			prog("TXS", "2020R00077", "05E", "1"),
			prog("AZ", "2021R00500", "055", "1"),
			prog("NYE", "2022R00310", "080", "1"),
			prog("CAC", "2022R00900", "080", "1"),
			prog("CAC", "2023R00001", "*", "1"),
			prog("TXS", "2022R00450", "090", "1"),
		}},
		{"DISK02", "gs_count.txt", []vals{
			count("FLM", "2019R01234", "2", "2", "18 :2252Aa2", "F", "1", "18 :2252Ab1"),
			count("FLM", "2019R01234", "2", "2", "18 :2252Aa5B", "F", "2", "18 :2252Ab2"),
			count("TXS", "2020R00077", "1", "1", "18 :01591a1", "F", "1", "18 :01591b1"),
			count("TXS", "2020R00077", "1", "2", "18 :01591a1", "F", "1", "18 :01591b1"),
			count("TXS", "2020R00077", "1", "2", "18 :01594c", "F", "2", "18 :01594c"),
			count("AZ", "2021R00500", "1", "1", "08 :01324a1Aii", "F", "1", "08 :01324a1Bi"),
			count("AZ", "2021R00500", "1", "1", "18 :01546a", "F", "2", ""),
			count("NYE", "2022R00310", "1", "1", "18 :02422b", "F", "1", "18 :02422b"),
			count("CAC", "2022R00900", "1", "1", "18 :02251a", "F", "1", "18 :02251e"),
			count("CAC", "2022R00900", "1", "1", "*", "*", "2", "*"),
			count("CAC", "2023R00001", "1", "1", "*", "*", "1", "*"),
			count("TXS", "2022R00450", "1", "1", "21 :00841a1", "F", "1", "21 :00841b1A"),
			count("NYE", "2022R00311", "1", "1", "18 :02252a", "F", "1", ""),
		}},
		{"DISK03", "gs_court_hist.txt", []vals{
			court("FLM", "2019R01234", "1", "MG", "19-MJ-01100", "15-MAR-2019", "NW", "10-APR-2019", "INDT"),
			court("FLM", "2019R01234", "2", "DC", "19-CR-00145", "10-APR-2019", "GT", "16-JAN-2020", "PLED"),
			court("TXS", "2020R00077", "1", "DC", "20-CR-00311", "18-FEB-2020", "GT", "11-MAY-2021", "JTRD"),
			court("AZ", "2021R00500", "1", "DC", "21-CR-00999", "01-JUL-2021", pick("", "DM"), pick("", "02-AUG-2023"), pick("", "GWOD")),
			court("NYE", "2022R00310", "1", "DC", "22-CR-00212", "24-FEB-2022", pick("", "NG"), pick("", "28-JUL-2023"), pick("", "JTRD")),
			court("CAC", "2022R00900", "1", "DC", "22-CR-00480", "12-MAY-2022", "", "", ""),
			court("CAC", "2023R00001", "1", "DC", "*", "*", "", "", ""),
			court("TXS", "2022R00450", "1", "DC", "22-CR-00977", "01-JUN-2022", "", "", ""),
			court("NYE", "2022R00311", "1", "DC", "22-CV-01000", "01-JUN-2022", "", "", ""),
		}},
		{"DISK04", "gs_sentence.txt", []vals{
			sentence("FLM", "2019R01234", "2", "16-JAN-2020", "", "97", "", "15"),
			sentence("TXS", "2020R00077", "3", "30-SEP-2021", "LIF", "", "", ""),
			sentence("CAC", "2022R00900", "2", "20-MAR-2023", "", "", "15", "10"),
		}},
		{"DISK09", "gs_participant_AZ.txt", []vals{
			part("AZ", "2021R00500", "1", "A", "IN", "HSCB", ""),
			part("AZ", "2021R00500", "2", "I", "D", "", "1"),
			part("AZ", "2021R00500", "3", "I", "D", "", "2"),
			part("AZ", "2021R00500", "4", "I", "WT", "", ""),
		}},
		{"DISK09", "gs_participant_CAC.txt", []vals{
			part("CAC", "2022R00900", "1", "A", "IN", "HSCE", ""),
			part("CAC", "2022R00900", "2", "I", "D", "", "1"),
			part("CAC", "2022R00900", "3", "I", "D*", "", "2"),
			part("CAC", "2022R00900", "4", "I", "VI", "", ""),
			part("CAC", "2023R00001", "1", "A", "IN", "HSCE", ""),
			part("CAC", "2023R00001", "2", "I", "D*", "", "1"),
		}},
		{"DISK09", "gs_participant_FLM.txt", []vals{
			part("FLM", "2019R01234", "1", "A", "IN", "HSCE", ""),
			part("FLM", "2019R01234", "2", "I", "D", "", "1"),
		}},
		{"DISK10", "gs_participant_NYE.txt", []vals{
			part("NYE", "2022R00310", "1", "A", "IN", "ZCAC", ""),
			part("NYE", "2022R00310", "2", "A", "IN", "PSUS", ""),
			part("NYE", "2022R00310", "3", "I", "D", "", "1"),
			part("NYE", "2022R00311", "1", "I", "D", "", "1"),
		}},
		{"DISK10", "gs_participant_TXS.txt", []vals{
			part("TXS", "2020R00077", "1", "A", "IN", "ZTAT", ""),
			part("TXS", "2020R00077", "2", "A", "IN", "JUFB", ""),
			part("TXS", "2020R00077", "3", "I", "D", "", "1"),
			part("TXS", "2022R00450", "1", "A", "IN", "JUDE", ""),
			part("TXS", "2022R00450", "2", "I", "D", "", "1"),
		}},
		{"DISK16", "gs_instrument.txt", []vals{
			inst("FLM", "2019R01234", "1", "1", "CO", "15-MAR-2019"),
			inst("FLM", "2019R01234", "2", "2", "IN", "10-APR-2019"),
			inst("TXS", "2020R00077", "1", "1", "IN", "18-FEB-2020"),
			inst("TXS", "2020R00077", "1", "2", "SN", "05-OCT-2020"),
			inst("AZ", "2021R00500", "1", "1", "IF", "01-JUL-2021"),
			inst("NYE", "2022R00310", "1", "1", "IN", "24-FEB-2022"),
			inst("CAC", "2022R00900", "1", "1", "IN", "12-MAY-2022"),
			inst("CAC", "2023R00001", "1", "1", "*", "*"),
			inst("TXS", "2022R00450", "1", "1", "IN", "01-JUN-2022"),
		}},
		{"DISK16", "gs_agent.txt", []vals{
			agent("TXS", "2020R00077", "2", "1", "Y"),
			agent("TXS", "2020R00077", "1", "2", "N"),
			agent("FLM", "2019R01234", "1", "1", "Y"),
		}},
		{"DISK17", "gs_part_court.txt", []vals{
			pcourt("FLM", "2019R01234", "2", "1", "NW", "INDT", "10-APR-2019", "15-MAR-2019"),
			pcourt("FLM", "2019R01234", "2", "2", "GT", "PLED", "16-JAN-2020", "10-APR-2019"),
			pcourt("TXS", "2020R00077", "3", "1", "GT", "JTRD", "11-MAY-2021", "18-FEB-2020"),
			pcourt("AZ", "2021R00500", "2", "1", pick("", "DM"), pick("", "GWOD"), pick("", "02-AUG-2023"), "01-JUL-2021"),
			pcourt("AZ", "2021R00500", "3", "1", "GT", "PLED", "15-DEC-2021", "01-JUL-2021"),
			pcourt("NYE", "2022R00310", "3", "1", pick("", "NG"), pick("", "JTRD"), pick("", "28-JUL-2023"), "24-FEB-2022"),
			pcourt("CAC", "2022R00900", "2", "1", "GT", "PLED", "09-DEC-2022", "12-MAY-2022"),
			pcourt("CAC", "2022R00900", "3", "1", "", "", "", "12-MAY-2022"),
			pcourt("CAC", "2023R00001", "2", "1", "", "", "", "02-JAN-2023"),
			pcourt("TXS", "2022R00450", "2", "1", "", "", "", "01-JUN-2022"),
		}},
		{"DISK19", "gs_part_count.txt", []vals{
			pcount("FLM", "2019R01234", "2", "2", "2", "18 :2252Aa2", "F", "1", "GT", "PLED", "16-JAN-2020"),
			pcount("FLM", "2019R01234", "2", "2", "2", "18 :2252Aa5B", "F", "2", "DM", "GWOD", "16-JAN-2020"),
			pcount("TXS", "2020R00077", "3", "1", "1", "18 :01591a1", "F", "1", "DM", "DFOC", "05-OCT-2020"),
			pcount("TXS", "2020R00077", "3", "1", "2", "18 :01591a1", "F", "1", "GT", "JTRD", "11-MAY-2021"),
			pcount("TXS", "2020R00077", "3", "1", "2", "18 :01594c", "F", "2", "GT", "JTRD", "11-MAY-2021"),
			pcount("AZ", "2021R00500", "2", "1", "1", "08 :01324a1Aii", "F", "1", pick("", "DM"), pick("", "GWOD"), pick("", "02-AUG-2023")),
			pcount("AZ", "2021R00500", "3", "1", "1", "18 :01546a", "F", "2", "GT", "PLED", "15-DEC-2021"),
			pcount("NYE", "2022R00310", "3", "1", "1", "18 :02422b", "F", "1", pick("", "NG"), pick("", "JTRD"), pick("", "28-JUL-2023")),
			pcount("CAC", "2022R00900", "2", "1", "1", "18 :02251a", "F", "1", "GT", "PLED", "09-DEC-2022"),
			pcount("CAC", "2022R00900", "3", "1", "1", "*", "*", "2", "", "", ""),
			pcount("CAC", "2023R00001", "2", "1", "1", "*", "*", "1", "", "", ""),
			pcount("TXS", "2022R00450", "2", "1", "1", "21 :00841a1", "F", "1", "", "", ""),
		}},
	}
	extra := map[string]map[string]string{
		"DISK23": {tag + "_nl_monthly_counts.log": "CONSTRUCTED log stub for tests; not EOUSA text\n"},
	}
	return files, extra
}
