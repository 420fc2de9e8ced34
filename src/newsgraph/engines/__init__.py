"""Executors that run the same pipeline code locally (process pool) or on Dask."""
