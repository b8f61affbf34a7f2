"""Entry point: `flask --app app run`, `gunicorn app:app`."""

from preparedness import create_app
from preparedness.db import StartupError

try:
    app = create_app()
except StartupError as error:
    # One line that says what is wrong, instead of a traceback.
    raise SystemExit(f"preparedness cannot start: {error}") from None
