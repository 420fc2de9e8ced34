"""Evaluation harnesses that score newsgraph against the shared gold data sets."""
