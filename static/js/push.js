/* "Alert me for <area>": subscribes through the service worker; the server keeps only the
   endpoint, its keys, the areas and the language. Areas chosen on this device are kept in localStorage. */
(function () {
  "use strict";
  var box = document.querySelector("[data-push-key]");
  if (!box || !box.getAttribute("data-push-key")) return;  // push is not set up on this server
  var d = box.dataset, button = box.querySelector("[data-push-toggle]");
  var state = box.querySelector("[data-push-state]"), areas = d.pushAreas.split(" ");
  box.hidden = false;
  function say(text) { state.textContent = text; }
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !window.Notification) {
    button.hidden = true;
    return say(d.msgUnsupported);
  }
  function mine() {
    try { return JSON.parse(localStorage.getItem("push-areas")) || []; } catch (e) { return []; }
  }
  function keep(name, value) {
    try {
      if (value) localStorage.setItem(name, value); else localStorage.removeItem(name);
    } catch (e) { /* storage disabled */ }
  }
  function known() {
    try { return localStorage.getItem("push-endpoint"); } catch (e) { return null; }
  }
  function on() {
    var list = mine();
    return areas.every(function (a) { return list.indexOf(a) >= 0; });
  }
  function label() {
    button.textContent = on() ? d.labelStop : d.labelStart;
    button.setAttribute("aria-pressed", on());
  }
  function key() {
    var text = atob(d.pushKey.replace(/-/g, "+").replace(/_/g, "/") + "==".slice(0, (4 - d.pushKey.length % 4) % 4));
    return Uint8Array.from(text, function (c) { return c.charCodeAt(0); });
  }
  function send(method, body) {
    return fetch("/api/push/subscriptions", {method: method, headers: {"Content-Type": "application/json"},
      body: JSON.stringify(body)}).then(function (r) { if (!r.ok) throw new Error(r.status); });
  }
  async function toggle() {
    var reg = await navigator.serviceWorker.ready, adding = !on();
    var sub = await reg.pushManager.getSubscription();
    var list = mine().filter(function (a) { return areas.indexOf(a) < 0; });
    if (adding) {
      if (await Notification.requestPermission() !== "granted") return say(d.msgDenied);
      sub = sub || await reg.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: key()});
      list = list.concat(areas);
    }
    if (list.length) {
      await send("POST", {subscription: sub.toJSON(), areas: list, lang: d.pushLang});
      keep("push-endpoint", sub.endpoint);
    } else if (sub) {
      await send("DELETE", {endpoint: sub.endpoint});
      // The desk (static/js/admin-push.js) may use this browser's subscription too.
      var desk = null;
      try { desk = localStorage.getItem("push-desk"); } catch (e) { /* storage disabled */ }
      if (desk !== "1") await sub.unsubscribe();
      keep("push-endpoint", null);
    }
    try { localStorage.setItem("push-areas", JSON.stringify(list)); } catch (e) { /* storage disabled */ }
    label();
    say(adding ? d.msgOn : d.msgOff);
  }
  // The push service may have replaced this browser's subscription since the last visit (the
  // service worker hands it over when the browser says so; not every browser does): hand it over here.
  async function current() {
    var list = mine(), before = known();
    if (!list.length || Notification.permission !== "granted") return;
    var reg = await navigator.serviceWorker.ready, sub = await reg.pushManager.getSubscription();
    if (sub && sub.endpoint === before) return;
    sub = sub || await reg.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: key()});
    var body = {subscription: sub.toJSON(), areas: list, lang: d.pushLang};
    if (before && before !== sub.endpoint) body.replaces = before;
    await send("POST", body);
    keep("push-endpoint", sub.endpoint);
  }
  button.addEventListener("click", function () { toggle().catch(function () { say(d.msgFailed); }); });
  label();
  current().catch(function () { /* offline: the next visit tries again */ });
})();
