// Newsdesk public site: optional enhancements (the site works without this file).
// - dates: <time data-local> shows the reader's timezone instead of the server's UTC text;
// - share: a "Copy link" button and the Web Share API where the browser has them.
(function () {
  'use strict';
  var fmt;
  try {
    fmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });
  } catch (e) {
    fmt = null;
  }
  if (fmt) {
    document.querySelectorAll('time[data-local]').forEach(function (el) {
      var d = new Date(el.getAttribute('datetime'));
      if (!isNaN(d.getTime())) {
        el.title = el.textContent;
        el.textContent = fmt.format(d);
      }
    });
  }
  document.querySelectorAll('button[data-copy]').forEach(function (btn) {
    if (!navigator.clipboard) return;
    btn.hidden = false;
    btn.addEventListener('click', function () {
      navigator.clipboard.writeText(btn.getAttribute('data-copy')).then(function () {
        btn.textContent = 'Link copied';
      });
    });
  });
  document.querySelectorAll('button[data-share]').forEach(function (btn) {
    if (!navigator.share) return;
    btn.hidden = false;
    btn.addEventListener('click', function () {
      navigator.share({ title: btn.getAttribute('data-title') || document.title, url: btn.getAttribute('data-share') }).catch(function () {});
    });
  });
})();
