"""Alembic migrations of SOM's database; `storage.migrate` runs them on start."""
