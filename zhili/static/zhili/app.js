// Send the CSRF token with every htmx request (the token is in a meta tag; no inline script under the CSP).
document.addEventListener("htmx:configRequest", (event) => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) event.detail.headers["X-CSRFToken"] = meta.content;
});
