"""Rules added after blind batch 14 (Chinese): a nickname with the full name in brackets, and address numbers in
Traditional characters, lanes, doors and building-unit-room runs. Values are invented; both ways."""

from __future__ import annotations

import pytest

pytest.importorskip("presidio_analyzer")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("12床　小温（温建国）夜间烦躁", ("小温", "温建国")),
        ("签约居民周伯（周德明，81岁）血压偏高", ("周伯", "周德明")),
        ("3床　赵大爷（赵长贵）　鼻饲", ("赵大爷", "赵长贵")),
        ("我家儿子豆豆（林子墨），4岁", ("豆豆", "林子墨")),
        ("患者钱老二（本名钱有田）在地里摔伤", ("钱老二", "钱有田")),
        ("我妈妈（孙桂芝）今年70岁", ("孙桂芝",)),
        ("地址：台中市西區公益路二段51巷18號5樓", ("51巷18號5樓",)),
        ("住址：昆明市五华区翠湖小区7-2-301", ("7-2-301",)),
        ("家住合肥市蜀山区和平路66号5栋3门", ("5栋3门",)),
    ],
)
def test_chinese_batch14_categories_are_removed(deid, text, values):
    result = deid.deidentify(text, "zh")
    for value in values:
        assert value not in result.text, result.text


@pytest.mark.parametrize(
    "text",
    [
        "诊断：高血压（白细胞正常）",
        "血常规（白细胞12）",
        "哈哈（王者荣耀）太好玩了",
        "天天（周末除外）吃药",
        "每天3次，每次2片",
    ],
)
def test_chinese_batch14_near_misses_stay(deid, text):
    assert deid.deidentify(text, "zh").text == text
