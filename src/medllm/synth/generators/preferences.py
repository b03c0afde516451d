"""``preferences``: N sampled answers per prompt, scored, to chosen/rejected pairs (or the best answer).

For each input conversation the prompt is every turn up to its last patient turn; an assistant turn
after it is the reference (shown to the judge when ``use_reference``). The teacher samples
``samples`` answers, each with its own seed. They are scored by one of:

- ``scorer=judge`` (default): the teacher grades each answer alone against a versioned rubric
  template (``rubric``, default ``preferences_judge``) and ends its verdict with ``Score: N`` (1-10).
  A verdict without a readable score is reported as ``unparseable_verdict`` (with the verdict) and
  that answer is left out of the ranking; it is never scored 0.
- ``scorer=reward-model``: a sequence-classification reward model exported by ``medllm train``
  (``reward_model=FOLDER``), run on this machine.

``output=pairs`` (default) writes a :class:`PreferencePair` of the best and the worst scored answers
(behaviour-preference data for DPO, ORPO, KTO or a reward stage); ``output=best`` writes the best
answer as a :class:`Conversation` (rejection-sampling data for SFT, as in ChiMed-GPT). A pair is kept
only when the scores differ by at least ``min_margin`` (default: one rubric point, or any difference
for a reward model) and the best score reaches ``min_score`` (default: no floor).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from medllm.formats.conversations import RowReader
from medllm.io.issues import OnIssue
from medllm.records.types import Conversation, PreferencePair, Record
from medllm.synth.generators.base import MapGenerator, SynthContext
from medllm.synth.scoring import RewardModelScorer, parse_verdict
from medllm.synth.templates import has_marker
from medllm.synth.types import Dropped, Kept, Message, Outcome, SynthError, TeacherResponse

SCORERS = ("judge", "reward-model")
OUTPUTS = ("pairs", "best")
#: One rubric point: a judge's 7 against 6 is a preference; 7 against 7 is not.
JUDGE_MARGIN = 1.0


def split_prompt(item: Conversation) -> tuple[list[Message], str | None]:
    """The prompt (every turn up to the last user turn) and the reply that follows it, if any."""
    messages = [{"role": m.role, "content": m.content} for m in item.messages]
    last_user = max((i for i, m in enumerate(messages) if m["role"] == "user"), default=None)
    if last_user is None:
        return [], None
    after = messages[last_user + 1 : last_user + 2]
    reference = after[0]["content"] if after and after[0]["role"] == "assistant" else None
    return messages[: last_user + 1], reference


def _optional_float(generator: str, key: str, value: str) -> float | None:
    if value.strip() in ("", "auto", "none"):
        return None
    try:
        return float(value)
    except ValueError:
        raise SynthError(f"{generator}: --param {key}={value!r} is not a number") from None


class Preferences(MapGenerator):
    name = "preferences"
    input_types = (Conversation,)
    default_input = "chatdoctor-5k"
    params: ClassVar[dict[str, Any]] = {
        "samples": 4,
        "scorer": "judge",
        "reward_model": "",
        "rubric": "preferences_judge",
        "output": "pairs",
        "use_reference": True,
        "sample_temperature": 1.0,
        "judge_temperature": 0.0,
        "judge_max_tokens": 256,
        "min_margin": "auto",
        "min_score": "none",
    }

    def __init__(self, params: dict[str, str] | None = None) -> None:
        super().__init__(params)
        settings = self.settings
        if settings["scorer"] not in SCORERS:
            raise SynthError(f"{self.name}: scorer must be one of {', '.join(SCORERS)}, got {settings['scorer']!r}")
        if settings["output"] not in OUTPUTS:
            raise SynthError(f"{self.name}: output must be one of {', '.join(OUTPUTS)}, got {settings['output']!r}")
        if settings["samples"] < 2:
            raise SynthError(f"{self.name}: samples must be at least 2 to compare answers")
        if settings["scorer"] == "reward-model" and not settings["reward_model"]:
            raise SynthError(f"{self.name}: scorer=reward-model needs --param reward_model=FOLDER")
        margin = _optional_float(self.name, "min_margin", str(settings["min_margin"]))
        self.min_score = _optional_float(self.name, "min_score", str(settings["min_score"]))
        self.min_margin = margin if margin is not None else (JUDGE_MARGIN if settings["scorer"] == "judge" else 0.0)
        self.scorer: RewardModelScorer | None = None
        self._scorer_info: dict[str, Any] | None = None

    def read_file(self, path: Path, on_issue: OnIssue) -> Iterator[Record]:
        return iter(RowReader(path, on_issue=on_issue))

    async def generate(self, items: list[Record], ctx: SynthContext) -> AsyncIterator[Outcome]:
        if self.settings["scorer"] == "reward-model":
            # Checked when the run starts, not when the generator is configured: in a `medllm run` recipe
            # the folder may be written by an earlier train step. Either way before any request is paid for.
            self.scorer = RewardModelScorer(self.settings["reward_model"])
            self._scorer_info = await asyncio.to_thread(self.scorer.fingerprint)
        else:
            self._scorer_info = {"type": "judge", "rubric": ctx.templates.get(self.settings["rubric"]).id}
        async for outcome in super().generate(items, ctx):
            yield outcome

    async def process(self, item: Record, ctx: SynthContext) -> list[Outcome]:
        assert isinstance(item, Conversation)
        settings = self.settings
        prompt, reference = split_prompt(item)
        if not prompt:
            return [Dropped("no_prompt", "the conversation has no user turn to answer", item.id)]
        if any(has_marker(m["content"]) for m in prompt):
            return [Dropped("bad_prompt", "a turn holds a template marker line (<<<role>>>)", item.id)]
        key = item.id or hashlib.sha256(json.dumps(prompt, sort_keys=True).encode()).hexdigest()[:16]
        template = ctx.templates.get("preferences_answer")
        samplings = [
            ctx.sampling_for(key, "sample", k, temperature=settings["sample_temperature"])
            for k in range(settings["samples"])
        ]
        replies = await _gather(ctx.ask(template, s, messages=prompt) for s in samplings)
        outcomes: list[Outcome] = []
        candidates: dict[int, str] = {}
        for k, reply in enumerate(replies):
            text = reply.text.strip()
            reason = _unusable(reply, text, candidates.values())
            if reason is not None:
                outcomes.append(Dropped(reason, f"sample {k}", item.id, {"sample": k}))
                continue
            candidates[k] = text
        if len(candidates) < 2:
            detail = f"{len(candidates)} usable answer(s) of {settings['samples']}"
            return [*outcomes, Dropped("too_few_answers", detail, item.id)]
        scores, judge_outcomes, judge_template = await self._score(key, prompt, reference, candidates, item, ctx)
        outcomes.extend(judge_outcomes)
        if len(scores) < 2:
            detail = f"{len(scores)} of {len(candidates)} answers scored"
            return [*outcomes, Dropped("too_few_scored", detail, item.id, {"scores": _json_scores(scores)})]
        # Ties: the earlier sample is the better, the later the worse (a fixed, seed-independent rule).
        best = max(scores, key=lambda k: (scores[k], -k))
        worst = min(scores, key=lambda k: (scores[k], -k))
        margin = scores[best] - scores[worst]
        extra = {"scores": _json_scores(scores)}
        if margin <= 0 or margin < self.min_margin:
            detail = f"best - worst = {margin:.3g}, below the margin {self.min_margin:g}"
            return [*outcomes, Dropped("low_margin", detail, item.id, extra)]
        if self.min_score is not None and scores[best] < self.min_score:
            detail = f"best score {scores[best]:.3g} < {self.min_score:g}"
            return [*outcomes, Dropped("below_min_score", detail, item.id, extra)]
        templates = [template] if judge_template is None else [template, judge_template]
        provenance = ctx.provenance(
            templates,
            samplings[best],
            item.id,
            scorer=self._scorer_info,
            samples=settings["samples"],
            scores=_json_scores(scores),
            chosen_sample=best,
            rejected_sample=worst,
            rejected_sampling=samplings[worst].to_dict(),
            reference_shown=bool(reference and settings["use_reference"] and judge_template is not None),
        )
        common: dict[str, Any] = {"source": f"synth/{self.name}", "language": item.language, "license": item.license}
        if settings["output"] == "best":
            record: Record = Conversation(
                id=f"{self.name}-best-{key}",
                messages=[*prompt, {"role": "assistant", "content": candidates[best]}],
                metadata={"synth": provenance},
                **common,
            )
        else:
            record = PreferencePair(
                id=f"{self.name}-{key}",
                prompt=prompt,
                chosen=[{"role": "assistant", "content": candidates[best]}],
                rejected=[{"role": "assistant", "content": candidates[worst]}],
                chosen_score=scores[best],
                rejected_score=scores[worst],
                metadata={"synth": provenance},
                **common,
            )
        return [*outcomes, Kept(record)]

    async def _score(
        self,
        key: str,
        prompt: list[Message],
        reference: str | None,
        candidates: dict[int, str],
        item: Conversation,
        ctx: SynthContext,
    ) -> tuple[dict[int, float], list[Outcome], Any]:
        """Scores by sample index, the unscored answers' drops, and the rubric template (None for a reward model)."""
        if self.scorer is not None:
            values = await self.scorer.score(prompt, list(candidates.values()))
            too_long = [
                Dropped("too_long_for_reward_model", f"sample {k}", item.id, {"sample": k})
                for k, value in zip(candidates, values, strict=True)
                if value is None
            ]
            scored = {k: value for k, value in zip(candidates, values, strict=True) if value is not None}
            return scored, too_long, None
        rubric = ctx.templates.get(self.settings["rubric"])
        shown = reference if self.settings["use_reference"] else None
        sampling = {
            k: ctx.sampling_for(
                key,
                "judge",
                k,
                temperature=self.settings["judge_temperature"],
                max_tokens=self.settings["judge_max_tokens"],
            )
            for k in candidates
        }
        verdicts = await _gather(
            ctx.ask(rubric, sampling[k], prompt=prompt, reference=shown, answer=text) for k, text in candidates.items()
        )
        scores: dict[int, float] = {}
        drops: list[Outcome] = []
        for k, verdict in zip(candidates, verdicts, strict=True):
            score = None if verdict.truncated else parse_verdict(verdict.text)
            if score is None:
                reason = "truncated_verdict" if verdict.truncated else "unparseable_verdict"
                detail = f"sample {k}: {verdict.text.strip()[:200]!r}"
                drops.append(Dropped(reason, detail, item.id, {"sample": k, "verdict": verdict.text[:2000]}))
                continue
            scores[k] = score
        return scores, drops, rubric


async def _gather(requests: Iterator[Any] | Any) -> list[TeacherResponse]:
    """Every reply; when some requests fail, the rest still finish (and are cached), then the first failure raises."""
    results = await asyncio.gather(*requests, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result  # TeacherFailed: MapGenerator reports the item; a rerun resends only the failed request
    return list(results)


def _unusable(reply: TeacherResponse, text: str, earlier: Iterable[str]) -> str | None:
    """Why a sampled answer cannot be ranked, or None."""
    if reply.truncated:
        return "truncated_sample"  # cut at max_tokens: an unfinished answer must not become "chosen"
    if not text:
        return "empty_sample"
    if has_marker(text):
        return "bad_sample"  # it would split the judge's prompt into extra messages
    if text in earlier:
        return "duplicate_sample"  # a pair of identical answers teaches nothing
    return None


def _json_scores(scores: dict[int, float]) -> dict[str, float]:
    return {str(k): round(v, 6) for k, v in sorted(scores.items())}
