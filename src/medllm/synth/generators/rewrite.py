"""``rewrite``: real doctor replies rewritten into the assistant's style, every medical fact kept (DISC-MedLLM).

Each assistant turn is rewritten in its own request, with the patient's preceding turn as context.
The rewrite is rejected when its facts differ from the original's (:mod:`medllm.synth.facts`: drugs,
doses, tests, diagnoses): ``fact_dropped`` when one is missing, ``fact_added`` when one is new. A
conversation is kept only when all its turns pass; the original replies stay in metadata.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from medllm.formats.conversations import RowReader
from medllm.io.issues import OnIssue
from medllm.records.types import Conversation, Record
from medllm.synth.facts import compare_facts
from medllm.synth.generators.base import MapGenerator, SynthContext
from medllm.synth.types import Dropped, Kept, Outcome, TeacherResponse


class Rewrite(MapGenerator):
    name = "rewrite"
    input_types = (Conversation,)
    default_input = "chatdoctor-5k"
    params: ClassVar[dict[str, Any]] = {"temperature": 0.3}

    def read_file(self, path: Path, on_issue: OnIssue) -> Iterator[Record]:
        return iter(RowReader(path, on_issue=on_issue))

    async def process(self, item: Record, ctx: SynthContext) -> list[Outcome]:
        assert isinstance(item, Conversation)
        template = ctx.templates.get("rewrite_reply")
        turns = [i for i, m in enumerate(item.messages) if m.role == "assistant"]
        if not turns:
            return [Dropped("no_reply", "the conversation has no assistant turn to rewrite", item.id)]
        samplings = {i: ctx.sampling_for(item.id, i, temperature=self.settings["temperature"]) for i in turns}

        async def rewrite(i: int) -> TeacherResponse:
            question = item.messages[i - 1].content if i > 0 and item.messages[i - 1].role == "user" else ""
            return await ctx.ask(template, samplings[i], reply=item.messages[i].content, question=question)

        responses = await asyncio.gather(*(rewrite(i) for i in turns))
        messages = [m.model_dump() for m in item.messages]
        for i, response in zip(turns, responses, strict=True):
            if response.truncated:
                return [Dropped("truncated", f"turn {i}: the reply was cut at max_tokens", item.id)]
            text = response.text.strip()
            if not text:
                return [Dropped("empty_reply", f"turn {i}: the teacher returned nothing", item.id)]
            dropped, added = compare_facts(item.messages[i].content, text)
            if dropped or added:
                reason = "fact_dropped" if dropped else "fact_added"
                detail = f"turn {i}: dropped {json.dumps(dropped)} added {json.dumps(added)}"
                return [Dropped(reason, detail, item.id, {"turn": i, "dropped": dropped, "added": added})]
            messages[i]["content"] = text
        provenance = ctx.provenance([template], samplings[turns[0]], item.id, turns=turns)
        provenance["original_replies"] = {str(i): item.messages[i].content for i in turns}
        record = Conversation(
            id=f"{self.name}-{item.id}",
            source=f"synth/{self.name}",
            language=item.language,
            license=item.license,
            messages=messages,
            metadata={"synth": provenance},
        )
        return [Kept(record)]
