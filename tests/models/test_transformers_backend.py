from __future__ import annotations

import pytest
import torch

from medllm.models import GenerationConfig, ModelError
from medllm.models.transformers_backend import (
    _FORWARD_COST_TOKENS,
    TransformersModel,
    resolve_device,
    resolve_dtype,
)

CONVERSATIONS = [
    [{"role": "user", "content": "What is hypertension?"}],
    [
        {"role": "system", "content": "You are a careful clinical assistant."},
        {"role": "user", "content": "List three warning signs of sepsis and explain why they matter."},
    ],
    [{"role": "user", "content": "Hi"}],
]
GREEDY = GenerationConfig(max_new_tokens=12)


@pytest.fixture
def tiny_bs1(tiny: TransformersModel) -> TransformersModel:
    """The same weights, scored one request at a time."""
    return TransformersModel(tiny.model, tiny.tokenizer, name="tiny-bs1", batch_size=1)


def test_device_and_dtype_resolution() -> None:
    assert resolve_device("cpu").type == "cpu"
    assert resolve_device(None).type == ("cuda" if torch.cuda.is_available() else "cpu")
    assert resolve_dtype(None, torch.device("cpu")) is torch.float32
    assert resolve_dtype("bfloat16", torch.device("cpu")) is torch.bfloat16
    with pytest.raises(ModelError, match="unknown dtype"):
        resolve_dtype("float7", torch.device("cpu"))
    with pytest.raises(ModelError, match="unknown device 'gpu'"):
        resolve_device("gpu")
    count = torch.cuda.device_count() if torch.cuda.is_available() else 0
    with pytest.raises(ModelError, match="no CUDA GPU is available" if not count else "CUDA GPU"):
        resolve_device(f"cuda:{count}")  # one past the last GPU, or any GPU on a CPU-only machine


def test_chat_batch_equals_one_by_one(tiny: TransformersModel, tiny_bs1: TransformersModel) -> None:
    batched = tiny.chat(CONVERSATIONS, GREEDY)
    single = [tiny_bs1.chat([c], GREEDY)[0] for c in CONVERSATIONS]
    assert batched == single
    assert all(isinstance(text, str) and text for text in batched)


def test_complete_batch_equals_one_by_one(tiny: TransformersModel, tiny_bs1: TransformersModel) -> None:
    prompts = ["The heart has four", "Sepsis is", "Observation 0001, day 3: heart rate"]
    assert tiny.complete(prompts, GREEDY) == [tiny_bs1.complete([p], GREEDY)[0] for p in prompts]


def test_stream_joins_to_the_chat_answer(tiny: TransformersModel) -> None:
    pieces = list(tiny.stream_chat(CONVERSATIONS[1], GREEDY))
    assert len(pieces) >= 1
    assert "".join(pieces) == tiny.chat([CONVERSATIONS[1]], GREEDY)[0]


def test_stop_strings_are_honoured_in_chat_and_stream(tiny: TransformersModel) -> None:
    full = tiny.chat([CONVERSATIONS[0]], GenerationConfig(max_new_tokens=20))[0]
    stop = full.strip()[len(full.strip()) // 2 :][:3]  # something the model really generates mid-answer
    expected = full[: full.find(stop)]
    config = GenerationConfig(max_new_tokens=20, stop=(stop,))
    assert tiny.chat([CONVERSATIONS[0]], config)[0] == expected
    assert "".join(tiny.stream_chat(CONVERSATIONS[0], config)) == expected


def test_sampling_is_reproducible_with_a_seed(tiny: TransformersModel) -> None:
    config = GenerationConfig(max_new_tokens=10, temperature=1.0, seed=7)
    assert tiny.chat(CONVERSATIONS, config) == tiny.chat(CONVERSATIONS, config)
    other = GenerationConfig(max_new_tokens=10, temperature=1.0, seed=8)
    assert tiny.chat(CONVERSATIONS, config) != tiny.chat(CONVERSATIONS, other)


def test_chat_without_template_is_a_clear_error(tiny: TransformersModel) -> None:
    class NoTemplate:
        chat_template = None
        pad_token_id = 0
        eos_token_id = 1
        bos_token_id = None

    model = TransformersModel(tiny.model, NoTemplate(), name="raw")  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="no chat template"):
        model.chat(CONVERSATIONS[:1], GREEDY)


