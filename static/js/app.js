/* Small enhancements; every page works without this file. */
(function () {
  "use strict";
  var lang = document.documentElement.lang;
  // Remember the reading language for "/" (the server never sets cookies on public pages).
  document.cookie = "lang=" + lang + "; path=/; max-age=31536000; SameSite=Lax";

  function stored(value) {
    try {
      if (value !== undefined) localStorage.setItem("area", value);
      return localStorage.getItem("area");
    } catch (e) { return null; /* storage disabled */ }
  }

  // Once this page is idle, the service worker may save more for offline use (the area's shelters,
  // the rest of the guidance); it is told the area and whether the link is slow or saving data.
  if ("serviceWorker" in navigator) navigator.serviceWorker.ready.then(function (registration) {
    var idle = window.requestIdleCallback || function (run) { setTimeout(run, 1000); };
    idle(function () {
      var link = navigator.connection || {};
      var area = new URLSearchParams(location.search).get("area") || stored();
      if (registration.active) registration.active.postMessage({offline: {page: location.pathname +
        location.search, area: area, saveData: !!link.saveData, effectiveType: link.effectiveType || ""}});
    }, {timeout: 3000});
  });

  // The chosen area is kept on the device and goes with the reader to every tab.
  var form = document.querySelector("[data-remember-area]");
  if (form) {
    var select = form.querySelector("select[name=area]");
    var params = new URLSearchParams(location.search);
    var area = stored();
    if (!params.has("area") && area && select.querySelector('option[value="' + area + '"]')) {
      params.set("area", area);
      location.replace(location.pathname + "?" + params.toString());
      return;
    }
    if (params.has("area")) stored(params.get("area"));
    select.addEventListener("change", function () {
      stored(select.value);
      form.submit();
    });
  }
  var remembered = stored();
  if (remembered) {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-carry-area]"), function (link) {
      var url = new URL(link.href);
      if (!url.searchParams.has("area")) {
        url.searchParams.set("area", remembered);
        link.href = url.href;
      }
    });
  }

  // "Use my location": the nearest area centre, worked out here; the position never leaves the device.
  var locate = document.querySelector("[data-locate-area]");
  if (!locate || !navigator.geolocation) return;
  locate.hidden = false;
  locate.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      var centres = JSON.parse(locate.getAttribute("data-centres"));
      var lat = position.coords.latitude, lon = position.coords.longitude, best = null, least = Infinity;
      Object.keys(centres).forEach(function (slug) {
        var c = centres[slug], dx = (c[1] - lon) * Math.cos(lat * Math.PI / 180), dy = c[0] - lat;
        if (dx * dx + dy * dy < least) { least = dx * dx + dy * dy; best = slug; }
      });
      stored(best);
      location.href = location.pathname + "?area=" + best;
    }, function () {
      locate.textContent = locate.getAttribute("data-failed");
    }, {timeout: 15000, maximumAge: 600000});
  });
})();
