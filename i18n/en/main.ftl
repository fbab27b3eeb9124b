# Interface strings of the default theme, in English.
# A message is `key = text`; `{ $name }` is filled in by samvad.

language-name = English
skip-to-content = Skip to content
nav-label = Main menu
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
share-heading = Share
share-button = Share
share-email = E-mail
share-copy = Copy the link
share-copied = Link copied

event-when = Date
event-time = Time
event-venue = Venue
event-city = City
event-state = State or union territory
event-status = Status
event-releases = Related press releases
event-calendar = Add to calendar
event-google = Add to Google Calendar
event-attend = Taking part
event-audience = Who may attend
event-register = How to register
event-register-link = Register online
event-organiser = Organiser
event-contact = Contact
event-map = See the venue on a map
event-count = { $count ->
    [0] No events
    [one] { $count } event
   *[other] { $count } events
}
status-scheduled = Scheduled
status-tentative = Tentative
status-postponed = Postponed
status-cancelled = Cancelled
status-held = Held

date-format = { $day } { $month } { $year }
date-weekday-format = { $weekday }, { $date }
month-year-format = { $month } { $year }
time-format = { $time } IST
date-range = { $from } to { $to }
time-range = { $from } to { $to } IST
date-window = Exact day not given: between { $from } and { $to }
date-tba = Date to be announced

schedule-title = Schedule of events
schedule-intro = Every event in date order. Times are Indian Standard Time (IST).
schedule-upcoming = Upcoming events
schedule-past = Past events
schedule-undated = Day not yet fixed
schedule-none = No events.
schedule-filter = Show the events in
schedule-filter-all = All states and union territories
schedule-calendar = Add the whole schedule to your calendar
as-of = As of { $date }.
calendar-subscribe = Subscribe in your calendar app
calendar-subscribe-hint = With a subscription, new events and changed dates reach your calendar by themselves.

states-title = States and union territories
states-intro = Choose a state or union territory to see its events and press releases.
states-map = Map of India's states and union territories, one square each
states-map-legend = Each square is a state or union territory; the darker it is, the more events are coming. Choose one to open its page.
states-states = States
states-uts = Union territories
state-kind-state = State
state-kind-ut = Union territory
state-events = Events in { $state }
state-releases = Press releases about { $state }
state-no-events = No events are listed for { $state }.
state-calendar = Add events in { $state } to your calendar
state-feed = Subscribe to new press releases about { $state }
state-next = Next event: { $event }, on { $date }
state-next-none = No upcoming events have been announced yet.
count-upcoming = { $count ->
    [0] no upcoming events
    [one] { $count } upcoming event
   *[other] { $count } upcoming events
}
count-past = { $count ->
    [0] no past events
    [one] { $count } past event
   *[other] { $count } past events
}

feed-title = { $site }
feed-title-state = { $site }: { $state }
feed-link = Subscribe to new press releases
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

weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday

# Search: the page, the box in the header, and what the script says. `{ $n }` and
# `{ $q }` in the script's messages are filled in by the reader's browser.
search-title = Search
search-label = Search the site
search-field = Words to find
search-button = Search
search-needs-script = Search runs in your browser and needs JavaScript, which is off or not available here. You can still find every page from these lists:
search-browse-schedule = The schedule of events
search-browse-states = Events and releases by state
search-browse-releases = All press releases
search-hint = Type a word or the start of one, in Hindi or English. Results show releases, events, states and pages, the closest first.
search-loading = Searching…
search-short = Type at least two letters.
search-none = Nothing was found for “{ $q }”. Try fewer words, or the start of a word.
search-found = Results for “{ $q }”: { $n }
search-partial = No page has all of “{ $q }”; these have some of its words: { $n }
search-failed = The search could not be loaded. Reload the page to try again.
search-more = Show more results
search-kind-release = Press release
search-kind-event = Event
search-kind-state = State or UT
search-kind-page = Page

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

## Whose site this is (GIGW 3.0), in the footer of every page
footer-owner = Content owned and maintained by { $owner }.
footer-reviewed = Content last reviewed: { $date }
footer-links-label = About this website
footer-about = About us
footer-contact = Contact us
footer-feedback = Feedback
footer-help = Help
footer-accessibility = Accessibility statement
footer-screen-reader-access = Screen reader access
footer-copyright-policy = Copyright policy
footer-hyperlinking-policy = Hyperlinking policy
footer-privacy-policy = Privacy policy
footer-terms-and-conditions = Terms and conditions
footer-sitemap = Sitemap
footer-national-portal = National Portal of India
sitemap-title = Sitemap
sitemap-lede = Every part and page of this website. Each release is in the list of press releases, and each event in the schedule.
sitemap-pages = About this website
sitemap-schedule-calendar = Calendar file of the whole schedule (.ics)