# --- loglikelihood exactness ------------------------------------------------------------------------

PAIRS = [
    ("The heart has", " four chambers"),
    ("The heart has ", "four chambers"),  # trailing space moves to the continuation
    ("Question: what lowers blood pressure?\nAnswer:", " regular physical activity"),
    ("Observation 0042, day 3:", " heart rate 82 bpm"),
    ("", "Anaemia means a lower haemoglobin"),  # empty context: scored after one prefix token
    ("Sepsis is a", " life-threatening response to infection that damages the body's own organs"),
]


def _reference(model, tokenizer, context: str, continuation: str) -> tuple[float, bool, int]:
    """The textbook computation: one forward pass over the whole string, log-softmax, gather."""
    stripped = context.rstrip()
    whole = tokenizer(stripped + context[len(stripped) :] + continuation, add_special_tokens=False)["input_ids"]
    if stripped:
        n_context = len(tokenizer(stripped, add_special_tokens=False)["input_ids"])
    else:
        whole = [tokenizer.eos_token_id, *whole]  # the tiny tokenizer has no BOS, so EOS is the prefix
        n_context = 1
    with torch.no_grad():
        logits = model(torch.tensor([whole])).logits[0]
    logprobs = torch.log_softmax(logits.float(), dim=-1)
    target = torch.tensor(whole[n_context:])
    rows = logprobs[n_context - 1 : len(whole) - 1]
    total = rows.gather(-1, target[:, None]).sum().item()
    greedy = bool((rows.argmax(-1) == target).all())
    return total, greedy, len(target)


def test_loglikelihood_equals_independent_computation(tiny: TransformersModel, tiny_bs1: TransformersModel) -> None:
    expected = [_reference(tiny.model, tiny.tokenizer, c, x) for c, x in PAIRS]
    single = tiny_bs1.loglikelihood(PAIRS)
    batched = tiny.loglikelihood(PAIRS)
    for (value, greedy, n), one, many in zip(expected, single, batched, strict=True):
        assert one.n_tokens == many.n_tokens == n > 0
        assert one.is_greedy == many.is_greedy == greedy
        # Batched rows are padded to a common length, and continuations of one context reuse its KV cache:
        # only float rounding in differently shaped matmuls may differ.
        assert one.logprob == pytest.approx(value, abs=1e-4)
        assert many.logprob == pytest.approx(value, abs=1e-4)
    # The boundary space is handled identically whichever side it is written on.
    assert single[0] == single[1]


def test_loglikelihood_of_own_greedy_continuation_is_greedy(tiny: TransformersModel) -> None:
    context = "The kidneys filter the blood"
    ids = tiny.tokenizer(context, add_special_tokens=False)["input_ids"]
    with torch.no_grad():
        out = tiny.model.generate(torch.tensor([ids]), max_new_tokens=3, do_sample=False)
    continuation = tiny.tokenizer.decode(out[0, len(ids) :])
    if tiny.tokenizer(context + continuation, add_special_tokens=False)["input_ids"] != out[0].tolist():
        pytest.skip("greedy tokens do not re-tokenize canonically for this seed")
    result = tiny.loglikelihood([(context, continuation)])[0]
    assert result.is_greedy and result.n_tokens == 3


def test_loglikelihood_edge_cases(tiny: TransformersModel) -> None:
    empty = tiny.loglikelihood([("Some context", "")])[0]
    assert (empty.logprob, empty.is_greedy, empty.n_tokens) == (0.0, True, 0)
    short = TransformersModel(tiny.model, tiny.tokenizer, max_length=8)
    long_context = "The heart has four chambers and the kidneys filter the blood every day"
    result = short.loglikelihood([(long_context, " of the year")])[0]
    assert result.n_tokens == 3 and result.logprob < 0  # context cut from the left, continuation kept
    with pytest.raises(ModelError, match="longer than the model's max_length"):
        short.loglikelihood([("a", " heart rate 82 bpm and oxygen saturation 97 percent")])


