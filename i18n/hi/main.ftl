# डिफ़ॉल्ट थीम के इंटरफ़ेस शब्द, हिन्दी में।
# संदेश `key = text` के रूप में है; `{ $name }` samvad भरता है।

language-name = हिन्दी
skip-to-content = मुख्य सामग्री पर जाएं
nav-label = मुख्य मेनू
nav-home = मुखपृष्ठ
nav-releases = प्रेस विज्ञप्तियां
nav-schedule = कार्यक्रम सूची
nav-states = राज्य
switch-label = भाषा
switch-unavailable = यह पृष्ठ { $language } में उपलब्ध नहीं है। { $language } के मुखपृष्ठ पर जाएं।

home-upcoming = आगामी कार्यक्रम
home-no-upcoming = अभी किसी आगामी कार्यक्रम की घोषणा नहीं हुई है।
home-latest = नवीनतम प्रेस विज्ञप्तियां
home-no-releases = अभी कोई प्रेस विज्ञप्ति नहीं है।
home-all-events = पूरी कार्यक्रम सूची देखें
home-all-releases = सभी प्रेस विज्ञप्तियां देखें

releases-title = प्रेस विज्ञप्तियां
releases-page = पृष्ठ { $page } / { $pages }
pagination-label = पृष्ठ
pagination-newer = ← नई विज्ञप्तियां
pagination-older = पुरानी विज्ञप्तियां →
release-count = { $count ->
    [0] कोई प्रेस विज्ञप्ति नहीं
    [one] { $count } प्रेस विज्ञप्ति
   *[other] { $count } प्रेस विज्ञप्तियां
}

release-posted = प्रकाशन तिथि
release-id = विज्ञप्ति संख्या
release-ministry = मंत्रालय
release-place = स्थान
release-states = राज्य और केन्द्र शासित प्रदेश
release-events = कार्यक्रम
release-read = विज्ञप्ति पढ़ें
release-only-in = यह विज्ञप्ति केवल { $language } में जारी की गई है।
share-heading = साझा करें
share-button = साझा करें
share-email = ई-मेल से भेजें
share-copy = लिंक कॉपी करें
share-copied = लिंक कॉपी हो गया

event-when = तिथि
event-time = समय
event-venue = आयोजन स्थल
event-city = शहर
event-state = राज्य या केन्द्र शासित प्रदेश
event-status = स्थिति
event-releases = संबंधित प्रेस विज्ञप्तियां
event-calendar = कैलेंडर में जोड़ें
event-google = Google कैलेंडर में जोड़ें
event-attend = भाग लेने के लिए
event-audience = कौन भाग ले सकता है
event-register = पंजीकरण
event-register-link = ऑनलाइन पंजीकरण करें
event-organiser = आयोजक
event-contact = संपर्क
event-map = स्थान मानचित्र पर देखें
event-count = { $count ->
    [0] कोई कार्यक्रम नहीं
   *[other] { $count } कार्यक्रम
}
status-scheduled = निर्धारित
status-tentative = संभावित
status-postponed = स्थगित
status-cancelled = रद्द
status-held = सम्पन्न

date-format = { $day } { $month }, { $year }
date-weekday-format = { $weekday }, { $date }
month-year-format = { $month } { $year }
time-format = { $time } बजे (भारतीय मानक समय)
date-range = { $from } से { $to } तक
time-range = { $from } से { $to } बजे तक (भारतीय मानक समय)
date-window = { $from } से { $to } के बीच (तिथि तय होनी है)
date-tba = तिथि की घोषणा बाद में होगी

schedule-title = कार्यक्रमों की सूची
schedule-intro = सभी कार्यक्रम तिथि के क्रम में दिए गए हैं। समय भारतीय मानक समय (IST) के अनुसार है।
schedule-upcoming = आगामी कार्यक्रम
schedule-past = पिछले कार्यक्रम
schedule-undated = जिनकी तिथि अभी तय नहीं है
schedule-none = कोई कार्यक्रम नहीं।
schedule-filter = राज्य के अनुसार कार्यक्रम देखें
schedule-filter-all = सभी राज्य और केन्द्र शासित प्रदेश
schedule-calendar = पूरी कार्यक्रम सूची कैलेंडर में जोड़ें
as-of = यह जानकारी { $date } की स्थिति के अनुसार है।
calendar-subscribe = कैलेंडर ऐप में सदस्यता लें
calendar-subscribe-hint = सदस्यता लेने पर नए कार्यक्रम और तिथियों में बदलाव आपके कैलेंडर में अपने-आप आ जाएंगे।

