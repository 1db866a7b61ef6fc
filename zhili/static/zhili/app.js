// Send the CSRF token with every htmx request (the token is in a meta tag; no inline script under the CSP).
document.addEventListener("htmx:configRequest", (event) => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) event.detail.headers["X-CSRFToken"] = meta.content;
});

// A form posted with errors: move the focus to its error summary, whose links lead to each field.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".zl-error-summary");
  if (summary) summary.focus();
});
