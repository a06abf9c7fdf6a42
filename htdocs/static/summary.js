// summary.js — the summary page's More menu: Copy puts the summary on the
// clipboard as plain text (S5); without the Clipboard API the text is shown
// selected in a read-only field to copy by hand.
(function () {
  'use strict';
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('.summary-copy');
    if (!button) return;
    var field = document.querySelector('.summary-text');
    if (!field) return;
    var fallback = function () {
      field.hidden = false;
      field.focus();
      field.select();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = 'Copied';
      }, fallback);
    } else {
      fallback();
    }
  });
})();

// S6: a summary outdated for more than 48 hours is shown collapsed and marked
// data-auto-regenerate; expanding it regenerates it: the page's own form
// (with its CSRF token) is submitted once. A GET never regenerates.
(function () {
  'use strict';
  document.addEventListener('toggle', function (e) {
    var d = e.target;
    if (!d.matches || !d.matches('details[data-auto-regenerate]') || !d.open || d.dataset.sent) return;
    var form = document.querySelector('form.summary-generate');
    if (!form) return;
    d.dataset.sent = '1';
    var note = document.createElement('p');
    note.className = 'summary-regenerating';
    note.setAttribute('role', 'status');
    note.textContent = 'Regenerating the summary…';
    d.insertBefore(note, d.firstElementChild ? d.firstElementChild.nextSibling : null);
    form.submit();
  }, true);
})();

// The panel view, framed by the lead page's collapsible summary panel: a
// summary outdated for more than 48 hours is regenerated when the panel is
// expanded, i.e. when the framed page first becomes visible (it is not
// rendered while the panel is collapsed): its form is submitted once.
(function () {
  'use strict';
  var start = function () {
    if (!document.body || !document.body.hasAttribute('data-auto-regenerate')) return;
    var form = document.querySelector('form.summary-generate');
    if (!form || !('IntersectionObserver' in window)) return;   // the button stays
    var sent = false;
    new IntersectionObserver(function (entries) {
      if (sent || !entries.some(function (e) { return e.isIntersecting; })) return;
      sent = true;
      form.submit();
    }).observe(document.body);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
