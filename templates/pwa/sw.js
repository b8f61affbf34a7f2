/* Preparedness service worker: keeps the shell and one language's guidance on the device.
   Served by preparedness/pwa/views.py from /sw.js?lang=xx; the lists below come from the app's routes
   (preparedness/pwa/precache.py says what each holds and why in this order). */
"use strict";
const VERSION = {{ version|tojson }};
const LANG = {{ lang|tojson }};
const LANGUAGES = {{ languages|tojson }};
// Saved at install, whatever the connection: the files pages load and the offline page...
const SHELL = {{ lists.SHELL|tojson }};
// ...and the action cards, in one bundle of pages.
const ESSENTIAL = {{ lists.ESSENTIAL|tojson }};
// Saved when the page is idle and the link allows it: the scripts of some pages, the rest of the
// guidance, and pages other parts of the site ask for.
const ASSETS = {{ lists.ASSETS|tojson }};
const BUNDLES = {{ lists.BUNDLES|tojson }};
const PAGES = {{ lists.PAGES|tojson }};
// The chosen area's shelters (one page of them) and the index naming every area.
const AREAS = {{ lists.AREAS|tojson }};
const SHELTER_INDEX = {{ lists.SHELTER_INDEX|tojson }};
// Pages saved for the chosen area (?area=slug), with its shelters; the area's shelter list and the
// nearest shelters' pages come in one bundle.
const AREA_PAGES = {{ lists.AREA_PAGES|tojson }};
const SHELTER_LIST = {{ lists.SHELTER_LIST|tojson }};
const SHELTERS_BUNDLE = {{ lists.SHELTERS_BUNDLE|tojson }};
const LINKED_SHELTERS = {{ lists.LINKED_SHELTERS|tojson }};
const PRECACHE = "preparedness-" + LANG + "-" + VERSION;
// Pages and data saved while browsing; kept across versions, trimmed to the newest entries.
const RUNTIME = "preparedness-runtime";
const RUNTIME_LIMIT = 80;
// What was saved after install (the rest, the area's shelters): kept across versions, so a deploy never
// leaves a phone on a slow link without its checklists; refreshed by the first good visit after one.
const SAVED = "preparedness-saved";
// The version whose rest is in SAVED, kept under a key no page can ask for (/sw.js is never answered).
const SAVED_MARK = "/sw.js?saved=" + LANG;
// An area's shelters are fetched again at most this often.
const AREA_REFRESH_MS = 10 * 60 * 1000;
const NAVIGATION_TIMEOUT_MS = 3000;

self.addEventListener("install", (event) => {
  event.waitUntil(saveEssentials());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(removeOldCaches().then(() => self.clients.claim()));
});

// Saving for later is best effort and never holds the worker: a new version waiting to take over
// (after a language switch, say) must not wait for those downloads, or the reader's next page would.
self.addEventListener("message", (event) => {
  const data = event.data;
  if (data === "skip-waiting") self.skipWaiting();
  else if (data && Array.isArray(data.save)) queueLinked(data.save).catch(() => {});
  else if (data && data.offline) saveMore(data.offline).catch(() => {});
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Non-GET, other sites, the admin and this script itself go straight to the network.
  if (request.method !== "GET" || url.origin !== self.location.origin ||
      url.pathname.startsWith("/admin") || url.pathname === "/sw.js") return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event, url));
  } else if (url.pathname.startsWith("/static/") && url.searchParams.has("v")) {
    event.respondWith(cacheFirst(event));
  } else if (url.pathname === SHELTER_INDEX) {
    event.respondWith(staleWhileRevalidate(event));
  } else {
    event.respondWith(fetch(request).catch(() => lookup(request).then((hit) => hit || Response.error())));
  }
});

/* ---- Saving for offline use, in order: essentials, the area's shelters, the rest ---- */

async function saveEssentials() {
  const cache = await caches.open(PRECACHE);
  // The shell and the action cards must be complete, or this version does not install.
  await cache.addAll(SHELL);
  for (const url of ESSENTIAL) await saveBundle(cache, url);
}

