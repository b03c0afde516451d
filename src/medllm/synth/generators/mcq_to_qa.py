"""``mcq-to-qa``: exam questions with explanations to natural questions with explained answers (DISC-MedLLM).

The reply must hold ``Question:`` and ``Answer:`` sections, and the answer must state the correct
option's text; otherwise the item is dropped (``unparseable``, ``answer_mismatch``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from medllm.formats.chinese_exam import read_mcq
from medllm.io.issues import OnIssue
from medllm.records.types import Conversation, MCQItem, Record
from medllm.synth.facts import normalise
from medllm.synth.generators.base import MapGenerator, SynthContext
from medllm.synth.parsing import parse_sections
from medllm.synth.types import Dropped, Kept, Outcome


class MCQToQA(MapGenerator):
    name = "mcq-to-qa"
    input_types = (MCQItem,)
    default_input = "medmcqa-dev"

    def read_file(self, path: Path, on_issue: OnIssue) -> Iterator[Record]:
        return read_mcq(path, on_issue=on_issue)

    async def process(self, item: Record, ctx: SynthContext) -> list[Outcome]:
        assert isinstance(item, MCQItem)
        template = ctx.templates.get("mcq_to_qa")
        sampling = ctx.sampling_for(item.id)
        answer_text = "; ".join(item.options[letter] for letter in item.answer)
        response = await ctx.ask(
            template,
            sampling,
            question=item.question,
            options=item.options,
            answer_text=answer_text,
            explanation=item.explanation,
        )
        if response.truncated:
            return [Dropped("truncated", "the reply was cut at max_tokens", item.id)]
        sections = parse_sections(response.text, ("question", "answer"))
        if "question" not in sections or "answer" not in sections:
            return [Dropped("unparseable", "the reply lacks a Question: or an Answer: section", item.id)]
        answer = normalise(sections["answer"])
        missing = [item.options[x] for x in item.answer if normalise(item.options[x]) not in answer]
        if missing:
            return [Dropped("answer_mismatch", f"the answer does not state {missing[0]!r}", item.id)]
        record = Conversation(
            id=f"{self.name}-{item.id}",
            source=f"synth/{self.name}",
            language=item.language or "en",
            license=item.license,
            messages=[
                {"role": "user", "content": sections["question"]},
                {"role": "assistant", "content": sections["answer"]},
            ],
            metadata={"synth": ctx.provenance([template], sampling, item.id, answer=item.answer, subject=item.subject)},
        )
        return [Kept(record)]
