// Filters the schedule by state in place. Without JavaScript the state links above do
// the same job, so this only adds convenience.
(function () {
  var box = document.querySelector('.js-filter');
  var select = document.getElementById('s-state-select');
  var status = document.querySelector('.filter-status');
  if (!box || !select) return;
  box.hidden = false;
  // The select replaces the links, which would otherwise say the same thing twice.
  var links = document.querySelector('.state-filter .chips');
  if (links) links.hidden = true;
  var heading = document.getElementById('s-filter-heading');
  if (heading) heading.hidden = true;

  // "N events" in the page's language, from the three forms the page carries.
  function countText(n) {
    if (!status) return '';
    if (n === 0) return status.getAttribute('data-zero');
    if (n === 1) return status.getAttribute('data-one');
    return status.getAttribute('data-many').replace('2', String(n));
  }

  // The chosen state is kept in the address (`?state=mp`), so a filtered view can be
  // shared and bookmarked. From a folder (file://) the address may not be changed; the
  // filter works all the same.
  function keep(code) {
    try {
      var url = location.pathname + (code ? '?state=' + encodeURIComponent(code.toLowerCase()) : '') + location.hash;
      history.replaceState(null, '', url);
    } catch (e) { /* file:// in some browsers */ }
  }

  function chosen() {
    var m = /[?&]state=([^&#]*)/.exec(location.search);
    if (!m) return '';
    var code = decodeURIComponent(m[1]).toUpperCase();
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === code) return code;
    }
    return '';
  }

  select.addEventListener('change', function () {
    keep(select.value);
    apply();
  });

  function apply() {
    var code = select.value;
    var shown = 0;
    document.querySelectorAll('.event[data-state]').forEach(function (li) {
      li.hidden = code !== '' && li.getAttribute('data-state') !== code;
      if (!li.hidden) shown += 1;
    });
    document.querySelectorAll('.month').forEach(function (month) {
      month.hidden = month.querySelector('.event:not([hidden])') === null;
    });
    document.querySelectorAll('.event-section').forEach(function (section) {
      var empty = section.querySelector('.filtered-empty');
      if (empty) empty.hidden = section.querySelector('.event:not([hidden])') !== null;
    });
    if (status) {
      var label = select.options[select.selectedIndex].text;
      status.textContent = label + ': ' + countText(shown);
    }
  }

  var first = chosen();
  if (first) {
    select.value = first;
    apply();
  }
})();
