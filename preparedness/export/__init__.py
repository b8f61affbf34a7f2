"""Static export: the whole public site as files any static host or CDN can serve.

How the dynamic parts map onto plain files:
- /ru/ -> ru/index.html, /ru/notices/12 -> ru/notices/12/index.html (a host may redirect /ru/notices/12
  to /ru/notices/12/ first; nginx with `try_files $uri $uri/index.html =404` does not).
- Query strings cannot be files. /ru/?area=x, /ru/shelters/?q=..., /ru/kit?adults=2 and
  /api/notices.json?area=x get the file without the query: the whole region, the full shelter list,
  the empty kit form, every notice. Forms still submit; the reader sees the region-wide page.
- Pages that need the server are not exported: any response setting a cookie or marked no-store or
  private (forms carrying a CSRF token, such as a shelter's problem report); links to them reach 404.html.
- The service worker is registered as /sw.js?lang=xx; the export writes /sw-xx.js per language and
  rewrites that URL in every exported page (/sw.js is kept as the default language's worker).
- "/" is a static page: a link per language, a meta refresh to the default one, and a small script
  (lang-redirect.js) choosing by the lang cookie, then the browser's languages.
- A full export is built in DIR.tmp and renamed into place; re-exports after a publication replace
  one file at a time, each through a temporary file and a rename.
- /api/shelters.geojson (the index of areas) points to one file per area and page,
  /api/shelters/<area>.geojson, /api/shelters/<area>-<page>.geojson, instead of ?area=&page=.
Absolute URLs in feeds, JSON, CAP and QR codes use --base-url, else EXPORT_BASE_URL, else BASE_URL:
the site's public address. Without any of them the export refuses to run.
"""

import sys
from functools import partial

import click
from flask import current_app
from flask.cli import with_appcontext

from .site import export_base_url, export_changed, export_site

__all__ = ["export_changed", "export_site", "init_app"]


@click.command("export")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--base-url", default=None,
              help="Public address of the site, used in feeds, JSON, CAP and QR codes "
                   "(default EXPORT_BASE_URL, then BASE_URL).")
@with_appcontext
def export_command(directory, base_url):
    """Write every public page in every language, feeds, JSON, CAP, worker and assets to DIRECTORY."""
    app = current_app._get_current_object()
    base_url = export_base_url(app, base_url)
    if not base_url:
        click.echo("error: export needs the site's public address: pass --base-url "
                   "https://example.org or set BASE_URL", err=True)
        sys.exit(1)
    summary = export_site(app, directory, base_url)
    click.echo(f"exported {summary['files']} files ({summary['pages']} HTML pages) to {directory} "
               f"in {summary['seconds']:.1f} s")
    by_reason = {}
    for line in summary["not_exported"]:
        path, _, reason = line.partition(": ")
        by_reason.setdefault(reason, []).append(path)
    for reason, paths in sorted(by_reason.items()):
        click.echo(f"not exported ({reason}): {len(paths)}, e.g. {', '.join(paths[:3])}")


def init_app(app):
    """The `flask export` command; with EXPORT_DIR set, re-export after every publication."""
    app.cli.add_command(export_command)
    if app.config.get("EXPORT_DIR"):
        app.extensions.setdefault("on_publish", []).append(partial(export_changed, app))
