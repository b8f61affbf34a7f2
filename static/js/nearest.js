/* "Shelters near me", worked out on the device: the position never leaves it.
   The shelter list comes from one fixed URL (no coordinates in it); distances are computed here. */
(function () {
  "use strict";
  var box = document.querySelector("[data-nearest]");
  if (!box || !navigator.geolocation || !window.fetch) { return; }
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

  function metres(lat1, lon1, lat2, lon2) {
    var r = Math.PI / 180, dp = (lat2 - lat1) * r, dl = (lon2 - lon1) * r;
    var a = Math.pow(Math.sin(dp / 2), 2) +
      Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.pow(Math.sin(dl / 2), 2);
    return 2 * 6371000 * Math.asin(Math.min(1, Math.sqrt(a)));
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

  function show(features, lat, lon) {
    var found = features.filter(function (f) { return f.properties.status !== "closed"; })
      .map(function (f) {
        var c = f.geometry.coordinates;
        return {p: f.properties, m: metres(lat, lon, c[1], c[0])};
      })
      .sort(function (x, y) { return x.m - y.m; }).slice(0, 5);
    if (!found.length) { say(box.getAttribute("data-none")); return; }
    var list = document.createElement("ol");
    list.className = "shelter-list nearest__list";
    found.forEach(function (f) { list.appendChild(item(f)); });
    output.textContent = "";
    output.appendChild(list);
  }

  button.addEventListener("click", function () {
    say(box.getAttribute("data-wait"));
    var shelters = fetch(box.getAttribute("data-api")).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    });
    shelters.catch(function () { /* reported once the position is known */ });
    navigator.geolocation.getCurrentPosition(function (position) {
      shelters.then(function (data) {
        show(data.features, position.coords.latitude, position.coords.longitude);
      }, function () { say(box.getAttribute("data-failed")); });
    }, function () {
      say(box.getAttribute("data-denied"));
    }, {enableHighAccuracy: true, timeout: 20000, maximumAge: 60000});
  });
})();
