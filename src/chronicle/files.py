"""Writing output files safely: all or nothing, never over an input, a device or a read-only file.

``-o`` is checked before any work (:func:`output_target`): a folder (an
existing one, or any path ending in ``/``) gets ``timeline.<ext>`` inside it;
a device, FIFO or socket (or a symbolic link to one) is refused, as only
``-o -`` writes to standard output; a read-only file is refused unless
``--force``. A symbolic link to a regular file is followed: the file it points
to is replaced and the link stays.

Files are written to a temporary file in the same folder and renamed into
place (:func:`write_atomic`). The temporary file's name carries
``.chronicle-<pid>-``, so that one left behind by a killed run is recognised
and removed by the next run that writes into that folder (once its process is
gone, or after an hour).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from chronicle.errors import OutputError, UsageError

STDOUT = "-"
TEMP_MARK = ".chronicle-"
_TEMP_NAME = re.compile(r"\..*\.chronicle-(\d+)-[a-z0-9_]+\.tmp")
STALE_DEAD_SECONDS = 60  # a temporary file of a process that is gone, this old, is stale
STALE_SECONDS = 3600  # any of chronicle's temporary files this old is stale (a write takes seconds)
_NAME_CHARS = 100  # of the output's name kept in its temporary file's name


@dataclass(frozen=True, slots=True)
class OutputTarget:
    """Where ``-o`` writes: the name to show and the file replaced (a link's target)."""

    shown: str
    path: Path

    def write(self, text: str, *, force: bool = False) -> None:
        """Write ``text`` atomically, checking the target again just before."""
        check_target(self.shown, self.path, force=force)
        write_atomic(self.path, text)


def output_target(
    output: str | None, default_name: str, *, force: bool = False
) -> OutputTarget | None:
    """The checked target of ``-o`` (None for standard output); OutputError when it is unfit.

    ``default_name`` is the file written inside a folder given as ``-o DIR/`` or an
    existing ``-o DIR``.
    """
    if output is None or output == STDOUT:
        return None
    if not output:
        raise OutputError("-o is empty; give a file name, a folder, or - for standard output")
    shown = output
    if output.endswith(("/", os.sep)) or os.path.isdir(output):
        if not os.path.isdir(output):
            raise OutputError(f"{output}: no such folder; create it or choose another -o")
        shown = os.path.join(output, default_name)
    path = Path(os.path.realpath(shown)) if os.path.islink(shown) else Path(shown)
    check_target(shown, path, force=force)
    return OutputTarget(shown, path)


def check_target(shown: str, path: Path, *, force: bool) -> None:
    """Refuse a target that is a folder, not a regular file, or read-only (unless ``force``)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise OutputError(
                f"{shown}: folder {folder} does not exist; create it or choose another -o"
            ) from None
        return
    except OSError as exc:
        raise OutputError(f"{shown}: cannot use it ({exc.strerror}); choose another -o") from None
    problem = not_regular(info.st_mode)
    if problem is not None:
        raise OutputError(f"{shown}: {problem}; name a file, or use -o - for standard output")
    if not force and (info.st_mode & 0o222 == 0 or not os.access(path, os.W_OK)):
        raise OutputError(
            f"{shown}: is read-only; pass --force to replace it, or choose another -o"
        )


def not_regular(mode: int) -> str | None:
    """Why a file of ``mode`` is no regular file ("is a folder", "is a device, not a file")."""
    if stat.S_ISDIR(mode):
        return "is a folder"
    if not stat.S_ISREG(mode):
        return f"is a {file_kind(mode)}, not a file"
    return None


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def same_file(path: str, target: Path) -> bool:
    """True when ``path`` is ``target`` (same real path, or the same file through a hard link)."""
    if os.path.realpath(path) == os.path.realpath(target):
        return True
    try:
        return os.path.samefile(path, target)
    except OSError:
        return False


def overwrites_input(path: str) -> UsageError:
    """The error for ``-o`` naming one of the inputs."""
    return UsageError(f"{path}: is one of the inputs and -o would replace it; choose another -o")


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, never half-written.

    A file replaced keeps its permissions; a new one gets the usual ``0666`` less the umask.
    """
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name for the output")
    if not directory.is_dir():
        raise OutputError(
            f"{path}: folder {directory} does not exist; create it or choose another -o"
        )
    remove_stale_temps(directory)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    prefix = f".{path.name[:_NAME_CHARS]}{TEMP_MARK}{os.getpid()}-"
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    except OSError as exc:
        message = f"{path}: cannot write here ({exc.strerror}); choose another -o"
        raise OutputError(message) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise OutputError(f"{path}: cannot write ({exc.strerror}); choose another -o") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def remove_stale_temps(directory: Path) -> list[Path]:
    """Remove the temporary files chronicle runs left in ``directory`` when killed; list them.

    Only this user's files named by :func:`write_atomic` go, and only once their
    process is gone (and a minute has passed) or after an hour: a run writing now
    keeps its file.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        found = _TEMP_NAME.fullmatch(entry.name)
        if found is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            continue
        age = now - info.st_mtime
        if age > STALE_SECONDS or (age > STALE_DEAD_SECONDS and not _running(int(found.group(1)))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    """True when a process ``pid`` exists (on this machine)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _umask() -> int:
    """The process umask (read by setting it and putting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
