"""Chinese de-identification: the issue's example, every class, the resident ID check digit, medical terms kept."""

from __future__ import annotations

import pytest

pytest.importorskip("presidio_analyzer")
pytest.importorskip("jieba")

from medllm.deid import Deidentifier
from medllm.deid.zh.identifiers import resident_id_valid


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    return Deidentifier()


def test_the_issue_example_loses_every_identifier_and_keeps_the_clinical_content(deid):
    text = (
        "患者张伟，男，45岁，电话13812345678，身份证号110101198001011234，"
        "住址北京市朝阳区建国路88号，于2021年3月4日入院。"
    )
    result = deid.deidentify(text)  # no tag: detected as Chinese
    assert result.text == "患者[NAME]，男，45岁，电话[PHONE]，身份证号[NATIONAL_ID]，住址[LOCATION]，于[DATE]入院。"
    assert sorted(result.counts) == ["DATE", "LOCATION", "NAME", "NATIONAL_ID", "PHONE"]
    assert result.languages == {"zh": len(text)} and result.unsupported == ()
    assert {r.language for r in result.replacements} == {"zh"}


CASES = [
    ("NAME", "我老公王建国最近血压高。", "王建国"),
    ("NAME", "张先生和黄女士都来复诊了。", "黄"),
    ("NAME", "主治医师：陶建军", "陶建军"),
    ("NAME", "我女儿欧阳娜娜发烧三天了。", "欧阳娜娜"),
    ("NAME", "薛红霞最近血压一直偏高。", "薛红霞"),
    ("LOCATION", "我叫刘秀英，住在杭州市西湖区文三路259号3单元502室。", "文三路"),
    ("LOCATION", "我在杭州上班，最近头疼。", "杭州"),
    ("LOCATION", "邮编：310012", "310012"),
    ("PHONE", "座机010-87654321，白天能打通。", "87654321"),
    ("PHONE", "手机 138 1234 5678", "1234"),
    ("FAX", "传真：0571-88776655", "88776655"),
    ("DATE", "2021-03-04复查，3月4号出院，二〇二一年三月四日签字。", "3月4号"),
    ("AGE", "我奶奶今年95岁了，爷爷九十二岁。", "95"),
    ("NATIONAL_ID", "证件号110101198001011234", "110101198001011234"),
    ("MRN", "病历号：28810182", "28810182"),
    ("HEALTH_PLAN_ID", "医保卡号：E42184315", "E42184315"),
    ("ACCOUNT", "银行卡号：6222020200112233445", "6222020200112233445"),
    ("VEHICLE_ID", "车牌京A12345停在门口。", "京A12345"),
    ("EMAIL", "邮箱nana@qq.com，谢谢。", "nana@qq.com"),
    ("URL", "网站https://www.example.cn/a，请看。", "example.cn"),
]


@pytest.mark.parametrize(("kind", "text", "secret"), CASES, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(CASES)])
def test_each_class(deid, kind, text, secret):
    result = deid.deidentify(text, "zh")
    assert f"[{kind}]" in result.text, result
    assert secret not in result.text, result


def test_resident_id_check_digit():
    assert resident_id_valid("110101198001011234") is False or resident_id_valid("11010119800101123X") is False
    assert resident_id_valid("11010519491231002X")  # the check digit example of GB 11643-1999
    assert not resident_id_valid("110105194912310021")


def test_an_unlabelled_18_digit_number_needs_its_check_digit(deid):
    assert "[NATIONAL_ID]" in deid.deidentify_text("号码11010519491231002X", "zh")
    assert deid.deidentify_text("结果110105194912310021", "zh") == "结果110105194912310021"
    # After a number label it is still some labelled number, but not a resident ID.
    assert "[NATIONAL_ID]" not in deid.deidentify_text("编号110105194912310021", "zh")


def test_medical_content_and_large_places_are_kept(deid):
    text = (
        "患者有高血压、糖尿病和白血病史，服用华法林、阿托伐他汀、连花清瘟胶囊，查血常规、胸部CT。"
        "向医生咨询一下，谢谢医生。籍贯广东省，在中国治疗。45岁，2019年起病。"
    )
    assert deid.deidentify_text(text, "zh") == text


def test_a_name_found_once_is_removed_everywhere(deid):
    result = deid.deidentify("患者张伟，男。张伟自述头痛三天。", "zh")
    assert "张伟" not in result.text


def test_mixed_text_is_read_span_by_span(deid):
    result = deid.deidentify("My doctor Dr. Chidi Okonkwo said 张伟的电话是13812345678。", "en")
    assert result.text == "My doctor Dr. [NAME] said [NAME]的电话是[PHONE]。"
    assert set(result.languages) == {"en", "zh"}
