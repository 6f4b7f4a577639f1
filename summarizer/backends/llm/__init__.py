"""What every LLM backend shares, whatever its client: the response model the model fills and its
grounding validators (``response``), the prompt and numbered article (``prompt``), and the
``Draft`` built from a validated answer (``draft``). Nothing here imports a model client's SDK.
"""