// A bundle is {"pages": {path: html}}: each page is kept under its own address, as if fetched alone.
async function saveBundle(cache, url) {
  const response = await fetch(url, {cache: "no-cache"});
  // Not cacheable() itself: a static copy of the site may be served without Cache-Control.
  const control = response.headers.get("Cache-Control") || "";
  if (!response.ok || response.type !== "basic" || /no-store|private/.test(control)) {
    throw new Error(url + " answered " + response.status);
  }
  const headers = {"Content-Type": "text/html; charset=utf-8",
                   "Date": response.headers.get("Date") || new Date().toUTCString()};
  const bundle = await response.json();
  await Promise.all(Object.entries(bundle.pages).map(([path, html]) =>
    cache.put(path, new Response(html, {headers: headers}))));
}

// Whether the link allows more than the essentials: not on 2g, not when the reader saves data.
// The page reports its own view too, since a browser may tell the page and not the worker.
let reported = null;
function roomy() {
  const slow = (type) => /2g$/.test(type || "");
  return [self.navigator.connection, reported].every((info) => !info ||
    (!info.saveData && !slow(info.effectiveType)));
}

// Shelter pages a page links to (the nearest ones), waiting for the page's report of the connection.
let linked = [];
async function queueLinked(paths) {
  linked = paths.slice(0, LINKED_SHELTERS);
  if (reported && roomy()) {
    await saveShelters(await caches.open(SAVED), AREAS.includes(reported.area) ? reported.area : null);
  }
}

// Sent by the page once it is idle: {page, area, saveData, effectiveType}. One run at a time, in turn,
// so an area chosen while the rest is being saved is saved right after it.
let saving = Promise.resolve();
async function saveMore(report) {
  reported = report;
  await saveShown(report.page);
  if (!roomy()) return;  // essentials only; the rest on a later visit over a better link
  const area = AREAS.includes(report.area) ? report.area : null;
  saving = saving.then(() => saveRest(area)).catch(() => null);
  await saving;
}

async function saveRest(area) {
  const cache = await caches.open(SAVED);
  if (area) await saveArea(cache, area);
  await saveShelters(cache, area);
  const mark = await cache.match(SAVED_MARK);
  if (mark && await mark.text() === VERSION) return;
  // Hashed files belong to this version: kept with it.
  const precache = await caches.open(PRECACHE);
  await Promise.all(ASSETS.map((url) => saveOne(precache, url, "default")));
  for (const url of BUNDLES) {
    try {
      await saveBundle(cache, url);
    } catch (error) {
      return;  // offline or failing: tried again on the next visit
    }
  }
  await Promise.all(PAGES.map((url) => saveOne(cache, url)));
  await cache.put(SAVED_MARK, new Response(VERSION));
}

// The page the reader has open, loaded before this worker was in control: kept from the browser's
// own cache, so this costs no network at all.
async function saveShown(path) {
  if (typeof path !== "string" || !path.startsWith("/") || path.startsWith("//") ||
      path.startsWith("/admin") || await lookup(path)) return;
  try {
    const response = await fetch(path, {cache: "only-if-cached", mode: "same-origin"});
    if (cacheable(response)) await store(new Request(new URL(path, self.location.origin).href), response);
  } catch (error) {
    // Not in the browser's cache: saved the next time it is opened.
  }
}

// The chosen area's shelters (the first page of them), the index naming every area, and the area's
// pages, each unless saved a moment ago (the page open now usually is).
async function saveArea(cache, area) {
  const query = "?area=" + encodeURIComponent(area);
  const urls = [SHELTER_INDEX + query, SHELTER_INDEX].concat(AREA_PAGES.map((page) => page + query));
  for (const url of urls) {
    if (Date.now() - dateOf(await lookup(url)) >= AREA_REFRESH_MS) await saveOne(cache, url);
  }
  // One area's shelter data at a time: an area chosen before gives way (its pages are small and stay).
  for (const request of await cache.keys()) {
    const key = new URL(request.url);
    const other = key.searchParams.get("area");
    if (key.pathname === SHELTER_INDEX && other && other !== area) await cache.delete(request);
  }
}

