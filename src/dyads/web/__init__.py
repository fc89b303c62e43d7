"""The dashboard: a read-only FastAPI app over one store (`dyads serve`). See docs/dashboard.md."""
from dyads.web.app import create_app

__all__ = ["create_app"]
