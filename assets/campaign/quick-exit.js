/* Quick exit, modelled on GOV.UK Frontend's "Exit this page", one step beyond it:
 * - the control is a real link, so it works without JavaScript;
 * - pressing Shift three times (at most 5 seconds between presses; the timer restarts at each
 *   press) fires it; any other key resets the count, so Shift used as a modifier never counts;
 * - a status message after each press tells screen-reader users what is happening;
 * - on exit the page is blanked at once, and the current history entry is *replaced*, so Back
 *   does not return here (GOV.UK assigns location.href, which keeps this page in history);
 * - if the browser restores this page from its cache, it resets itself.
 * It stores nothing: no cookie, no storage.
 */
(function () {
  "use strict";
  var link = document.getElementById("campaign-exit");
  if (!link) { return; }
  var status = document.getElementById("campaign-exit-status");
  var overlay = document.getElementById("campaign-exit-overlay");
  var TIMEOUT_MS = 5000;
  var presses = 0;
  var timer = null;

  function say(text) { if (status) { status.textContent = text || ""; } }

  function reset() {
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
  }

  function exitPage(event) {
    if (event) { event.preventDefault(); }
    reset();
    document.documentElement.classList.add("campaign-exiting");
    if (overlay) { overlay.hidden = false; }
    say(link.getAttribute("data-exiting"));
    document.title = "";
    window.location.replace(link.href);
  }

  link.addEventListener("click", exitPage);

  // A press counts when Shift goes up with no other key pressed since it went down.
  var cleanShift = false;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) { cleanShift = true; }
      return;
    }
    cleanShift = false;
    reset();
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !cleanShift) { return; }
    cleanShift = false;
    presses += 1;
    if (timer) { clearTimeout(timer); }
    if (presses >= 3) { exitPage(); return; }
    say(link.getAttribute("data-press-" + presses));
    timer = setTimeout(function () {
      reset();
      say(link.getAttribute("data-timeout"));
    }, TIMEOUT_MS);
  }, true);

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      reset();
      document.documentElement.classList.remove("campaign-exiting");
      if (overlay) { overlay.hidden = true; }
      say("");
    }
  });
}());
