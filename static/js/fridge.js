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

  var metres = window.shelterMap.metres, nearbyShelters = window.shelterMap.near;
  var getJson = window.shelterMap.getJson;

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
