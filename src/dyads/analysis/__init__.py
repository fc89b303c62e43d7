"""Analyses over the store: SQL only, pandas DataFrames out."""
