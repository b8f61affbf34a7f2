"""Where an exported URL lives on disk, and writing files and whole trees so readers never see half."""

import os
import re
import shutil
import tempfile
from pathlib import Path, PurePosixPath

# Pages register /sw.js?lang=xx; a static host ignores the query, so each language gets its own file.
WORKER_QUERY = re.compile(rb"/sw\.js\?lang=([A-Za-z_-]+)")


def worker_file(lang):
    """The exported service worker of one language, as a URL path."""
    return f"/sw-{lang}.js"


def relative_file(url_path):
    """The file a static server maps `url_path` to: /ru/ -> ru/index.html, /ru/kit -> ru/kit/index.html.

    Paths whose last segment has an extension (notices.json, 12.xml, site.css) are files as they are.
    """
    path = url_path.split("?", 1)[0].split("#", 1)[0]
    parts = [p for p in PurePosixPath(path).parts if p not in ("/", "", ".", "..")]
    if not parts:
        return "index.html"
    if path.endswith("/") or "." not in parts[-1]:
        return "/".join(parts + ["index.html"])
    return "/".join(parts)


def static_host_body(content_type, body):
    """The body as a static host must serve it: pages register their language's worker file."""
    if content_type.startswith("text/html"):
        return WORKER_QUERY.sub(lambda m: worker_file(m.group(1).decode()).encode(), body)
    return body


def write_atomically(root, relative, body):
    """Write root/relative through a temporary file in the same folder, then rename over the old one."""
    target = Path(root) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".export-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def remove_file(root, relative):
    """Delete root/relative if it is there (a page that no longer exists)."""
    (Path(root) / relative).unlink(missing_ok=True)


def building_folder(target):
    """A fresh, empty DIR.tmp beside `target` to build the next export in."""
    building = Path(target).with_name(Path(target).name + ".tmp")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    return building


def swap_in(building, target):
    """Put the finished tree in place of the old one; the old one is removed afterwards.

    Two renames: between them DIR is briefly missing (a 404), never half written.
    """
    target = Path(target)
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.rename(target, old)
    os.rename(building, target)
    shutil.rmtree(old, ignore_errors=True)
