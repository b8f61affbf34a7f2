/* "Shelters near me", worked out on the device: the position never leaves it.
   The shelter index comes from one fixed URL; then only the areas near the position are fetched
   (their URLs name an area, never coordinates); distances are computed here. */

// Shared with the household sheet (fridge.js): the closest area and any within 15 km of it (at most 4).
window.shelterMap = (function () {
  "use strict";

  function metres(lat1, lon1, lat2, lon2) {
    var r = Math.PI / 180, dp = (lat2 - lat1) * r, dl = (lon2 - lon1) * r;
    var a = Math.pow(Math.sin(dp / 2), 2) +
      Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.pow(Math.sin(dl / 2), 2);
    return 2 * 6371000 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  function getJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    });
  }

  function allPages(url) {
    return getJson(url).then(function (d) {
      return d.next ? allPages(d.next).then(function (rest) { return d.features.concat(rest); }) : d.features;
    });
  }

  function clamp(x, low, high) { return Math.min(Math.max(x, low), high); }

  function nearbyShelters(index, lat, lon) {
    if (index.features) { return Promise.resolve(index.features); }
    var areas = index.areas.map(function (a) {
      var b = a.bbox;
      return {url: a.url, m: metres(lat, lon, clamp(lat, b[1], b[3]), clamp(lon, b[0], b[2]))};
    }).sort(function (x, y) { return x.m - y.m; });
    var reach = areas.length ? areas[0].m + 15000 : 0;
    return Promise.all(areas.filter(function (a, i) { return i < 4 && a.m <= reach; })
      .map(function (a) { return allPages(a.url); }))
      .then(function (lists) { return [].concat.apply([], lists); });
  }

  return {metres: metres, near: nearbyShelters, getJson: getJson};
})();

(function () {
  "use strict";
  var box = document.querySelector("[data-nearest]");
  if (!box || !navigator.geolocation || !window.fetch) { return; }
  var metres = window.shelterMap.metres, nearbyShelters = window.shelterMap.near;
  var getJson = window.shelterMap.getJson;
  var button = box.querySelector("button");
  // Digits as the server writes them (Babel): Latin in every language, Arabic included.
  var lang = document.documentElement.lang + "-u-nu-latn";
  var statusLabels = JSON.parse(box.getAttribute("data-status"));
  var output = document.createElement("div");
  output.setAttribute("aria-live", "polite");
  box.appendChild(output);
  button.hidden = false;
  box.querySelector(".nearest__note").hidden = false;

  function say(text) {
    output.textContent = "";
    var p = document.createElement("p");
    p.textContent = text;
    output.appendChild(p);
  }



  function distanceText(m) {
    var km = m >= 1000;
    return new Intl.NumberFormat(lang, {style: "unit", unit: km ? "kilometer" : "meter",
      maximumFractionDigits: km ? 1 : 0}).format(km ? m / 1000 : Math.round(m / 10) * 10);
  }

  function checkedText(iso) {
    if (!iso) { return box.getAttribute("data-unchecked") + " · " + box.getAttribute("data-stale"); }
    var days = Math.round((Date.parse(iso) - Date.now()) / 86400000);
    var age = new Intl.RelativeTimeFormat(lang, {numeric: "auto"}).format(days, "day");
    return box.getAttribute("data-checked").replace("{age}", age) +
      (days < -30 ? " · " + box.getAttribute("data-stale") : "");
  }

  function span(className, text, tag) {
    var el = document.createElement(tag || "span");
    el.className = className;
    el.textContent = text;
    return el;
  }

  function item(found) {
    var s = found.p, a = document.createElement("a");
    a.className = "shelter";
    a.href = box.getAttribute("data-detail") + s.id;
    a.appendChild(span("shelter__name", s.name));
    a.appendChild(span("shelter__address", s.address));
    var facts = span("shelter__facts", "");
    facts.appendChild(span("pill pill--" + s.status, statusLabels[s.status]));
    facts.appendChild(document.createTextNode(" " + checkedText(s.checked_at) + " · "));
    facts.appendChild(span("nearest__distance", distanceText(found.m)));
    if (s.reports) {
      facts.appendChild(document.createTextNode(" · "));
      facts.appendChild(span("shelter__reports", box.getAttribute("data-reported"), "strong"));
    }
    if (s.is_sample) { facts.appendChild(document.createTextNode(" · " + box.getAttribute("data-sample"))); }
    a.appendChild(facts);
    var li = document.createElement("li");
    li.appendChild(a);
    return li;
  }

  // Open and recently checked first, then unknown or old, full last: among the shelters close by
  // (within 2 km, or three times the nearest one's distance), a trusted one beats a nearer doubt.
  function tier(p) {
    if (p.status === "full") { return 2; }
    var fresh = p.checked_at && Date.now() - Date.parse(p.checked_at) < 30 * 86400000;
    return p.status === "open" && fresh && !p.reports ? 0 : 1;
  }

  function ranked(features, lat, lon) {
    var found = features.filter(function (f) { return f.properties.status !== "closed"; })
      .map(function (f) {
        var c = f.geometry.coordinates;
        return {p: f.properties, m: metres(lat, lon, c[1], c[0])};
      })
      .sort(function (x, y) { return x.m - y.m; });
    var reach = found.length ? Math.max(2000, 3 * found[0].m) : 0;
    return found.filter(function (f, i) { return i < 10 && f.m <= reach; })
      .sort(function (x, y) { return tier(x.p) - tier(y.p) || x.m - y.m; }).slice(0, 5);
  }

  function show(features, lat, lon) {
    var found = ranked(features, lat, lon);
    if (!found.length) { say(box.getAttribute("data-none")); return; }
    var list = document.createElement("ol");
    list.className = "shelter-list nearest__list";
    found.forEach(function (f) { list.appendChild(item(f)); });
    output.textContent = "";
    output.appendChild(list);
  }

  // The position and the shelters around it (kept on the device by the service worker), together.
  function locate(done, failed, denied) {
    var index = getJson(box.getAttribute("data-api"));
    index.catch(function () { /* reported once the position is known */ });
    navigator.geolocation.getCurrentPosition(function (position) {
      var lat = position.coords.latitude, lon = position.coords.longitude;
      index.then(function (data) { return nearbyShelters(data, lat, lon); }).then(function (features) {
        done(features, lat, lon);
      }, failed);
    }, denied, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
  }

  button.addEventListener("click", function () {
    say(box.getAttribute("data-wait"));
    locate(show, function () { say(box.getAttribute("data-failed")); },
      function () { say(box.getAttribute("data-denied")); });
  });

  // The "do now" button: straight to the nearest shelter's page, else to the area's list (its own link).
  var go = document.querySelector("[data-nearest-go]");
  if (!go) { return; }
  var list = go.href;
  function aim(features, lat, lon) {
    var best = ranked(features, lat, lon)[0];
    if (!best || go.href !== list) { return; }
    go.href = box.getAttribute("data-detail") + best.p.id;
    go.appendChild(span("do-now__target", best.p.name + " · " + distanceText(best.m)));
  }
  function leave() { location.href = go.href; }
  go.addEventListener("click", function (event) {
    if (go.href !== list) { return; }
    event.preventDefault();
    go.setAttribute("aria-busy", "true");
    locate(function (f, lat, lon) { aim(f, lat, lon); leave(); }, leave, leave);
  });
  // Location already allowed: name the nearest shelter on the button at once.
  if (navigator.permissions) {
    navigator.permissions.query({name: "geolocation"}).then(function (result) {
      if (result.state === "granted") { locate(aim, function () {}, function () {}); }
    }, function () {});
  }
})();
