"""The actor knowledge base: states, organisations, office-holders with dated terms, role words,
news outlets, as data files we write; and readers for users' CAMEO/PETRARCH dictionaries."""
from dyads.kb.load import KnowledgeBase, load_kb

__all__ = ["KnowledgeBase", "load_kb"]