def test_options_of_one_context_share_its_encoding(tiny: TransformersModel) -> None:
    """Several multi-token continuations of one context: the context is encoded once and its KV cache
    reused, in batches of options; every score still equals the one-pass computation."""
    context = "Question: Which organ filters the blood?\nAnswer:"
    options = [" the kidneys", " the liver and the spleen", " lungs", " the small intestine of the patient"]
    model = TransformersModel(tiny.model, tiny.tokenizer, batch_size=3)
    calls = []
    original = model._score_shared_contexts
    model._score_shared_contexts = lambda batch: calls.append([len(m) for _, m in batch]) or original(batch)
    results = model.loglikelihood([(context, option) for option in options] + [("Other context", " x y z")])
    assert calls == [[4]]  # one shared context with four options; the lone request takes the ordinary path
    for option, result in zip(options, results, strict=False):
        value, greedy, n = _reference(tiny.model, tiny.tokenizer, context, option)
        assert result.n_tokens == n > 1 and result.is_greedy == greedy
        assert result.logprob == pytest.approx(value, abs=1e-4)
    assert results[-1].logprob == pytest.approx(
        _reference(tiny.model, tiny.tokenizer, "Other context", " x y z")[0], abs=1e-4
    )


def _assert_matches_reference(
    model: TransformersModel, pairs: list[tuple[str, str]], expected: list[tuple[float, bool, int]] | None = None
) -> list[tuple[float, bool, int]]:
    expected = expected or [_reference(model.model, model.tokenizer, c, x) for c, x in pairs]
    results = model.loglikelihood(pairs)
    assert len(results) == len(pairs)
    for (context, continuation), (value, greedy, n), result in zip(pairs, expected, results, strict=True):
        assert (result.n_tokens, result.is_greedy) == (n, greedy), (context[:30], continuation)
        assert result.logprob == pytest.approx(value, abs=1e-4), (context[:30], continuation)
    return expected


def test_mixed_one_and_several_token_options_share_one_context_encoding(tiny: TransformersModel) -> None:
    """One-token options of a context that also has longer options are read from the same context encoding."""
    context = "Question: Which organ filters the blood?\nAnswer:"
    options = [" A", " the kidneys", " B", " the liver and the spleen", " lungs"]
    model = TransformersModel(tiny.model, tiny.tokenizer, batch_size=2)
    calls = []
    original = model._score_shared_contexts
    model._score_shared_contexts = lambda batch: calls.append([len(m) for _, m in batch]) or original(batch)
    pairs = [(context, option) for option in options]
    assert sorted(len(model._encode_pair(c, x)[1]) for c, x in pairs)[0] == 1  # some options are one token
    _assert_matches_reference(model, pairs)
    assert calls == [[5]]


def test_contexts_of_very_different_lengths_across_batch_boundaries(tiny: TransformersModel) -> None:
    """Right-padded rows of 3 to ~400 tokens, one-token and several-token continuations, duplicates and a
    context cut from the left, over many batches: every score equals the unpadded one-pass computation."""
    sentence = "The patient reports chest pain radiating to the left arm and shortness of breath. "
    pairs = [
        (f"Case {n}: " + sentence * n + "Most likely diagnosis:", option)
        for n in (0, 1, 2, 5, 9, 13, 20)
        for option in (" A", " B", " acute myocardial infarction")
    ]
    pairs += [("Hi", " there"), ("Hi", " there"), ("Hello", " A"), ("", " A"), ("Case 1: x", " y z")]
    expected = None
    for batch_size in (1, 3, 8):
        model = TransformersModel(tiny.model, tiny.tokenizer, batch_size=batch_size)
        expected = _assert_matches_reference(model, pairs, expected)
    # A context longer than max_length is cut from the left; its rows batch with the others.
    short = TransformersModel(tiny.model, tiny.tokenizer, batch_size=3, max_length=64)
    long_context = "Case: " + sentence * 12 + "Answer:"
    results = short.loglikelihood([(long_context, " A"), (long_context, " B"), ("Hi", " there")])
    for option, result in zip((" A", " B"), results, strict=False):
        context_ids, continuation_ids = short._encode_pair(long_context, option)
        whole = (context_ids + continuation_ids)[-65:]
        with torch.no_grad():
            logprobs = torch.log_softmax(tiny.model(torch.tensor([whole[:-1]])).logits[0].float(), dim=-1)
        expected = logprobs[-1, continuation_ids[0]].item()
        assert result.n_tokens == 1 and result.logprob == pytest.approx(expected, abs=1e-4)
    assert results[2].logprob == pytest.approx(_reference(tiny.model, tiny.tokenizer, "Hi", " there")[0], abs=1e-4)


