"""Assistant masks from any chat template: equal to transformers' own where the template marks replies."""

from __future__ import annotations

import pytest
from transformers import AutoTokenizer

from medllm.datasets import iter_records
from medllm.train.templates import ALPACA, CHATML, assistant_spans, resolve_chat_template, tokenize_conversation

DIALOGUE = [
    {"role": "system", "content": "You are a careful doctor."},
    {"role": "user", "content": "I have had a cough for three weeks."},
    {"role": "assistant", "content": "Do you have fever or weight loss?"},
    {"role": "user", "content": "No fever."},
    {"role": "assistant", "content": "Please see your GP for a chest examination."},
]


@pytest.fixture(scope="module")
def tiny_tokenizer(tiny_path: str):
    return AutoTokenizer.from_pretrained(tiny_path)


def _reply_text(tokenizer, row) -> list[str]:
    """The decoded runs of masked tokens."""
    runs, current = [], []
    for token, bit in zip(row["input_ids"], row["assistant_masks"], strict=True):
        if bit:
            current.append(token)
        elif current:
            runs.append(tokenizer.decode(current))
            current = []
    if current:
        runs.append(tokenizer.decode(current))
    return runs


def test_mask_equals_generation_markers_on_real_dialogues(tiny_tokenizer, mirror) -> None:
    """tiny-random-llama's template has {% generation %} markers: transformers' mask is the reference."""
    checked = 0
    for record in iter_records("chatdoctor-5k"):
        messages = record.to_openai()
        ours = tokenize_conversation(tiny_tokenizer, messages)
        reference = tiny_tokenizer.apply_chat_template(
            messages, tokenize=True, return_dict=True, return_assistant_tokens_mask=True
        )
        assert ours["input_ids"] == list(reference["input_ids"])
        assert ours["assistant_masks"] == list(reference["assistant_masks"])
        checked += 1
        if checked == 200:
            break
    assert checked == 200


def test_multi_turn_replies_and_end_of_turn_are_masked(tiny_tokenizer) -> None:
    row = tokenize_conversation(tiny_tokenizer, DIALOGUE)
    assert _reply_text(tiny_tokenizer, row) == [
        "Do you have fever or weight loss?<|im_end|>",
        "Please see your GP for a chest examination.<|im_end|>",
    ]


def test_template_without_markers_smollm2_style(tiny_tokenizer) -> None:
    """A template with a default system prompt and no generation markers (SmolLM2's layout)."""
    tiny_tokenizer = AutoTokenizer.from_pretrained(tiny_tokenizer.name_or_path)
    tiny_tokenizer.chat_template = (
        "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
        "{{ '<|im_start|>system\\nYou are a helpful AI assistant<|im_end|>\\n' }}{% endif %}"
        "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
    )
    row = tokenize_conversation(tiny_tokenizer, DIALOGUE[1:])
    assert _reply_text(tiny_tokenizer, row) == [
        "Do you have fever or weight loss?<|im_end|>",
        "Please see your GP for a chest examination.<|im_end|>",
    ]


def test_alpaca_template_trains_on_response_and_eos(tiny_tokenizer) -> None:
    tiny_tokenizer = AutoTokenizer.from_pretrained(tiny_tokenizer.name_or_path)
    tiny_tokenizer.chat_template = ALPACA
    row = tokenize_conversation(tiny_tokenizer, DIALOGUE[1:3])
    assert _reply_text(tiny_tokenizer, row) == ["Do you have fever or weight loss?<|im_end|>"]


def test_template_that_rewrites_history_is_refused(tiny_tokenizer) -> None:
    tiny_tokenizer = AutoTokenizer.from_pretrained(tiny_tokenizer.name_or_path)
    # Shows only the last user turn: earlier text changes once more turns follow.
    tiny_tokenizer.chat_template = (
        "{{ messages[-1]['content'] if messages[-1]['role'] != 'assistant' else messages[-2]['content'] }}"
        "{% for m in messages %}{% if m['role'] == 'assistant' %}{{ ' A: ' + m['content'] }}{% endif %}{% endfor %}"
    )
    with pytest.raises(ValueError, match="renders turn"):
        assistant_spans(tiny_tokenizer, DIALOGUE[1:])


def test_truncation_keeps_the_start(tiny_tokenizer) -> None:
    full = tokenize_conversation(tiny_tokenizer, DIALOGUE)
    short = tokenize_conversation(tiny_tokenizer, DIALOGUE, max_length=20)
    assert short["input_ids"] == full["input_ids"][:20]
    assert short["assistant_masks"] == full["assistant_masks"][:20]


def test_named_templates_and_errors(tmp_path) -> None:
    assert resolve_chat_template(None) is None
    assert resolve_chat_template("chatml") == CHATML
    path = tmp_path / "t.jinja"
    path.write_text("{{ messages[0]['content'] }}")
    assert resolve_chat_template(str(path)) == "{{ messages[0]['content'] }}"
    from medllm.io.issues import DataError

    with pytest.raises(DataError, match="not a known name"):
        resolve_chat_template("no-such-template")
