// "Back to the form" after a form too large to send: the browser's Back brings the form back as it was typed (the
// link itself would load it empty), so it goes back when there is a page to go back to.
document.addEventListener("click", function (e) {
  var link = e.target.closest && e.target.closest("a[data-back]");
  if (link && window.history.length > 1) {
    e.preventDefault();
    window.history.back();
  }
});
