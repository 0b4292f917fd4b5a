"""SQLite store: ORM models, schema migrations, repositories returning dataclasses."""
