"""Extraction backends: ``rules`` (offline, spaCy) and ``llm`` (instructor over the openai SDK).

They share only ``base``; neither imports the other (an import-linter contract checks it).
"""
