"""gunicorn reads this file from its working folder (the project root).

The app's start-up checks (database, SECRET_KEY, BASE_URL) run once in the master before any
worker is forked: when they fail, gunicorn stops with exit status 3 and one line that says why.
Left to the workers alone, several workers failing together can stop gunicorn with status 1,
which systemd would restart in a loop.
"""


def on_starting(server):
    """Build the app once and throw it away; the workers build their own after the fork."""
    from preparedness import create_app_or_exit

    create_app_or_exit()
