// With JavaScript, htmx brings each place step's choices as soon as one is picked, so the buttons that
// do it by reloading the page (for browsers without JavaScript) go, also from fragments htmx swaps in.
htmx.onLoad(function (root) {
  root.querySelectorAll(".no-js-only").forEach(function (el) { el.remove(); });
});