def test_batches_follow_the_token_budget(tiny: TransformersModel) -> None:
    model = TransformersModel(tiny.model, tiny.tokenizer, batch_size=4)
    lengths = [100, 98, 97, 90, 60, 59, 58, 57, 56, 55, 54, 53, 20, 19, 19, 18, 2]
    rows = {(*range(length), i): [(i, [1])] for i, length in enumerate(lengths)}
    batches = list(model._token_batches(rows))
    assert [len(row) for batch in batches for row, _ in batch] == sorted((n + 1 for n in lengths), reverse=True)
    budget = 4 * (max(lengths) + 1)
    padded = [len(batch) * len(batch[0][0]) for batch in batches]
    assert all(tokens <= budget for tokens in padded)  # never more than batch_size rows of the longest input
    assert max(len(batch) for batch in batches) > 4  # short inputs share larger batches
    # Cheaper than fixed batches of 4 by the cost model: padded tokens plus a fixed cost per forward pass.
    fixed = [4 * (lengths[s] + 1) for s in range(0, len(lengths), 4)]
    cost = _FORWARD_COST_TOKENS
    assert sum(padded) + cost * len(padded) < sum(fixed) + cost * len(fixed)
    assert all(len(batch[-1][0]) * 2 > len(batch[0][0]) for batch in batches[:-1])  # no long-to-short padding


def test_scores_without_a_head_mask_are_the_same(tiny: TransformersModel) -> None:
    """Models whose forward reads ``logits_to_keep`` only as a count get every position's logits instead."""
    pairs = [("The heart has", " four chambers"), ("The heart has", " A"), ("Sepsis is a", " B")]
    masked = TransformersModel(tiny.model, tiny.tokenizer)
    assert masked._head_takes_mask()
    full = TransformersModel(tiny.model, tiny.tokenizer)
    full._logits_mask = False
    for a, b in zip(masked.loglikelihood(pairs), full.loglikelihood(pairs), strict=True):
        assert (a.n_tokens, a.is_greedy) == (b.n_tokens, b.is_greedy)
        assert a.logprob == pytest.approx(b.logprob, abs=1e-5)


def test_contexts_of_similar_length_share_a_batch(tiny: TransformersModel) -> None:
    """Contexts a few tokens apart are encoded in one padded batch; their several-token options then read
    the right context's cache, its padding masked: scores still equal the one-pass computation."""
    stem = "A 54-year-old man presents with crushing chest pain and sweating"
    contexts = [f"{stem}{extra}.\nAnswer:" for extra in ("", " for an hour", " since this morning, at rest")]
    options = [" aspirin", " a beta blocker now", " C", " morphine and oxygen"]
    model = TransformersModel(tiny.model, tiny.tokenizer, batch_size=3)
    calls = []
    original = model._score_shared_contexts
    model._score_shared_contexts = lambda batch: calls.append([len(m) for _, m in batch]) or original(batch)
    _assert_matches_reference(model, [(context, option) for context in contexts for option in options])
    assert [n for batch in calls for n in batch] == [4, 4, 4]
    assert max(len(batch) for batch in calls) > 1  # contexts of different lengths in one padded batch


