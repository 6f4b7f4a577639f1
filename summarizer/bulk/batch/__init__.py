"""``summarizer bulk --batch``: the run through the Batch API (``/v1/files``, ``/v1/batches``).

``requests`` makes each request with the live path's own code and reads answers back through
it, ``files`` writes the request files within the API's limits, ``state`` records what was sent
(atomically, next to the output), ``api`` talks to the server, and ``engine`` runs the steps:
prepare, submit, poll, collect, re-ask.
"""
