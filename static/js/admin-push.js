/* The desk's "Alert me on this device": subscribes through the site's service worker and gives the
   subscription to /admin/push/subscription (session and CSRF token). The same browser may also be
   subscribed as a resident (static/js/push.js): each side unsubscribes the browser only when the
   other no longer uses it. */
(function () {
  "use strict";
  var box = document.querySelector("[data-desk-push]");
  if (!box) return;
  var d = box.dataset, button = box.querySelector("[data-push-toggle]");
  var state = box.querySelector("[data-push-state]");
  box.hidden = false;
  function say(text) { state.textContent = text; }
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !window.Notification) {
    button.hidden = true;
    return say(d.msgUnsupported);
  }
  function stored(name) {
    try { return localStorage.getItem(name); } catch (e) { return null; }
  }
  function remember(on, endpoint) {
    try {
      if (on) { localStorage.setItem("push-desk", "1"); localStorage.setItem("push-desk-endpoint", endpoint); }
      else { localStorage.removeItem("push-desk"); localStorage.removeItem("push-desk-endpoint"); }
    } catch (e) { /* storage disabled */ }
  }
  function on() { return stored("push-desk") === "1"; }
  function residentAreas() {
    try { return (JSON.parse(stored("push-areas")) || []).length; } catch (e) { return 0; }
  }
  function label() {
    button.textContent = on() ? d.labelStop : d.labelStart;
    button.setAttribute("aria-pressed", on());
  }
  function key() {
    var k = d.pushKey, text = atob(k.replace(/-/g, "+").replace(/_/g, "/") + "==".slice(0, (4 - k.length % 4) % 4));
    return Uint8Array.from(text, function (c) { return c.charCodeAt(0); });
  }
  function send(method, body) {
    return fetch(d.endpoint, {method: method, credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": d.csrf}, body: JSON.stringify(body)})
      .then(function (r) { if (!r.ok) throw new Error(r.status); });
  }
  async function toggle() {
    await navigator.serviceWorker.register(d.worker, {scope: "/"});
    var reg = await navigator.serviceWorker.ready, sub = await reg.pushManager.getSubscription();
    if (!on()) {
      if (await Notification.requestPermission() !== "granted") return say(d.msgDenied);
      sub = sub || await reg.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: key()});
      await send("POST", {subscription: sub.toJSON()});
      remember(true, sub.endpoint);
      say(d.msgOn);
    } else {
      if (sub) {
        await send("DELETE", {endpoint: sub.endpoint});
        if (!residentAreas()) await sub.unsubscribe();
      }
      remember(false);
      say(d.msgOff);
    }
    label();
  }
  // The push service may have replaced this browser's subscription since the last visit: hand the
  // new one over (the server keeps only the newest endpoint per browser it was given).
  async function current() {
    if (!on() || Notification.permission !== "granted") return;
    await navigator.serviceWorker.register(d.worker, {scope: "/"});
    var reg = await navigator.serviceWorker.ready, sub = await reg.pushManager.getSubscription();
    if (sub && sub.endpoint === stored("push-desk-endpoint")) return;
    sub = sub || await reg.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: key()});
    await send("POST", {subscription: sub.toJSON()});
    remember(true, sub.endpoint);
  }
  button.addEventListener("click", function () { toggle().catch(function () { say(d.msgFailed); }); });
  label();
  current().catch(function () { /* offline: the next visit tries again */ });
})();
