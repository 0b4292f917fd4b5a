"""The CLI progress bar starts a new bar for each phase, so a count never goes backwards."""

import io
import sys
from itertools import pairwise

from stylerec_app.cli.common import ProgressBar
from stylerec_app.domain.progress import Progress


def test_a_new_phase_or_a_count_that_restarts_gets_a_new_bar(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    bar = ProgressBar()
    seen = []
    for p in (Progress(5, 10, "products"), Progress(9, 10, "products"),
              Progress(1, 10, "shoppers"),  # same total, next stage
              Progress(2, 4, "evaluate", "bpr"), Progress(1, 4, "evaluate", "bpr"),  # restart
              Progress(3, 4, "evaluate", "bpr")):
        bar(p)
        seen.append((bar.bar, bar.bar.n))  # the objects: ids of closed bars get reused
    bar.close()
    bars = [b for b, _ in seen]
    assert bars[0] is bars[1] and bars[4] is bars[5]
    assert len({id(b) for b in bars}) == 4
    for (b1, n1), (b2, n2) in pairwise(seen):
        assert b1 is not b2 or n2 >= n1  # within one bar the count only grows
