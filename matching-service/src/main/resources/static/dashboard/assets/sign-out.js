// The sign-out form needs the CSRF token the server keeps in the XSRF-TOKEN cookie.
(function () {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  const field = document.getElementById("logout-csrf");
  if (match && field) {
    field.value = decodeURIComponent(match[1]);
  }
})();
