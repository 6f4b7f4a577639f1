"""The in-process backend: a GGUF model file run by llama-cpp-python (``summarizer[local]``),
constrained to the shared response schema, grounded by the same validators with re-ask.

``GGUFBackend(settings)`` for ``--model gguf:PATH``; llama_cpp and instructor are imported only
when the model is loaded.
"""

from summarizer.backends.gguf.backend import GGUFBackend

__all__ = ["GGUFBackend"]
