"""The figures behind the progress charts."""

from __future__ import annotations

from inventra_desktop.stocktake.models import Status
from inventra_desktop.stocktake.progress import VARIANCE_BUCKETS, bucket_of, session_progress

from builders import AREAS, variant


def test_buckets_cover_every_variance_once() -> None:
    for variance in range(-40, 41):
        low_high = VARIANCE_BUCKETS[bucket_of(variance)]
        assert (low_high[1] is None or variance >= low_high[1]) and (low_high[2] is None or variance <= low_high[2])
    assert VARIANCE_BUCKETS[bucket_of(0)][0] == "0"
    assert VARIANCE_BUCKETS[bucket_of(-10)][0] == "≤ −10" and VARIANCE_BUCKETS[bucket_of(5)][0] == "+5 … +9"


def test_statuses_areas_and_variances_of_the_variants_taking_part() -> None:
    vs = [variant(1, showroom=5, baseline=(5, 0)),  # done, exact
          variant(2, showroom=3, warehouse=1, baseline=(10, 0), status=Status.IN_PROGRESS),  # -6
          variant(3, status=Status.PENDING, counted=False, baseline=(4, 0)),  # not counted yet: no variance
          variant(4, showroom=20, garage=2, baseline=(1, 0)),  # +21
          variant(5, showroom=9, session_name="OTHER")]  # another session
    progress = session_progress(vs, AREAS, "S1", blind=False)
    assert progress.statuses == {Status.PENDING: 1, Status.IN_PROGRESS: 1, Status.DONE: 2}
    assert progress.total == 4 and progress.done == 2
    showroom, warehouse, garage = progress.areas
    assert (showroom.counted, showroom.units, showroom.total) == (3, 28, 4)
    assert (garage.counted, garage.units) == (1, 2)
    assert warehouse.units == 1
    assert dict(progress.variances or []) == {"≤ −10": 0, "−9 … −5": 1, "−4 … −1": 0, "0": 1, "+1 … +4": 0,
                                              "+5 … +9": 0, "≥ +10": 1}


def test_a_blind_count_shows_no_variances() -> None:
    assert session_progress([variant(1, showroom=2, baseline=(5, 0))], AREAS, "S1", blind=True).variances is None
