/* Household sheet: fills in shelters and family contacts on this device. Contacts live only in
   localStorage and the position only in this page; the shelter list is one fixed URL the phone keeps. */
(function () {
  "use strict";
  var sheet = document.querySelector("[data-fridge]");
  var form = document.querySelector("[data-contacts-form]");
  if (!sheet || !form) { return; }
  var KEY = "contacts";
  var status = form.querySelector("[data-locate-status]");
  var inputs = form.querySelectorAll("input");

  function stored() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }

  function read() {
    var data = {people: [{}, {}, {}], meeting: ""};
    Array.prototype.forEach.call(inputs, function (input) {
      var value = input.value.trim(), person = input.getAttribute("data-person");
      if (person === null) { data.meeting = value; return; }
      data.people[person][input.getAttribute("data-part")] = value;
    });
    return data;
  }

  function fillContacts(data) {
    Array.prototype.forEach.call(sheet.querySelectorAll("[data-contact]"), function (line) {
      var person = (data.people || [])[line.getAttribute("data-contact")] || {};
      line.textContent = [person.name, person.phone].filter(Boolean).join(" · ");
    });
    sheet.querySelector("[data-meeting]").textContent = data.meeting || "";
  }

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

  // The index names the areas and their boxes: fetch the closest area and any within 15 km of it.
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

  function fillShelters(lat, lon) {
    return getJson(sheet.getAttribute("data-api")).then(function (index) {
      return nearbyShelters(index, lat, lon);
    }).then(function (features) {
      var near = features.filter(function (f) { return f.properties.status !== "closed"; })
        .map(function (f) {
          var c = f.geometry.coordinates;
          return {p: f.properties, m: metres(lat, lon, c[1], c[0])};
        }).sort(function (x, y) { return x.m - y.m; });
      Array.prototype.forEach.call(sheet.querySelectorAll("[data-shelter]"), function (line, i) {
        line.textContent = near[i] ? near[i].p.name + ", " + near[i].p.address : "";
      });
    });
  }

  var saved = stored();
  Array.prototype.forEach.call(inputs, function (input) {
    var person = input.getAttribute("data-person");
    var entry = person === null ? {meeting: saved.meeting} : (saved.people || [])[person] || {};
    input.value = entry[input.getAttribute("data-part")] || "";
  });
  fillContacts(saved);
  form.addEventListener("input", function () { fillContacts(read()); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    try { localStorage.setItem(KEY, JSON.stringify(read())); } catch (e) { /* storage disabled */ }
  });

  var centres = JSON.parse(sheet.getAttribute("data-centres"));
  var area = null;
  try { area = localStorage.getItem("area"); } catch (e) { /* storage disabled */ }
  if (window.fetch && centres[area]) { fillShelters(centres[area][0], centres[area][1]).catch(function () {}); }
  var locate = form.querySelector("[data-locate]");
  if (!navigator.geolocation || !window.fetch) { locate.hidden = true; }
  locate.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      fillShelters(position.coords.latitude, position.coords.longitude).then(function () {
        status.textContent = "";
      }, function () { status.textContent = sheet.getAttribute("data-failed"); });
    }, function () {
      status.textContent = sheet.getAttribute("data-denied");
    }, {enableHighAccuracy: true, timeout: 20000, maximumAge: 60000});
  });
  form.hidden = false;
})();