// A page or data file is kept when it answers 200; a missing one does not stop the others. Pages and
// data are asked for afresh; a hashed file the browser already holds ("default") costs nothing.
async function saveOne(cache, url, mode = "no-cache") {
  try {
    const response = await fetch(url, {cache: mode});
    if (cacheable(response)) await cache.put(url, response);
  } catch (error) {
    // Offline: saved on a later visit.
  }
}

// The chosen area's shelter list and the nearest shelters' pages not saved yet, in one bundle
// (the same one for everyone in the area, so caches on the way keep it).
async function saveShelters(cache, area) {
  const ids = [];
  for (const path of linked) {
    const found = /^\/[a-z-]+\/shelters\/(\d+)$/.exec(new URL(path, self.location.origin).pathname);
    if (found && !(await lookup(path))) ids.push(Number(found[1]));
  }
  linked = [];
  const query = new URLSearchParams();
  const list = area && SHELTER_LIST + "?area=" + encodeURIComponent(area);
  if (list && Date.now() - dateOf(await lookup(list)) >= AREA_REFRESH_MS) query.set("area", area);
  if (ids.length) query.set("ids", [...new Set(ids)].sort((a, b) => a - b).join("-"));
  if (!query.toString()) return;
  try {
    await saveBundle(cache, SHELTERS_BUNDLE + "?" + query);
  } catch (error) {
    // Offline or failing: saved on a later visit.
  }
}

async function removeOldCaches() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith("preparedness-") && name !== PRECACHE &&
    name !== RUNTIME && name !== SAVED).map((name) => caches.delete(name)));
  const runtime = await caches.open(RUNTIME);
  const shell = new Set(SHELL.concat(ASSETS).map((path) => new URL(path, self.location.origin).href));
  for (const request of await runtime.keys()) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/static/") && url.searchParams.has("v") && !shell.has(url.href)) {
      await runtime.delete(request);
    }
  }
}

/* ---- Answering requests ---- */

// Only what the server lets anyone cache: responses that set cookies are never "public".
function cacheable(response) {
  const control = response.headers.get("Cache-Control") || "";
  return response.status === 200 && response.type === "basic" && !response.redirected &&
    /\bpublic\b/.test(control) && !/no-store|private/.test(control);
}

async function store(request, response) {
  const cache = await caches.open(RUNTIME);
  await cache.put(request.url, response);
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - RUNTIME_LIMIT)).map((key) => cache.delete(key)));
}

function storeWhenCacheable(event, network) {
  // Attached before the page reads the body, so the clone is taken first.
  event.waitUntil(network.then((response) => cacheable(response) ?
    store(event.request, response.clone()) : null).catch(() => null));
}

function dateOf(response) {
  return response ? Date.parse(response.headers.get("Date") || "") || 0 : -1;
}

// The newest saved copy, whether saved while browsing, at install or after it.
async function lookup(request, options) {
  const settings = Object.assign({ignoreVary: true}, options);
  let newest = null;
  for (const name of [RUNTIME, PRECACHE, SAVED]) {
    const hit = await (await caches.open(name)).match(request, settings);
    if (hit && dateOf(hit) > dateOf(newest)) newest = hit;
  }
  return newest;
}

function wait(ms) {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}

// A saved page says so: offline.js shows its age in the page's language.
async function markSaved(response) {
  const html = await response.text();
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(html.replace("<body", "<body data-from-cache"),
    {status: response.status, statusText: response.statusText, headers: headers});
}

function languageOf(url) {
  const first = url.pathname.split("/")[1];
  return LANGUAGES.includes(first) ? first : LANG;
}

