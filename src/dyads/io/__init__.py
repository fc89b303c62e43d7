"""Readers (files, folders, JSON Lines, WARC) and, later, exporters."""
