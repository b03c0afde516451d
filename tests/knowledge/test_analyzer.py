"""BM25 terms: English stemmed without stop words, Chinese segmented by jieba, mixed text per run."""

from __future__ import annotations

from medllm.knowledge.analyzer import analyze, has_cjk


def test_english_is_lowercased_stemmed_and_stopped() -> None:
    assert analyze("I have been RUNNING fevers and my Knees hurt") == ["run", "fever", "knee", "hurt"]


def test_repeats_are_kept_for_term_frequency() -> None:
    assert analyze("cough, cough and more coughing") == ["cough", "cough", "cough"]


def test_chinese_is_segmented_into_words() -> None:
    terms = analyze("我最近头痛，还有发烧和咳嗽。")
    assert {"头痛", "发烧", "咳嗽"} <= set(terms)
    assert "，" not in terms and "和" not in terms  # punctuation and stop words dropped


def test_mixed_text_analyses_each_run() -> None:
    terms = analyze("我有fever和头痛 since Monday")
    assert "fever" in terms and "头痛" in terms and "monday" in terms


def test_nothing_to_index() -> None:
    assert analyze("") == []
    assert analyze("the and of, !!") == []
    assert has_cjk("头") and not has_cjk("fever")