async function offlinePage(url) {
  if (url.pathname === "/") return Response.redirect("/" + LANG + "/" + url.search, 302);
  const page = await lookup("/" + languageOf(url) + "/offline") || await lookup("/" + LANG + "/offline");
  return page ? markSaved(page) : Response.error();
}

// Network first, always asking the server (a 304 is cheap) so a page shown without a banner is current;
// after the timeout or on failure the saved copy, then the offline page.
async function navigate(event, url) {
  const network = fetch(new Request(event.request, {cache: "no-cache"}));
  storeWhenCacheable(event, network);
  const first = await Promise.race([network.catch(() => null), wait(NAVIGATION_TIMEOUT_MS)]);
  if (first && first.status < 500) return first;
  const saved = await lookup(event.request);
  if (saved) return markSaved(saved);
  const late = first || await network.catch(() => null);
  return late || await otherQuery(url) || offlinePage(url);
}

// A page asked for without a query ("/ru/", "/ru/shelters/") and not saved: the newest saved copy
// of it for some area, which is where the remembered area would lead online too.
async function otherQuery(url) {
  if (url.search) return null;
  let newest = null;
  let found = null;
  for (const name of [RUNTIME, SAVED]) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const key = new URL(request.url);
      if (key.pathname !== url.pathname || !key.search) continue;
      const hit = await cache.match(request);
      if (dateOf(hit) > dateOf(newest)) [newest, found] = [hit, key.href];
    }
  }
  return found ? Response.redirect(found, 302) : null;
}

// Hashed files never change: the saved copy when there is one.
async function cacheFirst(event) {
  const saved = await lookup(event.request);
  if (saved) return saved;
  try {
    const network = fetch(event.request);
    storeWhenCacheable(event, network);
    return await network;
  } catch (error) {
    // An old page offline asks for an older hash: any saved version of the file will do.
    return await lookup(event.request, {ignoreSearch: true}) || Response.error();
  }
}

// Shelter data: the saved copy at once, refreshed in the background.
async function staleWhileRevalidate(event) {
  const network = fetch(event.request);
  storeWhenCacheable(event, network);
  const saved = await lookup(event.request);
  return saved || network.catch(() => Response.error());
}

// Web Push (preparedness/push): kind + area as the title, step 1 of the action card as the body,
// one notification per area (a newer one, such as the all-clear, replaces the threat); a tap opens
// the notice. The payload was written in the subscriber's language by the server.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  // A withdrawal keeps the withdrawn alert's kind; it replaces it quietly (same tag).
  const threat = !data.withdrawn && ["missile", "air_raid", "drone", "artillery"].includes(data.kind);
  event.waitUntil(self.registration.showNotification(data.title || "", {
    body: data.body || "", tag: data.tag || "preparedness", renotify: true, requireInteraction: threat,
    icon: {{ asset_url('icons/icon-192.png')|tojson }}, data: {url: data.url || "/"},
  }));
});

// The push service replaced this browser's subscription (it expired or was renewed): subscribe again
// and hand the new one over, so the areas chosen on the page keep their alerts. The server moves the
// old subscription's areas and language to the new endpoint (`replaces`). Pages check too
// (static/js/push.js), for browsers that never fire this event.
const PUSH_KEY = {{ (push_public_key() or "")|tojson }};
self.addEventListener("pushsubscriptionchange", (event) => {
  const old = event.oldSubscription;
  event.waitUntil((async () => {
    if (!old) return;
    const key = (old.options && old.options.applicationServerKey) || PUSH_KEY;
    const fresh = event.newSubscription ||
      await self.registration.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: key});
    await fetch("/api/push/subscriptions", {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({subscription: fresh.toJSON(), replaces: old.endpoint})});
  })().catch(() => {}));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL((event.notification.data || {}).url || "/", self.location.origin);
  if (url.origin !== self.location.origin) return;
  event.waitUntil(self.clients.matchAll({type: "window", includeUncontrolled: true}).then((windows) => {
    const open = windows.find((client) => client.url === url.href && "focus" in client);
    return open ? open.focus() : self.clients.openWindow(url.href);
  }));
});
