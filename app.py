"""Entry point: `flask --app app run`, `gunicorn app:app`."""

import sys

from preparedness import create_app
from preparedness.db import StartupError

# gunicorn's "worker failed to boot" status: its master stops instead of starting workers in a loop.
BOOT_ERROR = 3

try:
    app = create_app()
except StartupError as error:
    # One line that says what is wrong, instead of a traceback.
    print(f"preparedness cannot start: {error}", file=sys.stderr)
    raise SystemExit(BOOT_ERROR) from None
