"""Writing output files safely: all or nothing."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from chronicle.errors import OutputError


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, never half-written."""
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name for the output")
    if not directory.is_dir():
        raise OutputError(
            f"{path}: folder {directory} does not exist; create it or choose another -o"
        )
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        message = f"{path}: cannot write here ({exc.strerror}); choose another -o"
        raise OutputError(message) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
        os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise OutputError(f"{path}: cannot write ({exc.strerror}); choose another -o") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _umask() -> int:
    """The process umask (read by setting it and putting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