states-title = राज्य और केन्द्र शासित प्रदेश
states-intro = किसी राज्य या केन्द्र शासित प्रदेश के कार्यक्रम और प्रेस विज्ञप्तियां देखने के लिए उसे चुनें।
states-map = भारत के राज्यों और केन्द्र शासित प्रदेशों का मानचित्र, हर एक का अपना वर्ग
states-map-legend = हर वर्ग एक राज्य या केन्द्र शासित प्रदेश है; जितना गहरा रंग, उतने अधिक आगामी कार्यक्रम। वर्ग चुनकर उसका पृष्ठ खोलें।
states-states = राज्य
states-uts = केन्द्र शासित प्रदेश
state-kind-state = राज्य
state-kind-ut = केन्द्र शासित प्रदेश
state-events = { $state } में कार्यक्रम
state-releases = { $state } से संबंधित प्रेस विज्ञप्तियां
state-no-events = { $state } में अभी कोई कार्यक्रम सूचीबद्ध नहीं है।
state-calendar = { $state } के कार्यक्रम कैलेंडर में जोड़ें
state-feed = { $state } की नई प्रेस विज्ञप्तियों की सदस्यता लें
state-next = अगला कार्यक्रम: { $event }, { $date } को
state-next-none = अभी कोई आगामी कार्यक्रम घोषित नहीं है।
count-upcoming = { $count ->
    [0] कोई आगामी कार्यक्रम नहीं
   *[other] { $count } आगामी कार्यक्रम
}
count-past = { $count ->
    [0] कोई पिछला कार्यक्रम नहीं
   *[other] { $count } पिछले कार्यक्रम
}

feed-title = { $site }
feed-title-state = { $site }: { $state }
feed-link = नई प्रेस विज्ञप्तियों की सदस्यता लें
last-updated = अंतिम अद्यतन: { $date }
footer-times = सभी समय भारतीय मानक समय (IST) में हैं।

notfound-title = पृष्ठ नहीं मिला
notfound-text = आप जो पृष्ठ खोज रहे हैं, वह मौजूद नहीं है। हो सकता है वह कहीं और चला गया हो।
root-choose = भाषा चुनें

month-1 = जनवरी
month-2 = फरवरी
month-3 = मार्च
month-4 = अप्रैल
month-5 = मई
month-6 = जून
month-7 = जुलाई
month-8 = अगस्त
month-9 = सितम्बर
month-10 = अक्टूबर
month-11 = नवम्बर
month-12 = दिसम्बर

weekday-1 = सोमवार
weekday-2 = मंगलवार
weekday-3 = बुधवार
weekday-4 = गुरुवार
weekday-5 = शुक्रवार
weekday-6 = शनिवार
weekday-7 = रविवार

# खोज: पृष्ठ, शीर्ष पट्टी का खोज-बॉक्स और स्क्रिप्ट के संदेश। स्क्रिप्ट के संदेशों में
# `{ $n }` और `{ $q }` पाठक का ब्राउज़र भरता है।
search-title = खोजें
search-label = साइट में खोजें
search-field = खोजे जाने वाले शब्द
search-button = खोजें
search-needs-script = खोज आपके ब्राउज़र में चलती है और इसके लिए जावास्क्रिप्ट आवश्यक है, जो यहाँ बंद है या उपलब्ध नहीं है। हर पृष्ठ इन सूचियों से भी खोला जा सकता है:
search-browse-schedule = कार्यक्रमों की समय-सारणी
search-browse-states = राज्यवार कार्यक्रम और प्रेस विज्ञप्तियां
search-browse-releases = सभी प्रेस विज्ञप्तियां
search-hint = हिन्दी या अंग्रेजी में कोई शब्द या उसका आरंभिक अंश लिखें। परिणामों में प्रेस विज्ञप्तियां, कार्यक्रम, राज्य और पृष्ठ आते हैं, सबसे मिलते-जुलते पहले।
search-loading = खोज जारी है…
search-short = कम से कम दो अक्षर लिखें।
search-none = “{ $q }” के लिए कुछ नहीं मिला। कम शब्दों से या शब्द के आरंभिक अंश से खोजें।
search-found = “{ $q }” के परिणाम: { $n }
search-partial = किसी भी पृष्ठ में “{ $q }” के सभी शब्द नहीं हैं; इनमें कुछ शब्द हैं: { $n }
search-failed = खोज लोड नहीं हो सकी। फिर से प्रयास करने के लिए पृष्ठ दोबारा खोलें।
search-more = और परिणाम दिखाएँ
search-kind-release = प्रेस विज्ञप्ति
search-kind-event = कार्यक्रम
search-kind-state = राज्य/केन्द्र शासित प्रदेश
search-kind-page = पृष्ठ

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
footer-owner = इस वेबसाइट की सामग्री का स्वामित्व और रखरखाव { $owner } के पास है।
footer-reviewed = सामग्री की अंतिम समीक्षा: { $date }
footer-links-label = वेबसाइट संबंधी जानकारी
footer-about = हमारे बारे में
footer-contact = संपर्क करें
footer-feedback = प्रतिक्रिया
footer-help = सहायता
footer-accessibility = सुगम्यता विवरण
footer-screen-reader-access = स्क्रीन रीडर एक्सेस
footer-copyright-policy = कॉपीराइट नीति
footer-hyperlinking-policy = हाइपरलिंकिंग नीति
footer-privacy-policy = गोपनीयता नीति
footer-terms-and-conditions = नियम और शर्तें
footer-sitemap = साइट मानचित्र
footer-national-portal = भारत का राष्ट्रीय पोर्टल
sitemap-title = साइट मानचित्र
sitemap-lede = इस वेबसाइट के सभी भाग और पृष्ठ। हर विज्ञप्ति प्रेस विज्ञप्तियों की सूची में और हर आयोजन कार्यक्रम सूची में मिलेगा।
sitemap-pages = वेबसाइट संबंधी पृष्ठ
sitemap-schedule-calendar = पूरी कार्यक्रम सूची की कैलेंडर फ़ाइल (.ics)
