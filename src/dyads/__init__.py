"""dyads: who did what to whom, when and where, from the news."""
__version__ = "0.1.0"
