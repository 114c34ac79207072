// The checklist and work-log forms answer a refused step with 409 or 422 and the page showing why; htmx
// normally drops 4xx answers, so on these pages it swaps them in like any other.
document.addEventListener("htmx:beforeSwap", function (e) {
  var status = e.detail.xhr.status;
  if (status === 409 || status === 422) {
    e.detail.shouldSwap = true;
    e.detail.isError = false;
  }
});
