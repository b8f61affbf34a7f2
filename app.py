"""Entry point: `flask --app app run`, `gunicorn app:app`."""

from preparedness import create_app_or_exit

app = create_app_or_exit()
