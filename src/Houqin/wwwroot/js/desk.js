// The service desk's forms: the place steps brought by htmx, and photos checked before the form is sent.
// With JavaScript, htmx brings each place step's choices as soon as one is picked, so the buttons that
// do it by reloading the page (for browsers without JavaScript) go, also from fragments htmx swaps in.
htmx.onLoad(function (root) {
  root.querySelectorAll(".no-js-only").forEach(function (el) { el.remove(); });
});

// A form's photos are checked as they are chosen and again when it is sent: too many, or one over the size limit,
// and the form is not sent (the server could only answer a body over its limit with an error page, away from what
// was typed). The limits and the messages come from the photo input (_PhotoInput.cshtml); the server checks again.
function photosProblem(input) {
  var files = input.files || [];
  if (files.length > Number(input.dataset.maxFiles)) {
    return input.dataset.tooMany;
  }
  for (var i = 0; i < files.length; i++) {
    if (files[i].size > Number(input.dataset.maxBytes)) {
      return input.dataset.tooLarge;
    }
  }
  return "";
}
function checkPhotos(input) {
  var problem = photosProblem(input);
  input.setCustomValidity(problem);
  var message = input.closest(".field").querySelector("[data-valmsg-for]");
  if (message) {
    message.textContent = problem;
    message.className = problem ? "field-validation-error" : "field-validation-valid";
    message.setAttribute("role", "alert");
  }
  return problem;
}
document.addEventListener("change", function (e) {
  if (e.target.matches("input[type=file][data-max-files]")) {
    checkPhotos(e.target);
  }
});
document.addEventListener("submit", function (e) {
  var refused = Array.prototype.filter.call(e.target.querySelectorAll("input[type=file][data-max-files]"), checkPhotos);
  if (refused.length > 0) {
    e.preventDefault();
    refused[0].focus();
  }
}, true);
