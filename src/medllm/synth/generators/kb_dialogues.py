"""``kb-dialogues``: knowledge-base entries to multi-turn patient-doctor dialogues (ChatDoctor's 5k method).

A dialogue is kept only when it passes a consistency check against its entry: it alternates patient
and doctor with at least ``min_exchanges`` each; the patient's opening does not name the disease; the
doctor names the disease, at least ``min_tests`` of the entry's tests and ``min_medications`` of its
medications; and no entry fact is named right after a negation ("you do not need an ECG").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from medllm.formats.kb import read_chatdoctor_kb
from medllm.io.issues import OnIssue
from medllm.records.types import Conversation, KBEntry, Record
from medllm.synth.facts import mentions, negated
from medllm.synth.generators.base import MapGenerator, SynthContext
from medllm.synth.inputs import read_native
from medllm.synth.parsing import parse_dialogue
from medllm.synth.types import Dropped, Kept, Outcome


def check_dialogue(turns: list[tuple[str, str]], entry: KBEntry, settings: dict[str, Any]) -> tuple[str, str] | None:
    """The first failed check as ``(reason, detail)``, or None when the dialogue is consistent with ``entry``."""
    patient = [text for speaker, text in turns if speaker == "patient"]
    doctor = "\n".join(text for speaker, text in turns if speaker == "doctor")
    if not turns or turns[0][0] != "patient":
        return "bad_format", "the dialogue must open with a Patient: turn"
    if min(len(patient), len(turns) - len(patient)) < settings["min_exchanges"]:
        return "too_short", f"{len(turns)} turns; at least {settings['min_exchanges']} from each speaker needed"
    if mentions(patient[0], entry.name):
        return "patient_names_diagnosis", f"the patient's opening names {entry.name!r}"
    if not mentions(doctor, entry.name):
        return "omits_diagnosis", f"the doctor never names {entry.name!r}"
    for kind, facts, minimum in (
        ("tests", entry.tests, settings["min_tests"]),
        ("medications", entry.medications, settings["min_medications"]),
    ):
        named = [fact for fact in facts if mentions(doctor, fact)]
        if len(named) < min(minimum, len(facts)):
            return f"omits_{kind}", f"the doctor names {len(named)} of the entry's {kind}; {minimum} needed"
    for fact in [entry.name, *entry.tests, *entry.medications]:
        if negated(doctor, fact):
            return "contradicts_entry", f"the doctor negates {fact!r}"
    return None


class KBDialogues(MapGenerator):
    name = "kb-dialogues"
    input_types = (KBEntry,)
    default_input = "chatdoctor-kb"
    params: ClassVar[dict[str, Any]] = {"exchanges": 3, "min_exchanges": 2, "min_tests": 1, "min_medications": 1}

    def read_file(self, path: Path, on_issue: OnIssue) -> Iterator[Record]:
        if path.suffix.lower() == ".csv":
            return read_chatdoctor_kb(path, on_issue=on_issue)
        return read_native(path, on_issue)

    async def process(self, item: Record, ctx: SynthContext) -> list[Outcome]:
        assert isinstance(item, KBEntry)
        template = ctx.templates.get("kb_dialogue")
        sampling = ctx.sampling_for(item.id)
        response = await ctx.ask(template, sampling, entry=item, exchanges=self.settings["exchanges"])
        if response.truncated:
            return [Dropped("truncated", "the reply was cut at max_tokens", item.id)]
        turns = parse_dialogue(response.text)
        if turns and turns[-1][0] == "patient":
            turns = turns[:-1]  # a dialogue ends on the doctor's word
        failed = check_dialogue(turns, item, self.settings)
        if failed is not None:
            return [Dropped(failed[0], failed[1], item.id)]
        messages = [{"role": "user" if s == "patient" else "assistant", "content": text} for s, text in turns]
        record = Conversation(
            id=f"{self.name}-{item.id}",
            source=f"synth/{self.name}",
            language=item.language or "en",
            license=item.license,
            messages=messages,
            metadata={"synth": ctx.provenance([template], sampling, item.id, kb_entry=item.name)},
        )
        return [Kept(record)]
