// Newsdesk admin: optional enhancements (every form works without this file).
// - forms with data-confirm ask before they are sent (remove a source, merge stories …).
(function () {
  'use strict';
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (ev) {
      if (!window.confirm(form.getAttribute('data-confirm'))) ev.preventDefault();
    });
  });
})();
