/* Offline use: registers the service worker, says when a page is a saved or old copy, offers updates.
   Every sentence comes from the page (templates/pwa/_status.html); times use the browser's Intl. */
(function () {
  "use strict";
  // Digits as the server writes them (Babel): Latin in every language, Arabic included.
  var lang = document.documentElement.lang + "-u-nu-latn";
  var body = document.body;
  var box = document.querySelector("[data-freshness]");

  function ago(minutes) {
    var format = new Intl.RelativeTimeFormat(lang, {numeric: "always"});
    if (minutes < 120) return format.format(-minutes, "minute");
    if (minutes < 2880) return format.format(-Math.round(minutes / 60), "hour");
    return format.format(-Math.round(minutes / 1440), "day");
  }

  // HH:MM in the region's time zone, as the server writes times.
  function clock(date) {
    return new Intl.DateTimeFormat(lang, {hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      timeZone: box ? box.getAttribute("data-timezone") : undefined}).format(date);
  }

  function fill(line, time, age) {
    if (!line.hasAttribute("data-template")) line.setAttribute("data-template", line.textContent);
    line.textContent = line.getAttribute("data-template").replace("{time}", time).replace("{age}", age);
    line.hidden = false;
  }

  // A page saved on the device (marked by the service worker) or older than the limit says so;
  // an old "no active alerts" is never shown as current.
  function showFreshness() {
    var stamp = body.getAttribute("data-generated");
    if (!box || !stamp) return;
    var generated = new Date(stamp);
    var minutes = Math.max(0, Math.round((Date.now() - generated.getTime()) / 60000));
    var saved = body.hasAttribute("data-from-cache");
    var stale = minutes > Number(box.getAttribute("data-stale-after"));
    if (!saved && !stale) return;
    var time = clock(generated);
    box.querySelector("[data-freshness-offline]").hidden = !saved;
    box.querySelector("[data-freshness-stale]").hidden = saved;
    fill(box.querySelector(saved ? "[data-freshness-offline]" : "[data-freshness-stale]"), time, ago(minutes));
    box.querySelector("[data-freshness-notices]").hidden = !document.querySelector(".notice");
    box.hidden = false;
    // Past the limit nothing on the page is confirmed: no "do now", no "no active alerts".
    var told = document.querySelector("[data-lead]") || document.querySelector(".status--calm");
    var unknown = document.querySelector("[data-status-unknown]");
    if (stale && told && unknown) {
      told.replaceWith(unknown);
      unknown.hidden = false;
    }
  }

  // Ages by the device's clock, never in the future; a notice past its expiry says when it ended
  // and loses its "do now" (a saved copy may be shown long after it was made).
  function checkNotices() {
    var now = Date.now(), words = Intl.RelativeTimeFormat.supportedLocalesOf([lang]).length;
    Array.prototype.forEach.call(document.querySelectorAll("time[data-age]"), function (time) {
      var minutes = Math.floor((now - Date.parse(time.getAttribute("datetime"))) / 60000);
      // A browser without this language's words keeps the server's, except for "just now".
      if (minutes < 1) time.textContent = body.getAttribute("data-just-now");
      else if (words) time.textContent = ago(minutes);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-notice]"), function (card) {
      var end = Date.parse(card.getAttribute("data-expires"));
      if (!(now >= end) || card.hasAttribute("data-ended-now")) return;
      card.setAttribute("data-ended-now", "");
      var line = card.querySelector("[data-ended]"), until = card.querySelector("[data-until]");
      line.textContent = line.getAttribute("data-ended").replace("{time}", clock(new Date(end)));
      line.hidden = false;
      if (until) until.hidden = true;
    });
  }

  function refresh() {
    checkNotices();
    showFreshness();
  }
  refresh();
  setInterval(refresh, 30000);
  addEventListener("pageshow", refresh);

  var update = document.querySelector("[data-update]");
  if (!("serviceWorker" in navigator) || !update) return;

  // Shelter pages this page links to (the nearest ones) are kept for use offline.
  function saveLinked(registration) {
    var paths = [];
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (link) {
      if (link.origin === location.origin && /\/shelters\/\d+$/.test(link.pathname) &&
          paths.indexOf(link.pathname) === -1) paths.push(link.pathname);
    });
    if (paths.length && registration.active && !body.hasAttribute("data-from-cache")) {
      registration.active.postMessage({save: paths.slice(0, 10)});
    }
  }
  navigator.serviceWorker.ready.then(saveLinked);
  var waiting = null;
  var reloading = false;

  function offer(registration, worker) {
    // Another language's worker replacing this one is not news: let it take over quietly.
    if (registration.active && registration.active.scriptURL !== worker.scriptURL) {
      worker.postMessage("skip-waiting");
      return;
    }
    waiting = worker;
    update.hidden = false;
  }

  function watch(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration, registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offer(registration, worker);
      });
    });
  }

  navigator.serviceWorker.register(update.getAttribute("data-worker"), {scope: "/"}).then(watch, function () {});
  update.querySelector("button").addEventListener("click", function () {
    reloading = true;
    if (waiting) waiting.postMessage("skip-waiting");
  });
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (reloading) location.reload();
  });
  // The new version takes over for the next page this tab opens.
  addEventListener("pagehide", function () {
    if (waiting) waiting.postMessage("skip-waiting");
  });
})();
