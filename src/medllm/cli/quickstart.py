"""``medllm quickstart``: the smallest end-to-end job, on the embedded default model.

The whole loop (data, training, evaluation, knowledge base, report) is ``medllm run
recipes/quickstart.yaml`` (what ``make quickstart`` runs). This command is the minute-long check of the
foundation: fetch a registry dataset with checksum verification, read it into typed records,
and have the default model answer held-out patient questions next to the real doctor's answer.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import typer

from medllm.cli._common import console, fail, out

SYSTEM_PROMPT = (
    "You are a careful medical assistant. Answer the patient's question in a few sentences, say when "
    "they should see a doctor, and tell them to call emergency services for any emergency."
)


def quickstart(
    model: str = typer.Option("smollm2-135m-instruct", help="Built-in name, local folder, hub id or http(s) URL."),
    dataset: str = typer.Option("chatdoctor-5k", help="A registry dataset of conversations."),
    questions: int = typer.Option(3, min=1, help="How many held-out patient questions to answer."),
    max_new_tokens: int = typer.Option(96, min=1),
    seed: int = typer.Option(0),
    out_dir: Path = typer.Option(Path("runs/quickstart"), "--out", help="Where answers.jsonl is written."),
) -> None:
    """Run the smallest end-to-end job: registry data -> records -> default model answers."""
    from medllm.datasets import iter_records, resolve_files
    from medllm.io.issues import DataError, IssueLog
    from medllm.io.jsonl import write_jsonl
    from medllm.models import GenerationConfig, ModelError, load_model
    from medllm.records import Conversation

    console.print(
        "[bold]medllm quickstart[/] - the whole loop is `medllm run recipes/quickstart.yaml` (make quickstart); "
        "this runs the smallest end-to-end job available: registry dataset -> typed records -> model answers."
    )
    started = time.perf_counter()
    try:
        for path in resolve_files(dataset):
            console.print(f"  data: {path}")
        log = IssueLog()
        records = [r for r in iter_records(dataset, on_issue=log) if isinstance(r, Conversation)]
    except DataError as error:
        fail(str(error))
    console.print(f"  read {len(records)} conversations from {dataset}; {log.total} bad rows")
    if not records:
        fail(f"{dataset} holds no conversations")
    held_out = random.Random(seed).sample(records, min(questions, len(records)))

    try:
        chat_model = load_model(model)
    except ModelError as error:
        fail(str(error))
    config = GenerationConfig(max_new_tokens=max_new_tokens, temperature=0.0, seed=seed)
    results = []
    for number, record in enumerate(held_out, start=1):
        question = next(m.content for m in record.messages if m.role == "user")
        reference = next((m.content for m in record.messages if m.role == "assistant"), "")
        messages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": question}]
        try:
            (answer,) = chat_model.chat([messages], config)
        except ModelError as error:
            fail(str(error))
        out.rule(f"question {number} ({record.id})")
        out.print(f"[bold]patient:[/] {question}", highlight=False)
        out.print(f"[bold]{model}:[/] {answer.strip()}", highlight=False)
        out.print(f"[dim]doctor (reference): {reference}[/]", highlight=False)
        results.append(
            {
                "id": record.id,
                "question": question,
                "answer": answer,
                "reference": reference,
                "model": model,
                "dataset": dataset,
            }
        )
    path = out_dir / "answers.jsonl"
    write_jsonl(path, results)
    (out_dir / "run.json").write_text(
        json.dumps(
            {
                "model": model,
                "dataset": dataset,
                "questions": len(results),
                "seed": seed,
                "max_new_tokens": max_new_tokens,
                "seconds": round(time.perf_counter() - started, 1),
            },
            indent=2,
        )
        + "\n"
    )
    console.print(
        f"[green]done[/] in {time.perf_counter() - started:.0f} s; answers in {path}. "
        "Not medical advice: a 135M-parameter model is a demonstration, not a clinician."
    )
    console.print(
        "Next: [bold]medllm kb build chatdoctor-kb --out kb/chatdoctor[/] (about 2 min), then "
        "[bold]medllm chat --model smollm2-135m-instruct --kb kb/chatdoctor[/] to talk to the assistant "
        "(triage, follow-up questions, cited answers)."
    )
