"""CLI command groups; each module exposes ``register(app)``. Thin layers over the library."""
