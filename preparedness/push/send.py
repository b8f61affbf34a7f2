"""Sending queued notices to their subscribers: async HTTP with connection reuse and concurrency."""

import asyncio
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor

import aiohttp

from ..db import connect
from ..i18n import utcnow
from ..notices.store import notice_by_id
from . import desk_alerts, store
from .crypto import VapidTokens
from .fanout import Fanout, Tally, send_pages
from .keys import key_path, load_keys
from .parallel import send_in_processes
from .payload import AppPayloads

log = logging.getLogger("preparedness.push")


async def send_job(fanout, app, db, job):
    """Fan one job out (over worker processes when it is large); returns its tally."""
    tally = Tally()
    notice = notice_by_id(db, job["notice_id"])
    if notice is None:        # unpublished meanwhile: nothing to announce
        return tally
    notice = store.withdrawal(notice, job)
    processes = int(app.config["PUSH_PROCESSES"] or os.cpu_count() or 1)
    if processes > 1 and store.count_subscribers(db, notice) >= int(app.config["PUSH_PARALLEL_ABOVE"]):
        return await asyncio.get_running_loop().run_in_executor(
            None, send_in_processes, app, notice, processes)
    return await send_pages(fanout, db, notice, tally)


async def send_retries(fanout, db):
    """Repeat deliveries whose wait is over; returns how many were tried."""
    due = store.due_retries(db, utcnow())
    by_job = {}
    for row in due:
        by_job.setdefault((row["job_id"], row["notice_id"], row["withdraw_areas"]), []).append(row)
    for (job_id, notice_id, withdraw_areas), subs in by_job.items():
        notice = notice_by_id(db, notice_id)
        tally = Tally()
        if notice is not None:
            notice = store.withdrawal(notice, {"withdraw_areas": withdraw_areas})
            await fanout.send(notice, subs, tally, attempt=1)
        store.remove_gone(db, tally.removed)
        waiting = {sub_id for sub_id, _ in tally.retries}
        store.clear_retries(db, [(job_id, s["id"]) for s in subs if s["id"] not in waiting])
        store.schedule_retries(db, job_id, tally.retries)
    return len(due)


async def drain_async(app, db):
    """Send every claimable job and every due retry once; returns [(job id, tally, seconds)]."""
    vapid = load_keys(key_path(app))
    if vapid is None:
        raise RuntimeError("no VAPID key: run `flask push keys` first")
    connector = aiohttp.TCPConnector(limit=int(app.config["PUSH_CONCURRENCY"]), ttl_dns_cache=300)
    timeout = aiohttp.ClientTimeout(total=float(app.config["PUSH_TIMEOUT"]))
    done = []
    tokens = VapidTokens(vapid, app.config["PUSH_VAPID_SUBJECT"])
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, auto_decompress=False) as session:
        fanout = Fanout(AppPayloads(app), tokens, app.config["PUSH_CONCURRENCY"], session)
        while (job := store.claim_job(db, utcnow())) is not None:
            started = time.monotonic()
            tally = await send_job(fanout, app, db, job)
            store.remove_gone(db, tally.removed)
            store.schedule_retries(db, job["id"], tally.retries)
            store.finish_job(db, job["id"], tally.sent, len(tally.removed), tally.failed, utcnow())
            done.append((job["id"], tally, time.monotonic() - started))
            log.info("push job %d (notice %d): sent %d, gone %d, retry %d, failed %d in %.1f s",
                     job["id"], job["notice_id"], tally.sent, len(tally.removed), len(tally.retries),
                     tally.failed, done[-1][2])
        await send_retries(fanout, db)
        desk = Fanout(desk_alerts.payloads, tokens, app.config["PUSH_CONCURRENCY"], session)
        told = await desk_alerts.announce_waiting(desk, db, utcnow())
        if told.sent or told.removed:
            log.info("desk alerts: sent %d, gone %d", told.sent, len(told.removed))
    return done


def drain(app):
    """Send what is pending once, on a connection of its own (no request needed)."""
    return outside_any_loop(lambda: drain_here(app))


def drain_here(app):
    """drain() in this thread, which runs no event loop."""
    db = connect(app.config["DATABASE"])
    try:
        with app.app_context():
            return asyncio.run(drain_async(app, db))
    finally:
        db.close()


def outside_any_loop(work):
    """Run `work` here, or in a thread of its own when this thread already runs an event loop.

    asyncio.run refuses to nest, and a program embedding us (or a browser driver in the same
    process) may be running one.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def has_pending(app):
    """Whether a job waits for a sender, a retry is due, or something new waits for an operator."""
    db = connect(app.config["DATABASE"])
    try:
        with app.app_context():
            return store.claimable(db, utcnow()) or desk_alerts.unannounced(db)
    finally:
        db.close()
