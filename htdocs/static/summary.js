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

// The lead page's summary panel: its frame loads the panel view
// (/lead/<id>/summary/panel) when the panel is first expanded. In the panel
// view, a summary outdated for more than 48 hours is regenerated as it loads
// (the panel was just expanded): its form is submitted once.
(function () {
  'use strict';
  document.addEventListener('toggle', function (e) {
    var d = e.target;
    if (!d.matches || !d.matches('details.summary-fold') || !d.open) return;
    var frame = d.querySelector('iframe[data-src]');
    if (frame && !frame.getAttribute('src')) frame.setAttribute('src', frame.getAttribute('data-src'));
  }, true);
  var start = function () {
    if (!document.body || !document.body.hasAttribute('data-auto-regenerate')) return;
    var form = document.querySelector('form.summary-generate');
    if (form) form.submit();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
