// Filters the schedule by state in place. Without JavaScript the state links above do
// the same job, so this only adds convenience.
(function () {
  var box = document.querySelector('.js-filter');
  var select = document.getElementById('state-select');
  if (!box || !select) return;
  box.hidden = false;
  // The select replaces the links, which would otherwise say the same thing twice.
  var links = document.querySelector('.state-filter .chips');
  if (links) links.hidden = true;
  var heading = document.getElementById('filter-heading');
  if (heading) heading.hidden = true;
  select.addEventListener('change', function () {
    var code = select.value;
    document.querySelectorAll('.event[data-state]').forEach(function (li) {
      li.hidden = code !== '' && li.getAttribute('data-state') !== code;
    });
    document.querySelectorAll('.month').forEach(function (month) {
      month.hidden = month.querySelector('.event:not([hidden])') === null;
    });
  });
})();