def test_rows_sharing_a_long_beginning_encode_it_once(tiny: TransformersModel, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fixed few-shot examples: rows that begin alike run their own tokens after one encoding of the shared
    beginning. Scores equal the unpadded one-pass computation, including a multi-token continuation read
    from a row and a row that is the shared beginning itself plus one option."""
    examples = "Question: what lowers blood pressure?\nAnswer: regular physical activity\n\n" * 3
    pairs = [
        (examples + "Question: which organ makes insulin?\nAnswer:", " A"),
        (examples + "Question: which organ makes insulin?\nAnswer:", " B"),
        (examples + "Question: which vessel leaves the left ventricle?\nAnswer:", " A"),
        (examples + "Question: name the largest organ.\nAnswer:", " the skin of the whole body"),
        (examples.rstrip(), " Question"),
        ("Unrelated short context", " A"),
    ]
    groups: list[tuple[int, int]] = []
    original = TransformersModel._score_rows_after_prefix

    def spy(self: TransformersModel, prefix: tuple[int, ...], suffixes: dict) -> object:
        groups.append((len(prefix), len(suffixes)))
        return original(self, prefix, suffixes)

    monkeypatch.setattr(TransformersModel, "_score_rows_after_prefix", spy)
    _assert_matches_reference(TransformersModel(tiny.model, tiny.tokenizer, batch_size=2), pairs, None)
    assert len(groups) == 1 and groups[0][1] == 4  # the four rows that begin with the examples
    assert groups[0][0] < len(tiny.tokenizer(examples.rstrip(), add_special_tokens=False)["input_ids"])


def test_a_few_rows_with_other_examples_do_not_shorten_the_others_shared_beginning() -> None:
    from medllm.models.transformers_backend import _shared_prefixes

    examples = tuple(range(100))
    rows = {(*examples, 500 + i, 600 + i): [(i, [7])] for i in range(5)}  # five items after the same examples
    rows[(*examples[:40], 999, 1000, 1001)] = [(5, [7])]  # other examples after the first 40 tokens
    rows[(1, 2, 3)] = [(6, [7])]
    prefixed, rest = _shared_prefixes(rows, 32)
    assert [(len(prefix), len(group)) for prefix, group in prefixed] == [(100, 5)]
    assert set(rest) == {(*examples[:40], 999, 1000, 1001), (1, 2, 3)}
    # A row whose requests read three positions keeps them after the shared beginning.
    rows = {(*examples, 500): [(0, [7])], (*examples, 501, 502): [(1, [7, 8, 9])]}
    [(prefix, group)] = _shared_prefixes(rows, 32)[0]
    assert len(prefix) == 99 and all(len(suffix) >= 1 for suffix in group)
    assert _shared_prefixes({(*examples, 1): [(0, [7])]}, 32) == ([], {(*examples, 1): [(0, [7])]})


def test_contexts_sharing_a_long_beginning_encode_it_once(tiny: TransformersModel) -> None:
    """Option texts (several tokens) after fixed examples: the examples are encoded once for the batch of
    contexts, each context once after them, each option once after its context; all exact."""
    examples = "Question: what lowers blood pressure?\nAnswer: regular physical activity\n\n" * 3
    contexts = [
        examples + "Question: which organ makes insulin?\nAnswer:",
        examples + "Question: which organ filters the blood?\nAnswer:",
        examples + "Question: name the largest organ?\nAnswer:",
    ]
    options = [" the pancreas", " the kidneys", " B", " the skin and the hair"]
    pairs = [(context, option) for context in contexts for option in options]
    model = TransformersModel(tiny.model, tiny.tokenizer, batch_size=2)
    prefixes: list[int] = []
    original = model._encode_prefix
    model._encode_prefix = lambda prefix: prefixes.append(len(prefix)) or original(prefix)  # type: ignore[method-assign]
    _assert_matches_reference(model, pairs, None)
    assert len(prefixes) == 1 and prefixes[0] >= 32
