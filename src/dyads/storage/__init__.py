"""The store: one interface, DuckDB underneath."""
from dyads.storage.duckdb_store import Store

__all__ = ["Store"]
