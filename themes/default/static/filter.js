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

  select.addEventListener('change', function () {
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
  });
})();
