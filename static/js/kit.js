/* Kit planner on the device: − / + buttons beside each count, and the plan computed here from the same
   rates the server uses, so the household never leaves the phone. A form this cannot read (a typo, too
   many people) is sent as usual and the server explains. Print views: the Print button. */
(function () {
  "use strict";
  var form = document.querySelector("[data-kit]");
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function steppers() {
    each(form.querySelectorAll("[data-count]"), function (input) {
      var label = form.querySelector("label[for='" + input.id + "']").textContent;
      function button(text, name, delta) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "stepper";
        b.textContent = text;
        b.setAttribute("aria-label", form.getAttribute(name).replace("{what}", label));
        b.addEventListener("click", function () {
          var n = parseInt(input.value, 10);
          input.value = Math.max(0, (isNaN(n) ? 0 : n) + delta);
        });
        return b;
      }
      var box = document.createElement("span");
      box.className = "stepper-box";
      input.parentNode.insertBefore(box, input);
      box.appendChild(button("\u2212", "data-fewer", -1));
      box.appendChild(input);
      box.appendChild(button("+", "data-more", 1));
    });
  }

  /* The household from the form, or null when the server should check it. */
  function household(pack) {
    var h = {}, ok = true;
    each(form.querySelectorAll("[data-count]"), function (input) {
      var text = input.value.trim(), n = text === "" ? 0 : Number(text);
      var max = /^(cats|dogs)$/.test(input.name) ? pack.limits.pets : pack.limits.people;
      if (!/^\d*$/.test(text) || n > max) { ok = false; }
      h[input.name] = n;
    });
    var day = form.querySelector("input[name=days]:checked");
    h.days = day ? Number(day.value) : 0;
    h.risk = form.querySelector("input[name=water_at_risk]").checked;
    h.people = h.adults + h.children + h.teenagers + h.infants + h.toddlers + h.older;
    ok = ok && pack.limits.days.indexOf(h.days) !== -1 && h.people > 0 &&
      h.people <= pack.limits.people && h.on_medication <= h.people;
    return ok ? h : null;
  }

  /* {item: [amount, count]}: kit.kit_plan, line by line. */
  function plan(h, R) {
    var d = h.days, up = Math.ceil, eaters = h.people - h.infants;
    var round2 = function (x) { return Math.round(x * 100) / 100; };
    var torches = Math.max(1, h.adults + h.older), phones = h.adults + h.older + h.teenagers;
    return {
      drinking_water: [up((eaters * R.drinking_water_l + h.infants * R.infant_water_l) * d)],
      sanitary_water: [up(h.people * (h.risk ? R.sanitary_at_risk_l : R.sanitary_water_l) * d)],
      food: [up(eaters * R.meals_per_day * d)],
      infant_formula: [round2(h.infants * R.formula_kg * d)],
      nappies: [up((h.infants * R.nappies_baby + h.toddlers * R.nappies_toddler) * d)],
      pet_food: [round2((h.cats * R.cat_food_kg + h.dogs * R.dog_food_kg) * d)],
      pet_water: [up((h.cats * R.cat_water_l + h.dogs * R.dog_water_l) * d)],
      medicines: [h.on_medication ? d + R.medicine_reserve_days : 0, h.on_medication],
      torches: [torches],
      battery_sets: [torches * up(d / R.days_per_battery_set)],
      power_bank: [up(phones * d * R.charges_per_phone_day) * R.phone_charge_mah, phones],
      cash: [d]
    };
  }

  function render(pack, h) {
    var rules = new Intl.PluralRules(document.documentElement.lang), sign = pack.number;
    var number = function (n) {  /* as Babel writes it: the server's signs, up to 2 decimals */
      var parts = String(Math.round(n * 100) / 100).split("."), whole = parts[0];
      if (whole.length >= 3 + sign.min_group) { whole = whole.replace(/\B(?=(\d{3})+$)/g, sign.group); }
      return whole + (parts[1] ? sign.decimal + parts[1] : "");
    };
    var say = function (forms, n) {
      var text = forms[rules.select(n)] || forms.other || forms.many || forms[Object.keys(forms)[0]];
      return text.replace("{n}", number(n));
    };
    var esc = function (text) { var p = document.createElement("p"); p.textContent = text; return p.innerHTML; };
    var lines = plan(h, pack.rates), rows = "";
    pack.rows.forEach(function (row) {
      var amount = lines[row[0]][0], count = lines[row[0]][1], note = pack.notes[row[0]];
      if (!amount) { return; }
      rows += '<tr><th scope="row">' + esc(row[2]) + '</th><td><span class="kit-table__amount">' +
        esc(say(pack.units[row[1]], amount)) + "</span>" +
        (note ? '<br><span class="kit-table__note">' + esc(say(note, count)) + "</span>" : "") + "</td></tr>";
    });
    var result = document.querySelector("[data-plan]");
    result.querySelector("h2").textContent = say(pack.heading, h.days);
    result.querySelector("tbody").innerHTML = rows;
    each(result.querySelectorAll("form"), function (print) {
      each(print.querySelectorAll("input[type=hidden]"), function (old) { old.remove(); });
      new FormData(form).forEach(function (value, name) {
        var field = document.createElement("input");
        field.type = "hidden";
        field.name = name;
        field.value = value;
        print.insertBefore(field, print.firstChild);
      });
    });
    each(document.querySelectorAll("[data-intro], .error-summary"), function (el) { el.hidden = true; });
    result.hidden = false;
    result.querySelector("h2").focus();
  }

  // The last household is kept on this device only (never sent), and planned again on the next visit.
  function saved(query) {
    try {
      if (query) localStorage.setItem("kit", query);
      return localStorage.getItem("kit");
    } catch (e) { return null; /* storage disabled */ }
  }
  function fill(query) {
    new URLSearchParams(query).forEach(function (value, name) {
      each(form.querySelectorAll("[name='" + name + "']"), function (input) {
        if (input.type === "radio" || input.type === "checkbox") input.checked = input.value === value;
        else input.value = value;
      });
    });
  }
  function planHere(event) {
    var h = window.Intl && Intl.PluralRules && household(pack);
    if (!h) return;
    if (event) event.preventDefault();
    render(pack, h);
    saved(new URLSearchParams(new FormData(form)).toString());
  }

  if (form) {
    steppers();
    var pack = JSON.parse(form.getAttribute("data-pack"));
    form.addEventListener("submit", planHere);
    var last = saved();
    var shown = document.querySelector("[data-plan]");
    if (last && shown && shown.hidden) {
      fill(last);
      planHere();
    }
  }
  each(document.querySelectorAll("[data-print]"), function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
})();
