// Keeps "upcoming" true after the day the site was built: events whose last day has
// passed, in the site's time zone, are moved from the upcoming lists to the past ones and
// read as held. Without JavaScript the lists stand as built, under their "as of" line.
(function () {
  'use strict';
  var asOf = document.querySelector('[data-today]');
  if (!asOf || !window.Intl) return;
  var built = asOf.getAttribute('data-today');
  var today = dayIn(document.documentElement.getAttribute('data-tz'));
  if (!today) return;
  // From here the page is true for today, so its build day is no longer worth saying.
  asOf.hidden = true;
  if (today <= built) return;

  function passed(el) {
    var last = el.getAttribute('data-last');
    return !!last && last < today;
  }

  // An event's own page: its status reads as held and its calendar buttons go.
  var page = document.querySelector('.event-page[data-last]');
  if (page && passed(page)) {
    page.classList.add('is-past');
    page.querySelectorAll('[data-past-text]').forEach(function (el) {
      el.textContent = el.getAttribute('data-past-text');
    });
    page.querySelectorAll('.upcoming-only').forEach(function (el) { el.hidden = true; });
  }

  document.querySelectorAll('[data-events="upcoming"]').forEach(function (upcoming) {
    var past = document.getElementById(upcoming.getAttribute('data-past') || '');
    // In date order, so each one moved to the top of the past list leaves the most
    // recent first.
    var gone = Array.prototype.filter.call(upcoming.querySelectorAll('.event[data-last]'), passed);
    gone.forEach(function (li) {
      li.classList.add('is-past');
      var month = li.closest('.month');
      // A list without months (the home page's), or without a past list: it goes.
      if (!past || !month) {
        li.parentNode.removeChild(li);
        return;
      }
      var list = monthIn(past, month);
      list.insertBefore(li, list.firstChild);
    });
    if (!gone.length) return;
    upcoming.querySelectorAll('.month').forEach(function (m) {
      if (!m.querySelector('.event')) m.parentNode.removeChild(m);
    });
    showIfEmpty(upcoming);
    if (past) showIfEmpty(past);
  });

  // The list of `month` in the past section, made at its top if it is not there (the
  // past is most recent first).
  function monthIn(past, month) {
    var key = month && month.getAttribute('data-month');
    var first = past.querySelector('.month');
    var list;
    if (first && first.getAttribute('data-month') === key) {
      list = first.querySelector('.event-list');
    } else {
      var made = month.cloneNode(false);
      var heading = month.querySelector('.month-heading').cloneNode(true);
      heading.id = heading.id.replace('-u-', '-p-');
      made.setAttribute('aria-labelledby', heading.id);
      list = document.createElement('ul');
      list.className = 'event-list';
      made.appendChild(heading);
      made.appendChild(list);
      past.insertBefore(made, first || null);
    }
    return list;
  }

  function showIfEmpty(section) {
    var none = section.querySelector('[data-none]');
    if (none) none.hidden = !!section.querySelector('.event');
  }

  // Today as YYYY-MM-DD in the site's time zone.
  function dayIn(zone) {
    try {
      var parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit'
      }).formatToParts(new Date());
      var get = function (type) {
        for (var i = 0; i < parts.length; i++) if (parts[i].type === type) return parts[i].value;
        return '';
      };
      return get('year') + '-' + get('month') + '-' + get('day');
    } catch (e) {
      return '';
    }
  }
})();
