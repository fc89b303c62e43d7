"""The analyses' results as plain JSON-ready values (their `to_dict()`)."""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd


def plain(value):
    """A NumPy or pandas scalar as a plain Python value; NaN and NaT as None, days as YYYY-MM-DD."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """The rows of `frame` as dicts of plain values."""
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
