"""The LLM backend: the openai SDK wrapped by instructor, grounded by validators with re-ask.

``LLMBackend(settings)`` talks to OpenAI (``--model openai/<name>``) or any OpenAI-compatible
server (``--base-url``). openai and instructor are imported only when a request is made.
"""

from summarizer.backends.llm.backend import LLMBackend

__all__ = ["LLMBackend"]
