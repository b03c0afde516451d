"""Test helpers that other parts of medllm (and its users) can reuse: fake servers, tiny fixtures."""

from medllm.testing.openai_server import FakeOpenAIServer, RecordedRequest, RecordedResponse, split_tokens

__all__ = ["FakeOpenAIServer", "RecordedRequest", "RecordedResponse", "split_tokens"]
