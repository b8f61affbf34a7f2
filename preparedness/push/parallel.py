"""Large fan-outs over worker processes: worker k of n sends to the subscriptions whose id % n == k.

Encryption (one ECDH per message) and HTTP cost CPU, and one process uses one core. The app writes
each (area, language) payload once; the workers need neither Flask nor the region pack, only the
database (read-only), the VAPID key and those payloads. The parent removes gone subscriptions and
schedules retries from the merged answers.
"""

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import aiohttp

from ..db import connect
from .crypto import VapidTokens
from .fanout import Fanout, Tally, send_pages
from .keys import key_path, load_keys
from .payload import AppPayloads


def payload_table(app, notice):
    """{(area, lang): (cleartext, headers)} for every area the notice covers and every language."""
    areas = ([a.slug for a in app.extensions["region"].areas] if notice["region_wide"]
             else notice["areas"])
    payloads = AppPayloads(app)
    with app.app_context():
        return {(area, lang): payloads(notice, area, lang)
                for area in areas for lang in app.config["LANGUAGES"]}


def send_in_processes(app, notice, processes):
    """Send `notice` from `processes` worker processes; returns the merged Tally."""
    base = {"database": app.config["DATABASE"], "key_file": str(key_path(app)),
            "subject": app.config["PUSH_VAPID_SUBJECT"], "concurrency": int(app.config["PUSH_CONCURRENCY"]),
            "timeout": float(app.config["PUSH_TIMEOUT"]), "notice": notice,
            "payloads": payload_table(app, notice), "default_lang": app.config["DEFAULT_LANGUAGE"],
            "parts": processes}
    # spawn: a fresh interpreter per worker, safe from a thread of a threaded server.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        shares = list(pool.map(send_share, [{**base, "part": k} for k in range(processes)]))
    tally = Tally()
    for share in shares:
        tally.sent += share["sent"]
        tally.failed += share["failed"]
        tally.removed.extend(share["removed"])
        tally.retries.extend(share["retries"])
    return tally


def send_share(spec):
    """In a worker process: send one share of the subscriptions; returns counts and ids."""
    return asyncio.run(send_share_async(spec))


async def send_share_async(spec):
    """The worker's event loop: its own connections, its own VAPID token per push service."""
    table, default = spec["payloads"], spec["default_lang"]

    def payloads(_notice, area, lang):
        """The parent's payload for this reader (the default language when theirs is unknown)."""
        return table.get((area, lang)) or table[(area, default)]

    db = connect(spec["database"], readonly=True)
    connector = aiohttp.TCPConnector(limit=spec["concurrency"], ttl_dns_cache=300)
    timeout = aiohttp.ClientTimeout(total=spec["timeout"])
    try:
        async with aiohttp.ClientSession(connector=connector, timeout=timeout,
                                         auto_decompress=False) as session:
            fanout = Fanout(payloads, VapidTokens(load_keys(spec["key_file"]), spec["subject"]),
                            spec["concurrency"], session)
            tally = await send_pages(fanout, db, spec["notice"], Tally(), (spec["part"], spec["parts"]))
    finally:
        db.close()
    return {"sent": tally.sent, "failed": tally.failed, "removed": tally.removed,
            "retries": tally.retries}
