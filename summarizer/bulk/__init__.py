"""Bulk extraction: many articles in, one JSONL line per article out, resumable and cached.

One job per module: ``inputs`` streams articles, ``work`` turns one article into one output line,
``runner`` (asyncio in one process, worker processes for batches), ``async_pool`` (an event loop
per worker process) and ``ray_engine`` schedule that work, ``store`` appends and resumes the
output, ``cache`` avoids paying twice, ``ratelimit`` keeps under provider limits, ``accounting``
counts and prices, ``progress`` shows it, ``sqlite`` mirrors results into tables, ``batch/``
runs it through a provider's Batch API instead (``--batch``: requests, files, state, engine),
and ``run`` puts a whole run together for ``summarizer bulk``.
"""
