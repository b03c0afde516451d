"""ChatDoctor's keyword-count retrieval, on a hand-made table small enough to rank by hand."""

from __future__ import annotations

from medllm.knowledge.chatdoctor_baseline import (
    ChatDoctorRanker,
    chatdoctor_chunks,
    keyword_score,
    message_keywords,
    rank_chunks,
    render,
)

ROWS = [
    {"idx": 0, "disease": "Flu", "Symptom": "['Fever', 'Cough']"},
    {"idx": 1, "disease": "Cold", "Symptom": "['Cough', 'Sneezing']"},
    {"idx": 2, "disease": "Migraine", "Symptom": "['Headache']"},
    {"idx": 3, "disease": "Asthma", "Symptom": "['Wheezing', 'Cough']"},
    {"idx": 4, "disease": "Gout", "Symptom": "['Joint pain']"},
    {"idx": 5, "disease": "Acne", "Symptom": "['Pimples']"},
    {"idx": 6, "disease": "Measles", "Symptom": "['Fever', 'Rash', 'Cough']"},
    {"idx": 7, "disease": "Hives", "Symptom": "['Rash']"},
]


def test_render_matches_csv_reader() -> None:
    # str(list of dicts), "}, {" -> blank line, brackets and double quotes removed: exactly csv_reader.py.
    assert render(ROWS[:2]) == (
        "{'idx': 0, 'disease': 'Flu', 'Symptom': 'Fever', 'Cough'\n\n"
        "'idx': 1, 'disease': 'Cold', 'Symptom': 'Cough', 'Sneezing'}"
    )
    chunks = chatdoctor_chunks(ROWS)
    assert len(chunks) == 2 and "Measles" in chunks[1] and "Hives" in chunks[1] and "Gout" in chunks[0]


def test_keyword_score_is_case_insensitive_substring_count() -> None:
    assert keyword_score("Fever, COUGH", ["fever", "cough", "rash"]) == 2
    assert keyword_score("Coughing", ["cough"]) == 1  # substrings count, as in ChatDoctor
    assert keyword_score("Fever fever", ["fever"]) == 1  # one point per keyword, not per occurrence


def test_chunk_order_and_tie_break_follow_sorted_zip_reverse() -> None:
    chunks = ["b rash", "a rash", "c none"]
    assert rank_chunks(chunks, ["rash"]) == [0, 1, 2]  # equal scores: the text that sorts last first
    assert rank_chunks(chunks, ["none"]) == [2, 0, 1]
    expected = [i for _, i in sorted(zip([1, 1, 0], chunks, strict=True), reverse=True)]
    assert [chunks[i] for i in rank_chunks(chunks, ["rash"])] == expected


def test_rows_expand_from_ranked_chunks_best_row_first() -> None:
    ranker = ChatDoctorRanker(ROWS)
    # "fever", "rash": chunk 1 (Measles: both, Hives: rash) scores 2, chunk 0 (Flu: fever) scores 1.
    order = ranker.rank_rows(["fever", "rash"])
    assert [ROWS[i]["disease"] for i in order] == [
        "Measles",
        "Hives",
        "Flu",
        "Cold",
        "Migraine",
        "Asthma",
        "Gout",
        "Acne",
    ]
    # "cough": both chunks score 1; chunk 1's text sorts after chunk 0's ("{'idx': 6" > "{'idx': 0").
    assert [ROWS[i]["disease"] for i in ranker.rank_rows(["cough"])][:4] == ["Measles", "Hives", "Flu", "Cold"]


def test_message_keywords_use_the_tables_phrases() -> None:
    vocabulary = ["Cough", "Sharp chest pain", "Chest pain", "Fever"]
    assert message_keywords("I have sharp chest pain and a FEVER.", vocabulary) == ["sharp chest pain", "fever"]
    assert message_keywords("Feeling dizzy today", vocabulary) == ["feeling", "dizzy", "today"]
