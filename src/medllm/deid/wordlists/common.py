"""Words that are never names or places on their own, and the helpers the word lists are written with.

Greetings, titles, calendar words, pronouns at a sentence start, sign-offs, units and note
headings. (spaCy's English stop words are added to these in :mod:`medllm.deid.wordlists.english`.)
"""

from __future__ import annotations

import re


def tokens(text: str) -> list[str]:
    """Whitespace-separated entries of a list written as text."""
    return text.split()


def words(text: str) -> frozenset[str]:
    """Lower-cased entries of a comma/newline separated list."""
    return frozenset(w.strip().lower() for w in re.split(r"[,\n]", text) if w.strip())


COMMON_CAPITALISED = words("""
hi, hello, hey, dear, thanks, thank, regards, sincerely, cheers, best, please, kindly, sir, madam,
maam, ma'am, doctor, doc, dr, mr, mrs, ms, mx, miss, prof, professor, nurse, patient, pt, mom, mum,
dad, mother, father, god, lord, jesus, ok, okay, yes, yeah, no, hmm, oh, ah, wow, sorry,
monday, tuesday, wednesday, thursday, friday, saturday, sunday, today, tomorrow, yesterday,
january, february, march, april, june, july, august, september, october, november, december,
jan, feb, mar, apr, jun, jul, aug, sep, sept, oct, nov, dec, am, pm, a.m., p.m., chat, chatdoctor,
english, spanish, french, american, african, asian, european, indian, hispanic, latino, caucasian,
black, white, christian, muslim, jewish, hindu, buddhist, covid, corona, coronavirus, omicron,
google, internet, youtube, facebook, whatsapp, email, phone, fax, tel, cell, mobile, hospital, clinic,
university, college, school, medicare, medicaid, insurance, pharmacy, walgreens, cvs, walmart,
amazon, ibm, mrn, dob, ssn, npi, dea, vin, udi, id, no, num, number, address, street, name, age,
sex, male, female, gender, man, woman, boy, girl, baby, infant, child, son, daughter, wife, husband,
brother, sister, friend, mg, ml, kg, lb, lbs, cm, mm, bp, hr, rr, spo2, temp, wt, ht, bmi, hpi, ros,
pmh, psh, fh, sh, cc, hx, dx, tx, rx, sx, fx, abd, heent, neuro, psych, ext, gen, resp, cv, gi, gu,
msk, subjective, objective, assessment, plan, signed, dictated, note, notes, summary, admission,
admitted, discharged, follow-up, return, instructions, allergies, nkda, pcp, ed, or, icu, nicu, pacu,
morning, evening, night, afternoon, week, weeks, month, months, year, years, day, days, spring,
summer, fall, autumn, winter, christmas, easter, thanksgiving, ramadan, diwali, new, old, north,
south, east, west, northern, southern, eastern, western, central, upper, lower, left, right,
provider, prescriber, requisition, reconciliation, referral, postop, preop, post-op, pre-op, surgeon,
attending, resident, consultant, member, subscriber, guarantor, billing, statement, claim, account
""")
