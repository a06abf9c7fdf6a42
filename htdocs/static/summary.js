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
