/* Checklists: tick items off on this device (localStorage), show progress, clear. The page works without it. */
(function () {
  "use strict";
  var list = document.querySelector("[data-checklist]");
  var progress = document.querySelector("[data-progress]");
  var reset = document.querySelector("[data-reset]");
  if (!list || !progress || !reset) { return; }
  // Item ids ("grab-bag.water") do not depend on the language, so ticks survive a language switch.
  var key = "checklist:" + list.getAttribute("data-checklist");
  var boxes = [];

  function stored() {
    try { return JSON.parse(localStorage.getItem(key)) || []; } catch (e) { return []; }
  }

  function update() {
    var ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    try {
      if (ticked.length) { localStorage.setItem(key, JSON.stringify(ticked)); } else { localStorage.removeItem(key); }
    } catch (e) { /* storage disabled: ticks last until the page closes */ }
    progress.textContent = progress.getAttribute("data-template")
      .replace("{done}", ticked.length).replace("{total}", boxes.length);
  }

  var ticked = stored();
  Array.prototype.forEach.call(list.querySelectorAll("li[data-item]"), function (item) {
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.value = item.getAttribute("data-item");
    box.checked = ticked.indexOf(box.value) !== -1;
    box.addEventListener("change", update);
    label.appendChild(box);
    while (item.firstChild) { label.appendChild(item.firstChild); }
    item.appendChild(label);
    boxes.push(box);
  });
  reset.addEventListener("click", function () {
    boxes.forEach(function (b) { b.checked = false; });
    update();
  });
  list.classList.add("checklist--ticks");
  progress.classList.remove("until-js");
  reset.classList.remove("until-js");
  update();
})();
