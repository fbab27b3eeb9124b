// The share control of releases and events: the browser's own share sheet where it has
// one (phones), else the plain links to the services, and a button that copies the
// page's address. Without JavaScript the links alone are there.
(function () {
  'use strict';
  var box = document.querySelector('.share[data-url]');
  if (!box) return;
  var url = box.getAttribute('data-url');
  var title = box.getAttribute('data-title');
  var native = box.querySelector('.share-native');
  if (native && navigator.share) {
    native.hidden = false;
    native.querySelector('[data-share]').addEventListener('click', function () {
      navigator.share({ title: title, url: url }).catch(function () { /* closed by the reader */ });
    });
  }
  var copy = box.querySelector('.share-copy');
  if (copy && navigator.clipboard && navigator.clipboard.writeText) {
    copy.hidden = false;
    var button = copy.querySelector('[data-copy]');
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(url).then(function () {
        button.textContent = button.getAttribute('data-done');
      });
    });
  }
})();
