"""The ``chronicle`` console entry point: stop cleanly on Ctrl-C, then run the command line.

The signal handlers are set before anything heavy is imported, so an interrupt at
any moment prints one line ("chronicle: interrupted") and exits 130 (143 for
SIGTERM); a file being written is removed on the way out (:func:`~chronicle.files.write_atomic`).
"""

from __future__ import annotations

import signal
import sys
from types import FrameType

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """A stop signal arrived: unwinds past ``except Exception`` (and the CLI library's own
    Ctrl-C handling) so that cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: FrameType | None) -> None:
    """Signal handler: ignore further stop signals and unwind."""
    for each in _SIGNALS:
        signal.signal(each, signal.SIG_IGN)
    raise Interrupted(signum)


def main() -> None:
    """Run the command line; a stop signal is one line and exit code 128 + its number."""
    for each in _SIGNALS:
        if signal.getsignal(each) in (signal.default_int_handler, signal.SIG_DFL):
            signal.signal(each, _stop)  # one ignored on purpose (a background job) stays so
    try:
        from chronicle.cli import main as run

        run()
    except (Interrupted, KeyboardInterrupt) as stop:
        signum = stop.signum if isinstance(stop, Interrupted) else signal.SIGINT
        try:
            sys.stderr.write("chronicle: interrupted\n")
            sys.stderr.flush()
        except OSError:
            pass
        sys.exit(128 + signum)
