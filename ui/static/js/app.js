// Sends the CSRF token with every htmx request; plain forms carry it as a hidden field.
document.addEventListener("htmx:configRequest", (event) => {
  const header = document.body.dataset.csrfHeader;
  const token = document.body.dataset.csrfToken;
  if (header && token) {
    event.detail.headers[header] = token;
  }
});

// Elements with data-confirm ask before an htmx request goes out (no inline scripts: the CSP forbids them).
document.addEventListener("htmx:confirm", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
