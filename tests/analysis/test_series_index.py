"""The dashboard's series from the in-memory index (analysis/series.py `series_from_index`) are the SQL
series, frame for frame (columns, types, every figure), over a store of random events."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from dyads.analysis.series import series, series_from_index
from dyads.storage.readmodel import EventIndex
from tests.conftest import random_store

ASKED = [
    {"actor": "USA"}, {"actor": "RUSMIL"}, {"dyad": "CHN,RUS"}, {"dyad": "USA,USA"}, {"group": "CHN+RUS,USA+EU"},
    {"actor": "UKR", "since": "2021-03", "until": "2022-05"}, {"dyad": "IRN,ISR", "min_confidence": 0.8},
    {"actor": "PSE"}, {"actor": "UN", "since": "2030"},
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = random_store(tmp_path_factory.mktemp("series") / "random.duckdb", events=4000, seed=11)
    con = duckdb.connect(str(path), read_only=True)
    yield con, EventIndex(con)
    con.close()


@pytest.mark.parametrize("by", ["day", "week", "month", "quarter"])
@pytest.mark.parametrize("mentions", [False, True])
@pytest.mark.parametrize("asked", ASKED, ids=lambda a: ",".join(f"{k}={v}" for k, v in a.items()))
def test_index_series_is_the_sql_series(store, asked, by, mentions):
    con, index = store
    arguments = dict(asked, by=by, mentions=mentions, by_root=by == "quarter")
    expected = series(con, **arguments)
    found = series_from_index(index, con, **arguments)
    if expected.empty:
        assert found.empty and asked.get("actor") in ("PSE", "UN")
        return
    pd.testing.assert_frame_equal(found, expected, check_exact=False, rtol=1e-12, atol=1e-12)
    assert found["events"].sum() > 0
