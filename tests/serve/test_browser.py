"""The chat page in headless Chromium: a streamed answer with its sources, the emergency banner, stop.

The server runs the assistant on ``tiny-random-llama`` over a knowledge base built from ChatDoctor's
mini set (hash encoder, BM25: it builds in about a second). Chromium is the system one (Debian
``chromium``, which ``make install`` installs as root); Playwright's own browser download does not
work offline. Where no Chromium can be found the test is skipped and says so.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.serve.conftest import GatedModel, metric, wait_for

# Playwright's bundled browser is not used: these flags keep the system Chromium quiet and offline.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUESTION = "I'm 40, I have had wheezing, shortness of breath and a cough for 3 days, moderate. What could it be?"
EMERGENCY = "My father suddenly can't speak properly and his face is drooping on one side"


def chromium() -> str | None:
    """The system Chromium: $MEDLLM_CHROMIUM, /usr/bin/chromium, or one on PATH."""
    candidates = [os.environ.get("MEDLLM_CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")]
    return next((c for c in candidates if c and Path(c).is_file() and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set MEDLLM_CHROMIUM): the page is not driven")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> Any:
    from medllm.knowledge import KnowledgeBase, build_kb
    from tests.knowledge.conftest import HashEncoder

    folder = tmp_path_factory.mktemp("kb") / "chatdoctor-mini"
    build_kb(["chatdoctor-kb-mini"], folder, encoder=HashEncoder())
    return KnowledgeBase.open(folder, encoder=HashEncoder())


class SentencesModel(GatedModel):
    """Writes a few cited sentences a word at a time, 30 ms apart, so the page's streaming is visible.

    The tiny random model rarely ends a sentence, and the assistant streams its answer a sentence at
    a time, so with it the whole answer may arrive as one piece however the page renders it.
    """

    SENTENCE = "Wheezing and a cough can come from asthma [1]. A chest examination helps [2]. See a doctor soon."
    WORDS: tuple[str, ...] = tuple(SENTENCE.split(" "))

    def __init__(self) -> None:
        super().__init__(pieces=len(self.WORDS))

    def chat(self, conversations: Any, config: Any) -> list[str]:
        return [" ".join(self.WORDS) for _ in conversations]

    def stream_chat(self, messages: Any, config: Any) -> Iterator[str]:
        import time

        for word in self.WORDS:
            time.sleep(0.03)
            yield word + " "


@pytest.fixture
def open_page(browser: Any, serve: Any, tiny: Any, kb: Any) -> Iterator[Any]:
    """``open_page(max_new_tokens, model=tiny)`` -> the chat page of a fresh server with up to that many tokens."""
    from medllm.assistant import AssistantConfig

    contexts = []

    def start(max_new_tokens: int, model: Any = None) -> Page:
        server = serve(model or tiny, kb=kb, max_new_tokens_limit=max_new_tokens, request_timeout=120)
        server.state.assistant_config = AssistantConfig(mode="bm25")
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        page.server = server  # type: ignore[attr-defined]
        page.goto(server.url + "/")
        return page

    yield start
    for context in contexts:
        context.close()


def watch_answer(page: Page) -> None:
    """Count every change of the latest answer's text, so the test can tell a stream from one block."""
    page.evaluate(
        """() => {
        window.answerUpdates = 0;
        new MutationObserver(() => {
            const answers = document.querySelectorAll('.msg.assistant');
            if (answers.length) window.answerUpdates = (window.answerUpdates || 0) + 1;
        }).observe(document.getElementById('log'), {childList: true, subtree: true, characterData: true});
    }"""
    )


def ask(page: Page, text: str) -> None:
    page.fill("#input", text)
    page.press("#input", "Enter")


def test_a_question_gets_a_streamed_answer_with_its_sources(open_page: Any) -> None:
    page = open_page(48, SentencesModel())
    watch_answer(page)
    ask(page, QUESTION)
    answer = page.locator(".msg.assistant").last
    expect(answer.locator(".sources")).to_contain_text("chatdoctor-kb-mini", timeout=60_000)
    expect(page.locator("#send")).to_be_enabled()
    assert page.evaluate("window.answerUpdates") > 3  # the text arrived in pieces, not as one block
    sources = answer.locator(".sources").inner_text()
    assert sources.startswith("Sources: [1]") and "chatdoctor-kb-mini:" in sources
    assert "Sources:" in answer.inner_text() and "[stopped]" not in answer.inner_text()
    expect(page.locator("#banner")).to_be_visible()  # breathlessness: the amber "doctor soon" banner
    expect(page.locator("#banner")).to_have_class("urgent")
    expect(page.locator("#disclaimer")).to_contain_text("not for clinical")


def test_an_emergency_shows_the_banner(open_page: Any) -> None:
    page = open_page(16)
    ask(page, EMERGENCY)
    banner = page.locator("#banner")
    expect(banner).to_be_visible(timeout=30_000)
    expect(banner).to_contain_text("Possible emergency: call your local emergency number now")
    expect(banner).not_to_have_class("urgent")
    answer = page.locator(".msg.assistant").last
    expect(answer).to_have_class("msg assistant emergency")
    expect(page.locator("#send")).to_be_enabled(timeout=60_000)
    page.click("#new")
    expect(banner).to_be_hidden()


def test_stop_ends_the_answer_and_its_generation(open_page: Any) -> None:
    page = open_page(4000)  # far longer than the test waits: only stop can end it in time
    server = page.server  # type: ignore[attr-defined]
    ask(page, QUESTION)
    answer = page.locator(".msg.assistant").last
    # The urgent preface comes first, then the model's answer, shown a sentence at a time: stop once the
    # preface is on screen and the model is generating (the tiny model writes few sentence ends).
    expect(answer).to_contain_text("contact your doctor", timeout=60_000)
    page.wait_for_timeout(500)
    page.click("#stop")
    expect(answer).to_contain_text("[stopped]")
    expect(page.locator("#send")).to_be_enabled()
    expect(page.locator("#stop")).to_be_disabled()
    assert answer.locator(".sources").count() == 0  # stopped before the end, where the sources come
    # A 4,000-token answer takes minutes here; its generation stops within a token of the disconnect.
    wait_for(lambda: metric(server, "medllm_cancelled_generations_total", reason="disconnect") == 1, timeout=30)
    wait_for(lambda: server.state.admission.running == 0, timeout=15)
