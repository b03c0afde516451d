"""``self-instruct``: AlpaCare's method, seed tasks to new instructions to answered instructions.

1. Tasks. Prompt ``i`` shows ``seeds_per_prompt`` seed tasks sampled with ``Random(f"{seed}:{i}")``
   and asks the teacher to continue the list. Prompts go out in rounds of ``round_size`` (fixed, so
   the result does not depend on ``--concurrency``); replies are parsed in prompt order with a parser
   that never lets one task run into the next (:func:`medllm.synth.parsing.parse_tasks`).
2. De-duplication. Each parsed instruction is compared with the pool (the seeds and every instruction
   kept before it) by ROUGE-L; above ``rouge_threshold`` it is dropped (``near_duplicate``), else it
   joins the pool. Only the newer member of a pair is ever dropped.
3. Answers. Each kept instruction (and its input) is answered in its own request.

``--limit N`` is the number of new instructions (default ``num_instructions``). Rounds stop once N
are kept, or after ``max_prompts`` prompts (default 2N + one round) if the teacher keeps repeating itself.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any, ClassVar

from medllm.formats._rows import prompt_text
from medllm.formats.alpacare import read_alpacare_seed
from medllm.io.issues import OnIssue
from medllm.records.types import Conversation, Record
from medllm.synth.generators.base import Generator, SynthContext, ordered_map
from medllm.synth.parsing import ParsedTask, parse_tasks
from medllm.synth.rouge import RougePool
from medllm.synth.templates import PromptTemplate
from medllm.synth.types import Dropped, Kept, Outcome, TeacherFailed, TeacherResponse

_FIELDS = ("type", "topic", "view", "difficulty", "instruction", "input")


def seed_task(record: Record) -> dict[str, Any]:
    """A seed's task fields: AlpaCare's metadata when present, else the user turn as the instruction."""
    assert isinstance(record, Conversation)
    meta = record.metadata
    task = {key: meta.get(key) for key in _FIELDS}
    if not task["instruction"]:
        task["instruction"] = next(m.content for m in record.messages if m.role == "user")
    task["id"] = record.id
    return task


class SelfInstruct(Generator):
    name = "self-instruct"
    input_types = (Conversation,)
    default_input = "alpacare-seed"
    params: ClassVar[dict[str, Any]] = {
        "num_instructions": 100,
        "seeds_per_prompt": 3,
        "tasks_per_prompt": 10,
        "round_size": 16,
        "max_prompts": 0,
        "rouge_threshold": 0.7,
        "task_temperature": 1.0,
        "task_max_tokens": 2048,
    }

    def read_file(self, path: Path, on_issue: OnIssue) -> Iterator[Record]:
        return read_alpacare_seed(path, on_issue=on_issue)

    async def generate(self, items: list[Record], ctx: SynthContext) -> AsyncIterator[Outcome]:
        settings = self.settings
        seeds = [seed_task(r) for r in items]
        k = settings["seeds_per_prompt"]
        if len(seeds) < k:
            yield Dropped("too_few_seeds", f"{len(seeds)} valid seed tasks; {k} are sampled per prompt")
            return
        target = ctx.limit if ctx.limit is not None else settings["num_instructions"]
        max_prompts = settings["max_prompts"] or 2 * target + settings["round_size"]
        pool = RougePool(settings["rouge_threshold"])
        for seed in seeds:
            pool.add(seed["instruction"])
        template = ctx.templates.get("self_instruct_tasks")
        kept: list[tuple[ParsedTask, dict[str, Any]]] = []
        ctx.progress.phase("tasks", target)
        next_prompt = 0
        while len(kept) < target and next_prompt < max_prompts:
            batch = range(next_prompt, min(next_prompt + settings["round_size"], max_prompts))
            next_prompt = batch.stop
            replies = await asyncio.gather(*(self._ask_tasks(i, seeds, template, ctx) for i in batch))
            for i, (reply, sampled, sampling) in zip(batch, replies, strict=True):
                if isinstance(reply, TeacherFailed):
                    yield Dropped("teacher_failed", str(reply), f"prompt-{i}")
                    continue
                tasks, rejected = parse_tasks(reply.text, truncated=reply.truncated)
                for reason, block in rejected:
                    yield Dropped(reason, block[:200], f"prompt-{i}")
                for position, task in enumerate(tasks):
                    if len(kept) >= target:
                        break  # surplus tasks of the last round are left for a rerun with a larger --limit
                    decision = pool.add(task.instruction)
                    if not decision.kept:
                        similar = self._pool_text(decision.match, seeds, kept)
                        detail = f"ROUGE-L {decision.score:.3f} with {similar!r}"
                        yield Dropped("near_duplicate", detail, f"prompt-{i}", {"instruction": task.instruction})
                        continue
                    provenance = {"prompt": i, "position": position, "seed_ids": sampled, "task_sampling": sampling}
                    kept.append((task, provenance))
                    ctx.progress.advance()
        if len(kept) < target:
            yield Dropped("short_of_target", f"kept {len(kept)} of {target} instructions after {next_prompt} prompts")
        license = items[0].license
        async for outcome in self._answer(kept, template, license, ctx):
            yield outcome

    async def _ask_tasks(
        self, i: int, seeds: list[dict[str, Any]], template: PromptTemplate, ctx: SynthContext
    ) -> tuple[TeacherResponse | TeacherFailed, list[str], dict[str, Any]]:
        rng = random.Random(f"{ctx.seed}:{i}")
        sampled = rng.sample(seeds, self.settings["seeds_per_prompt"])
        sampling = ctx.sampling_for(
            "tasks", i, temperature=self.settings["task_temperature"], max_tokens=self.settings["task_max_tokens"]
        )
        try:
            reply: TeacherResponse | TeacherFailed = await ctx.ask(
                template, sampling, seeds=sampled, total_tasks=self.settings["tasks_per_prompt"]
            )
        except TeacherFailed as error:
            reply = error
        return reply, [s["id"] for s in sampled], sampling.to_dict()

    @staticmethod
    def _pool_text(member: int | None, seeds: list[dict[str, Any]], kept: list[tuple[ParsedTask, Any]]) -> str:
        if member is None:
            return ""
        return seeds[member]["instruction"] if member < len(seeds) else kept[member - len(seeds)][0].instruction

    async def _answer(
        self,
        kept: list[tuple[ParsedTask, dict[str, Any]]],
        task_template: PromptTemplate,
        license: str | None,
        ctx: SynthContext,
    ) -> AsyncIterator[Outcome]:
        template = ctx.templates.get("self_instruct_answer")
        ctx.progress.phase("answers", len(kept))

        async def answer(entry: tuple[int, tuple[ParsedTask, dict[str, Any]]]) -> Outcome:
            number, (task, provenance) = entry
            source_id = f"prompt-{provenance['prompt']}-{provenance['position']}"
            sampling = ctx.sampling_for("answer", task.instruction, task.input)
            try:
                reply = await ctx.ask(template, sampling, instruction=task.instruction, input=task.input)
            except TeacherFailed as error:
                return Dropped("teacher_failed", str(error), source_id)
            finally:
                ctx.progress.advance()
            if reply.truncated:
                return Dropped("truncated", "the answer was cut at max_tokens", source_id)
            if not reply.text.strip():
                return Dropped("empty_reply", "the teacher returned nothing", source_id)
            synth = ctx.provenance([task_template, template], sampling, source_id, **provenance)
            return Kept(
                Conversation(
                    id=f"{self.name}-{ctx.seed}-{number}",
                    source=f"synth/{self.name}",
                    language="en",
                    license=license,  # derived data keeps the seeds' licence
                    messages=[
                        {"role": "user", "content": prompt_text(task.instruction, task.input)},
                        {"role": "assistant", "content": reply.text.strip()},
                    ],
                    metadata={
                        "synth": synth,
                        "task": {key: getattr(task, key) for key in _FIELDS},
                    },
                )
            )

        async for outcome in ordered_map(enumerate(kept), answer, ctx.window):
            yield outcome
