"""Chat templates for training, and the assistant-token mask that restricts the loss to replies.

TRL's ``assistant_only_loss`` needs a template with ``{% generation %}`` markers, which most released
templates (SmolLM2's, Llama 2's, ChatDoctor's Alpaca prompt) lack, and TRL patches only a fixed list.
medllm finds the assistant spans from the template itself instead: it renders the conversation up to
each assistant turn with the generation prompt, and again with the turn, and the difference is the
reply as the template writes it. This works for any template that renders earlier turns the same way
whatever follows (every chat template we know of; checked per conversation, with a clear error when
not). Tokens whose characters fall in a reply are the ones trained on; the reply's end-of-turn token
is included, so the model learns to stop.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from medllm.io.issues import DataError

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

CHATML = (
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)
# ChatDoctor's own prompt (Alpaca layout), single turn: the one its model was trained with.
ALPACA = (
    "{%- for message in messages %}"
    "{%- if message['role'] == 'system' %}{{- message['content'] + '\\n\\n' }}"
    "{%- elif message['role'] == 'user' %}{{- '### Instruction:\\n' + message['content'] + '\\n\\n' }}"
    "{%- else %}{{- '### Response:\\n' + message['content'] + eos_token + '\\n\\n' }}{%- endif %}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '### Response:\\n' }}{%- endif %}"
)
NAMED_TEMPLATES: dict[str, str] = {"chatml": CHATML, "alpaca": ALPACA}


def resolve_chat_template(spec: str | None) -> str | None:
    """The template text for a recipe's ``chat_template``: None (the model's own), a name, a file or the text."""
    if spec is None:
        return None
    if spec in NAMED_TEMPLATES:
        return NAMED_TEMPLATES[spec]
    if "{{" in spec or "{%" in spec:
        return spec
    path = Path(spec).expanduser()
    if path.is_file():
        return path.read_text(encoding="utf-8")
    raise DataError(
        f"chat_template {spec!r} is not a known name ({', '.join(NAMED_TEMPLATES)}), a template file or template text"
    )


def apply_template(tokenizer: PreTrainedTokenizerBase, chat_template: str | None) -> None:
    """Set ``chat_template`` on the tokenizer (it is then saved with it); fail clearly when there is none."""
    if chat_template is not None:
        tokenizer.chat_template = chat_template
    if not tokenizer.chat_template:
        raise DataError(
            "the model's tokenizer has no chat template: set 'chat_template' in the recipe (for example 'chatml')"
        )


def assistant_spans(
    tokenizer: PreTrainedTokenizerBase, messages: list[dict[str, str]]
) -> tuple[str, list[tuple[int, int]]]:
    """The rendered conversation and the character spans of its assistant replies.

    Raises:
        ValueError: the template renders an earlier part of the conversation differently once later
            turns follow, so replies cannot be located.
    """
    text = _render(tokenizer, messages, generation_prompt=False)
    spans: list[tuple[int, int]] = []
    for index, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        before = _render(tokenizer, messages[:index], generation_prompt=True) if index else ""
        upto = _render(tokenizer, messages[: index + 1], generation_prompt=False)
        if not upto.startswith(before) or not text.startswith(upto):
            raise ValueError(
                f"the chat template renders turn {index} differently once later turns follow; "
                "choose a prefix-preserving chat_template"
            )
        # Start at the reply's text where the template writes it verbatim, so a role header the template
        # emits only with the reply (no generation prompt) is not trained on; end at its end-of-turn mark.
        start = upto.find(message["content"], len(before))
        spans.append((start if start >= 0 else len(before), len(upto.rstrip())))
    return text, spans


def _render(tokenizer: PreTrainedTokenizerBase, messages: list[dict[str, str]], *, generation_prompt: bool) -> str:
    if not messages:
        return ""
    return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=generation_prompt)


def tokenize_conversation(
    tokenizer: PreTrainedTokenizerBase, messages: list[dict[str, str]], max_length: int | None = None
) -> dict[str, Any]:
    """``input_ids`` and ``assistant_masks`` (1 on reply tokens) for one conversation.

    Truncation keeps the start (as TRL does), so the first replies are kept whole.
    """
    text, spans = assistant_spans(tokenizer, messages)
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids: list[int] = encoded["input_ids"]
    mask = [0] * len(ids)
    span_index = 0
    for position, (start, end) in enumerate(encoded["offset_mapping"]):
        while span_index < len(spans) and spans[span_index][1] <= start:
            span_index += 1
        if span_index < len(spans) and start < spans[span_index][1] and end > spans[span_index][0]:
            mask[position] = 1
    if max_length is not None:
        ids, mask = ids[:max_length], mask[:max_length]
    return {"input_ids": ids, "assistant_masks": mask}
