from __future__ import annotations

import pytest
import torch

from medllm.models import GenerationConfig, ModelError
from medllm.models.transformers_backend import TransformersModel, resolve_device, resolve_dtype

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
    original = model._score_shared_context
    model._score_shared_context = lambda ctx, members: calls.append(len(members)) or original(ctx, members)
    results = model.loglikelihood([(context, option) for option in options] + [("Other context", " x y z")])
    assert calls == [4]  # one shared group of four; the lone request takes the ordinary path
    for option, result in zip(options, results, strict=False):
        value, greedy, n = _reference(tiny.model, tiny.tokenizer, context, option)
        assert result.n_tokens == n > 1 and result.is_greedy == greedy
        assert result.logprob == pytest.approx(value, abs=1e-4)
    assert results[-1].logprob == pytest.approx(
        _reference(tiny.model, tiny.tokenizer, "Other context", " x y z")[0], abs=1e-4
    )
