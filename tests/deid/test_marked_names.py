"""Names and places found by form and place (marked names, name extent, the Chinese division gazetteer,
facilities), and the ordinary words they must leave alone."""

from __future__ import annotations

import pytest

from medllm.deid import Deidentifier


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    return Deidentifier()


def _out(deid: Deidentifier, text: str) -> str:
    return deid.deidentify_many([text], ["zh"])[0].text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("患者蓝天明，男，60岁，因胸痛入院", "蓝天明"),  # jieba cuts 蓝天/明: the cue reads characters
        ("姓名：陶国庆  性别：男", "陶国庆"),
        ("投保人钱秋月，身份证已核对", "钱秋月"),
        ("8床孙文，术后第二天", "孙文"),
        ("我弟曹振华下周复查", "曹振华"),
        ("婉婷，你妈的化验结果出来了", "婉婷"),
        ("明早八点医院门口见。——春花", "春花"),
        ("护士好像姓龚，说明天出结果", "龚"),
        ("翻译：买买提·艾力，电话已登记", "买买提·艾力"),
        ("发件人：Olivia Carter，关于复诊", "Olivia Carter"),
        ("宝宝叫豆豆，三个月大", "豆豆"),
        ("我在嘉兴上班，想挂个号", "嘉兴"),
        ("我们在杭州萧山，离医院远", "萧山"),
        ("坐标厦门思明区，求推荐", "思明区"),
        ("他住在翠苑小区3栋602，有事上门", "翠苑小区3栋602"),
        ("转入医院：温州医科大学附属第一医院", "温州医科大学附属第一医院"),
        ("她今年九十三了，腿肿", "九十三"),
    ],
)
def test_identifiers_found_by_their_form_go(deid: Deidentifier, text: str, gone: str) -> None:
    assert gone not in _out(deid, text)


@pytest.mark.parametrize(
    "text", ["Resident Mabel Ortiz, 96, found on the floor", "my nan (94) is on apixaban", "grandad who's 91 and fit"]
)
def test_a_bare_age_over_89_after_its_person_goes(deid: Deidentifier, text: str) -> None:
    result = deid.deidentify_many([text], ["en"])[0]
    assert "AGE" in result.counts, result.text


@pytest.mark.parametrize("text", ["Glucose (98) fasting", "Temp is 99 and falling", "HR 95, BP 120/80, Sats 92"])
def test_a_reading_is_not_an_age(deid: Deidentifier, text: str) -> None:
    assert "AGE" not in deid.deidentify_many([text], ["en"])[0].counts


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("左心室射血分数正常", "左心室"),
        ("注意康复训练，多喝白开水", "康复"),
        ("患者都会出现轻度乏力", "都会"),
        ("病人有明显的胸闷", "有明显"),
        ("建议到正规的三甲医院做检查", "三甲医院"),
        ("公安局开的证明和平安保险的单据", "平安"),
        ("服用哌拉西林他唑巴坦后好转", "哌拉西林"),
        ("住址河北省保定市竞秀区", "河北省"),  # a province may stay, like a US state
        ("Ferguson Smith型多发性自愈性鳞状上皮瘤", "Ferguson Smith"),
        ("乙肝大三阳怎么治疗", "大三阳"),
    ],
)
def test_ordinary_words_stay(deid: Deidentifier, text: str, kept: str) -> None:
    assert kept in _out(deid, text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Ordering: MALONEY, PATRICK MD  Phone on file", "PATRICK"),
        ("Pt Summer Okafor, DOB on file, bed 4", "Summer"),
        ("Attending: Dr. J. Whitcombe", "J."),
        ("Gregory, your CT is booked for Friday", "Gregory"),
        ("Results attached. -Martin", "Martin"),
        ("Caller: R-O-S-A-L-I-N-D, calling about her inhaler", "R-O-S-A-L-I-N-D"),
        ('Pt: Harold "Skip" Benning, 70M', "Skip"),
        ("my forum handle: lakeside_linda", "lakeside_linda"),
    ],
)
def test_english_names_by_their_place_and_form_go(deid: Deidentifier, text: str, gone: str) -> None:
    assert gone not in deid.deidentify_many([text], ["en"])[0].text


@pytest.mark.parametrize("text", ["Hope, faith and love matter.", "Thanks, -thanks", "May I ask about Lasix?"])
def test_english_words_that_are_names_stay_outside_those_frames(deid: Deidentifier, text: str) -> None:
    assert "[NAME]" not in deid.deidentify_many([text], ["en"])[0].text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Transferred to Bayview Cardiology for a Holter", "Bayview"),
        ("seen at Lakeshore General Hospital overnight", "Lakeshore"),
        ("the chemist on Wexford Rd is closing", "Wexford"),
        ("the clinic off Route 17 near the mall", "Route 17"),
        ("Deliver to 41 Marigold Trce, please", "Marigold"),
    ],
)
def test_facilities_and_unnumbered_streets_go(deid: Deidentifier, text: str, gone: str) -> None:
    assert gone not in deid.deidentify_many([text], ["en"])[0].text


@pytest.mark.parametrize(
    ("text", "kept"),
    [("Go to Urgent Care if it gets worse", "Urgent Care"), ("Call the Family Practice on Monday", "Family Practice")],
)
def test_generic_facility_names_stay(deid: Deidentifier, text: str, kept: str) -> None:
    assert kept in deid.deidentify_many([text], ["en"])[0].text


@pytest.mark.parametrize(
    ("text", "gone", "language"),
    [
        ("Next review Fri 21/06, bring your inhaler", "21/06", "en"),
        ("Adm 11/03 DC 11/09 with cellulitis", "11/09", "en"),
        ("she can be reached on 0161 496 0222 after six", "496", "en"),
        ("Health Plan: QRX 554 102 987 | DOB on file", "554", "en"),
        ("医保卡号：3301 0622 7781 45，请核对", "0622", "zh"),
        ("报销款打入 6217 0032 1804 7739 561", "1804", "zh"),
    ],
)
def test_dates_numbers_and_phones_in_other_layouts_go(deid: Deidentifier, text: str, gone: str, language: str) -> None:
    assert gone not in deid.deidentify_many([text], [language])[0].text


@pytest.mark.parametrize("text", ["power 5/5 in all limbs", "pain 7/10 since lunch", "take 1/2 tablet twice daily"])
def test_scores_and_fractions_are_not_dates(deid: Deidentifier, text: str) -> None:
    assert "[DATE]" not in deid.deidentify_many([text], ["en"])[0].text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("throwaway_acct_22 wrote:\nI have had this rash for a week", "throwaway_acct_22"),
        ("Sam_K: my son has croup too", "Sam_K"),
        ("HikerDan77: anyone tried this inhaler?", "HikerDan77"),
        ("pt: marisol quintero-vega, dob on file", "marisol quintero-vega"),
        ("res. winifred o'hara rm 4, PHQ-9 done", "winifred o'hara"),
    ],
)
def test_batch13_handles_and_labelled_lower_case_names(deid, text, value):
    assert value not in deid.deidentify(text, "en").text


@pytest.mark.parametrize(
    "text", ["SpO2: 94% on air", "Day14: rash settling", "pt will need a follow-up scan", "pt rose from the chair"]
)
def test_batch13_near_misses_stay(deid, text):
    assert not [r for r in deid.deidentify(text, "en").replacements if r.type == "NAME"]
