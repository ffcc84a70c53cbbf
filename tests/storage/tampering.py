"""What someone with full access to the database can do to the evidence: switch the append-only
guard off (drop the SQLite triggers, or on PostgreSQL replication role `replica`), then edit."""

from __future__ import annotations

from sqlalchemy import Engine, text


def tamper(engine: Engine, tables: tuple[str, ...], *statements: str) -> None:
    """Run `statements` in one transaction with the guards of `tables` off."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            for table in tables:
                for operation in ("update", "delete"):
                    connection.execute(text(f"DROP TRIGGER IF EXISTS {table}_refuse_{operation}"))
        else:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        for statement in statements:
            connection.execute(text(statement))
