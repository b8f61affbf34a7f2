/* Small enhancements; every page works without this file. */
(function () {
  "use strict";
  var lang = document.documentElement.lang;
  // Remember the reading language for "/" (the server never sets cookies on public pages).
  document.cookie = "lang=" + lang + "; path=/; max-age=31536000; SameSite=Lax";

  var form = document.querySelector("[data-remember-area]");
  if (form) {
    var select = form.querySelector("select[name=area]");
    var params = new URLSearchParams(location.search);
    var stored = null;
    try { stored = localStorage.getItem("area"); } catch (e) { /* storage disabled */ }
    if (!params.has("area") && stored && select.querySelector('option[value="' + stored + '"]')) {
      params.set("area", stored);
      location.replace(location.pathname + "?" + params.toString());
      return;
    }
    if (params.has("area")) {
      try { localStorage.setItem("area", params.get("area")); } catch (e) { /* storage disabled */ }
    }
    select.addEventListener("change", function () {
      try { localStorage.setItem("area", select.value); } catch (e) { /* storage disabled */ }
      form.submit();
    });
  }
})();
