"""Where the demo commands keep the passwords they generate (under var/, owner-only)."""

import os
from pathlib import Path


def read_secret(path: Path) -> str | None:
    try:
        return path.read_text().strip() or None
    except FileNotFoundError:
        return None


def write_secret(path: Path, secret: str) -> None:
    """Write ``secret`` to ``path``, readable and writable by its owner only (mode 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secret + "\n")
