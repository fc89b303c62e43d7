"""The options of an ingest on a Dask cluster, checked without importing Dask (it is an optional extra)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from dyads.errors import UsageError

LOCAL = re.compile(r"local:(\d+)")
SCHEDULER = re.compile(r"(?:(tcp|tls|ucx|ws|wss|inproc)://)?[\w.\-\[\]:]+:\d+")


@dataclass(frozen=True)
class DaskOptions:
    """`ingest` on Dask: `address` "local:N" (a LocalCluster of N processes started for the run) or a
    scheduler's (tcp://host:8786); `folder` where the workers write their Parquet partitions, in
    `<folder>/<run_id>` (a path or an fsspec URL such as s3://bucket/dir; default `<db>.dask`), kept after
    the merge with `keep_parquet`; `timeout` seconds to reach the scheduler (and for a worker to join it)."""

    address: str
    folder: str | None = None
    keep_parquet: bool = False
    timeout: float = 10.0

    def __post_init__(self):
        check_address(self.address)

    def runner(self, options):
        """The scale.dask_runner.DaskRunner of an ingest's `options`: connected, the model loaded on the workers."""
        from dyads.scale.dask_runner import DaskRunner

        return DaskRunner(options)

    def local_workers(self) -> int | None:
        """N of local:N; None for a scheduler address."""
        match = LOCAL.fullmatch(self.address)
        return int(match.group(1)) if match else None


def check_address(address: str) -> None:
    """UsageError (option --dask) unless `address` is local:N (N from 1 to 256) or a scheduler address."""
    local = LOCAL.fullmatch(address or "")
    if local:
        if not 1 <= int(local.group(1)) <= 256:
            raise UsageError("dask", f"{address!r}: a LocalCluster has from 1 to 256 workers")
        return
    if not SCHEDULER.fullmatch(address or ""):
        raise UsageError("dask", f"{address!r} is neither local:N (a LocalCluster of N processes) nor a "
                                 "scheduler address such as tcp://host:8786")
