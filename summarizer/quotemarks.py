"""The quote marks the project knows, defined once for every layer that reads them.

Curly, low (German „...“) and reversed marks and guillemets, double and single, with the
straight ASCII marks. The straight single mark and the right single mark are also apostrophes,
so code that must not mistake "don't" for a quote uses ``NEVER_APOSTROPHE``.
"""

from __future__ import annotations

OPENING = "\u201c\u201e\u201f\u00ab"  # “ „ ‟ «
CLOSING = "\u201d\u00bb"  # ” »
DOUBLE = '"' + OPENING + CLOSING
SINGLE_OPENING = "\u2018\u201a\u201b"  # ‘ ‚ ‛
SINGLE_CLOSING = "\u2019"  # ’, also the typographic apostrophe
SINGLE = "'" + SINGLE_OPENING + SINGLE_CLOSING
ALL = DOUBLE + SINGLE
NEVER_APOSTROPHE = DOUBLE + SINGLE_OPENING
