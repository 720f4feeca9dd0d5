// The HTML page's script: everything reads without it; with it, the interface language switches, the tree folds and unfolds, printing opens it whole, and a followed link takes the focus.
(function () {
  "use strict";
  var root = document.documentElement;
  var shown = document.querySelectorAll(".js-only");
  for (var i = 0; i < shown.length; i++) shown[i].hidden = false;
  function all(open) {
    var d = document.querySelectorAll("details");
    for (var i = 0; i < d.length; i++) d[i].open = open;
  }
  var ui = document.getElementById("switch-ui");
  if (ui) ui.addEventListener("click", function () {
    var zh = root.classList.contains("ui-en");
    root.classList.remove(zh ? "ui-en" : "ui-zh");
    root.classList.add(zh ? "ui-zh" : "ui-en");
    root.lang = zh ? "zh" : "en";
  });
  var expand = document.getElementById("expand-all");
  if (expand) expand.addEventListener("click", function () { all(true); });
  var collapse = document.getElementById("collapse-all");
  if (collapse) collapse.addEventListener("click", function () { all(false); });
  // Printing shows the whole tree, whatever was folded on screen.
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    all(true);
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (d) { d.open = false; });
    folded = [];
  });
  // Following a link opens the branches around its target and moves the focus there.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var p = target.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
  }
  window.addEventListener("hashchange", reveal);
  if (location.hash) reveal();
})();
