"""The OpenAI-compatible backend: the openai SDK wrapped by instructor, grounded by the shared
validators of ``summarizer.backends.llm`` with re-ask.

``LLMBackend(settings)`` talks to OpenAI (``--model openai/<name>``) or any OpenAI-compatible
server (``--base-url``); its own options (``options.OpenAIOptions``: server, mode, time-out,
transport retries) come from ``settings.options``. openai and instructor are imported only when
a request is made. Requests go through ``direct`` (the client's ``post``, without the SDK's
per-call type walk and never importing its resource modules); ``transport`` retries them.
"""

from summarizer.backends.openai.backend import LLMBackend

__all__ = ["LLMBackend"]
