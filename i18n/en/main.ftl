# Interface strings of the default theme, in English.
# A message is `key = text`; `{ $name }` is filled in by samvad.

language-name = English
skip-to-content = Skip to content
nav-label = Main
nav-home = Home
nav-releases = Press releases
nav-schedule = Schedule
nav-states = States
switch-label = Language
switch-unavailable = This page is not available in { $language }. Go to the { $language } home page.

home-upcoming = Upcoming events
home-no-upcoming = No upcoming events have been announced.
home-latest = Latest press releases
home-no-releases = No press releases yet.
home-all-events = See the full schedule
home-all-releases = See all press releases

releases-title = Press releases
releases-page = Page { $page } of { $pages }
pagination-label = Pages
pagination-newer = ← Newer releases
pagination-older = Older releases →
release-count = { $count ->
    [0] No press releases
    [one] { $count } press release
   *[other] { $count } press releases
}

release-posted = Posted on
release-id = Release ID
release-ministry = Ministry
release-place = Place
release-states = States and union territories
release-events = Events
release-read = Read the release
release-only-in = This release is published only in { $language }.

event-when = Date
event-time = Time
event-venue = Venue
event-city = City
event-state = State or union territory
event-status = Status
event-releases = Related press releases
event-calendar = Add to my calendar (.ics)
event-count = { $count ->
    [0] No events
    [one] { $count } event
   *[other] { $count } events
}
status-scheduled = Scheduled
status-tentative = Tentative
status-postponed = Postponed
status-cancelled = Cancelled

date-format = { $day } { $month } { $year }
month-year-format = { $month } { $year }
time-format = { $time } IST
date-range = { $from } to { $to }
time-range = { $from } to { $to }
date-window = Exact day not given: between { $from } and { $to }
date-tba = Date to be announced

schedule-title = Schedule of events
schedule-intro = Every event in date order. Times are Indian Standard Time (IST).
schedule-upcoming = Upcoming
schedule-past = Past events
schedule-undated = Date not yet fixed
schedule-none = None.
schedule-filter = Show events in
schedule-filter-all = All states and union territories
schedule-calendar = Whole schedule as a calendar (.ics)

states-title = States and union territories
states-intro = Choose a state or union territory to see its events and press releases.
states-states = States
states-uts = Union territories
state-kind-state = State
state-kind-ut = Union territory
state-events = Events in { $state }
state-releases = Press releases about { $state }
state-no-events = No events are listed for { $state }.
state-calendar = Events in { $state } as a calendar (.ics)

feed-title = { $site }: press releases
feed-link = Press releases feed (Atom)
last-updated = Last updated: { $date }
footer-times = All times are Indian Standard Time (IST).

notfound-title = Page not found
notfound-text = The page you asked for does not exist. It may have moved.
root-choose = Choose a language

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# How parts of a line are joined (the spaces are part of them, so they are quoted).
document-title = { $page } | { $site }
title-separator = {" | "}
sentence-separator = {" "}
meta-separator = {" · "}
list-separator = {", "}
date-time-separator = {", "}
dateline-separator = {", "}
calendar-name = { $site }: { $name }
releases-title-paged = { $title } ({ $page })
