"""PostgreSQL databases of their own for the tests that run the stack in other processes."""

import os

import psycopg

SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def worker_database(prefix: str) -> str:
    """The name of this test worker's database of ``prefix``."""
    return prefix + os.environ.get("PYTEST_XDIST_WORKER", "main")


def database_url(name: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def fresh_database(name: str) -> str:
    """Database ``name`` new and empty (dropped first if a run left it); its URL. Each run
    starts empty: the stack tests create rows of their own."""
    with psycopg.connect(SERVER, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')
    return database_url(name)
