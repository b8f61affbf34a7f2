/* Preparedness service worker: keeps the shell and one language's guidance on the device.
   Served by preparedness/pwa/views.py from /sw.js?lang=xx; the lists below come from the app's routes. */
"use strict";
const VERSION = {{ version|tojson }};
const LANG = {{ lang|tojson }};
const LANGUAGES = {{ languages|tojson }};
const SHELL = {{ shell|tojson }};
const PAGES = {{ pages|tojson }};
const PRECACHE = "preparedness-" + LANG + "-" + VERSION;
// Pages and data saved while browsing; kept across versions, trimmed to the newest entries.
const RUNTIME = "preparedness-runtime";
const RUNTIME_LIMIT = 80;
const NAVIGATION_TIMEOUT_MS = 3000;

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(removeOldCaches().then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  else if (event.data && Array.isArray(event.data.save)) event.waitUntil(saveLinked(event.data.save));
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
  } else if (url.pathname === "/api/shelters.geojson") {
    event.respondWith(staleWhileRevalidate(event));
  } else {
    event.respondWith(fetch(request).catch(() => lookup(request).then((hit) => hit || Response.error())));
  }
});

async function precache() {
  const cache = await caches.open(PRECACHE);
  // The shell must be complete, or this version does not install.
  await cache.addAll(SHELL);
  // Pages are kept when they answer 200; a missing page does not stop the install.
  await Promise.all(PAGES.map(async (url) => {
    try {
      const response = await fetch(url, {cache: "no-cache"});
      if (cacheable(response)) await cache.put(url, response);
    } catch (error) {
      // Offline during install: the page is saved on a later visit.
    }
  }));
}

async function removeOldCaches() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith("preparedness-") && name !== PRECACHE &&
    name !== RUNTIME).map((name) => caches.delete(name)));
  const runtime = await caches.open(RUNTIME);
  const shell = new Set(SHELL.map((path) => new URL(path, self.location.origin).href));
  for (const request of await runtime.keys()) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/static/") && url.searchParams.has("v") && !shell.has(url.href)) {
      await runtime.delete(request);
    }
  }
}

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

// Pages a page links to and asks to keep (the nearest shelters): saved unless already on the device.
const SAVE_LINKED_LIMIT = 10;
async function saveLinked(paths) {
  for (const path of paths.slice(0, SAVE_LINKED_LIMIT)) {
    const url = new URL(path, self.location.origin);
    if (url.origin !== self.location.origin || !/^\/[a-z-]+\/shelters\/\d+$/.test(url.pathname) ||
        await lookup(url.href)) continue;
    try {
      const response = await fetch(url.href, {cache: "no-cache"});
      if (cacheable(response)) await store(new Request(url.href), response);
    } catch (error) {
      return;  // offline: nothing more can be saved now
    }
  }
}

function storeWhenCacheable(event, network) {
  // Attached before the page reads the body, so the clone is taken first.
  event.waitUntil(network.then((response) => cacheable(response) ?
    store(event.request, response.clone()) : null).catch(() => null));
}

function dateOf(response) {
  return response ? Date.parse(response.headers.get("Date") || "") || 0 : -1;
}

// The newest saved copy, whether saved while browsing or at install.
async function lookup(request, options) {
  const settings = Object.assign({ignoreVary: true}, options);
  const runtime = await (await caches.open(RUNTIME)).match(request, settings);
  const installed = await (await caches.open(PRECACHE)).match(request, settings);
  return dateOf(runtime) >= dateOf(installed) ? runtime : installed;
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
  return late || offlinePage(url);
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
