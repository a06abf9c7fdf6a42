// login.js — a shared activity link (/lead/<id>/#activityId=<acti_id>) opened
// logged out reaches the login page with its fragment kept by the browser
// through the redirect, but a fragment never reaches the server: this puts it
// on the form's "next", so that after logging in the browser lands on the
// activity. Without JavaScript, /activity/<id> is the link that survives a
// login (the server carries it in next).
(function () {
  var next = document.querySelector('form input[name="next"]');
  var hash = window.location.hash;
  if (!next || !/^#activityId=acti_[0-9A-Za-z]{40}$/.test(hash)) return;
  if (next.value.charAt(0) === '/' && next.value.indexOf('#') < 0) next.value += hash;
})();
