//! A deterministic generator of large bilingual sites for the benchmark: the same site in
//! samvad's content format and in Hugo's multilingual layout, so both tools do the same
//! work. Same size and seed give byte-identical files.
//!
//! Used by `examples/gensite.rs` (the command) and by the test suite.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use samvad::i18n::group_indian;

/// SplitMix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// One item of a slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }
}

/// A city per state or union territory (code, English, Hindi); the state names come from
/// samvad's own registry.
pub const CITIES: &[(&str, &str, &str)] = &[
    ("AP", "Amaravati", "अमरावती"),
    ("AR", "Itanagar", "ईटानगर"),
    ("AS", "Guwahati", "गुवाहाटी"),
    ("BR", "Patna", "पटना"),
    ("CG", "Raipur", "रायपुर"),
    ("GA", "Panaji", "पणजी"),
    ("GJ", "Gandhinagar", "गांधीनगर"),
    ("HR", "Gurugram", "गुरुग्राम"),
    ("HP", "Shimla", "शिमला"),
    ("JH", "Ranchi", "रांची"),
    ("KA", "Bengaluru", "बेंगलुरु"),
    ("KL", "Thiruvananthapuram", "तिरुवनंतपुरम"),
    ("MP", "Bhopal", "भोपाल"),
    ("MH", "Mumbai", "मुंबई"),
    ("MN", "Imphal", "इम्फाल"),
    ("ML", "Shillong", "शिलांग"),
    ("MZ", "Aizawl", "आइज़ोल"),
    ("NL", "Kohima", "कोहिमा"),
    ("OD", "Bhubaneswar", "भुवनेश्वर"),
    ("PB", "Ludhiana", "लुधियाना"),
    ("RJ", "Jaipur", "जयपुर"),
    ("SK", "Gangtok", "गंगटोक"),
    ("TN", "Chennai", "चेन्नई"),
    ("TS", "Hyderabad", "हैदराबाद"),
    ("TR", "Agartala", "अगरतला"),
    ("UP", "Lucknow", "लखनऊ"),
    ("UK", "Dehradun", "देहरादून"),
    ("WB", "Kolkata", "कोलकाता"),
    ("AN", "Sri Vijaya Puram", "श्री विजयपुरम"),
    ("CH", "Chandigarh", "चंडीगढ़"),
    ("DH", "Daman", "दमन"),
    ("DL", "New Delhi", "नई दिल्ली"),
    ("JK", "Srinagar", "श्रीनगर"),
    ("LA", "Leh", "लेह"),
    ("LD", "Kavaratti", "कवरत्ती"),
    ("PY", "Puducherry", "पुडुचेरी"),
];

/// A state or UT with a city, as the generator writes them.
#[derive(Clone, Copy)]
struct Place<'a> {
    code: &'a str,
    state_en: &'a str,
    state_hi: &'a str,
    city_en: &'a str,
    city_hi: &'a str,
}

fn place(registry: &samvad::states::StateRegistry, index: usize) -> Place<'_> {
    let (code, city_en, city_hi) = CITIES[index];
    let region = registry
        .get(code)
        .expect("every code of CITIES is in the registry");
    Place {
        code,
        state_en: &region.name_en,
        state_hi: &region.name_hi,
        city_en,
        city_hi,
    }
}

/// Sentence pairs; `{S}` is the state, `{C}` the city, `{N}` a number.
const SENTENCES: &[(&str, &str)] = &[
    (
        "The programme brings buyers and sellers of {S} together on one public platform.",
        "यह कार्यक्रम {S} के क्रेताओं और विक्रेताओं को एक सार्वजनिक मंच पर साथ लाता है।",
    ),
    (
        "Officials in {C} will explain the new features of the portal to government departments.",
        "{C} में अधिकारी सरकारी विभागों को पोर्टल की नई सुविधाओं के बारे में बताएंगे।",
    ),
    (
        "More than {N} local sellers have registered in the state over the past year.",
        "पिछले एक वर्ष में राज्य के {N} से अधिक स्थानीय विक्रेताओं ने पंजीकरण कराया है।",
    ),
    (
        "Small enterprises, women entrepreneurs and artisans are encouraged to take part.",
        "लघु उद्यमों, महिला उद्यमियों और कारीगरों को भाग लेने के लिए प्रोत्साहित किया जाता है।",
    ),
    (
        "The meeting will collect feedback from users on payments, delivery and quality checks.",
        "बैठक में भुगतान, आपूर्ति और गुणवत्ता जांच पर उपयोगकर्ताओं के सुझाव लिए जाएंगे।",
    ),
    (
        "Buyer organisations in {S} have placed orders worth {N} crore rupees through the portal.",
        "{S} के क्रेता संगठनों ने पोर्टल के माध्यम से {N} करोड़ रुपये के ऑर्डर दिए हैं।",
    ),
    (
        "The state government is arranging the venue, the logistics and the invitations.",
        "आयोजन स्थल, लॉजिस्टिक्स और निमंत्रण की व्यवस्था राज्य सरकार कर रही है।",
    ),
    (
        "Training sessions will show sellers how to list products and answer bids.",
        "प्रशिक्षण सत्रों में विक्रेताओं को उत्पाद सूचीबद्ध करने और बोलियों का उत्तर देने का तरीका बताया जाएगा।",
    ),
    (
        "Public procurement becomes faster and more transparent when every step is online.",
        "जब हर चरण ऑनलाइन होता है, तो सार्वजनिक खरीद तेज और अधिक पारदर्शी हो जाती है।",
    ),
    (
        "The removal of caution money has lowered the cost of joining for new sellers.",
        "कॉशन मनी हटाए जाने से नए विक्रेताओं के लिए जुड़ने की लागत कम हुई है।",
    ),
    (
        "Start-ups from {C} will present their products to buyers from across the state.",
        "{C} के स्टार्टअप पूरे राज्य से आए क्रेताओं के सामने अपने उत्पाद प्रस्तुत करेंगे।",
    ),
    (
        "Departments will learn how to plan their purchases for the whole financial year.",
        "विभाग सीखेंगे कि पूरे वित्त वर्ष की खरीद की योजना कैसे बनाई जाए।",
    ),
    (
        "A help desk will answer questions about registration in Hindi and English.",
        "एक सहायता केंद्र हिन्दी और अंग्रेजी में पंजीकरण से जुड़े प्रश्नों के उत्तर देगा।",
    ),
    (
        "The outreach has so far reached {N} participants in the region.",
        "यह आउटरीच अब तक क्षेत्र के {N} प्रतिभागियों तक पहुंच चुका है।",
    ),
    (
        "Sellers from self-help groups will display handloom and handicraft products.",
        "स्वयं सहायता समूहों के विक्रेता हथकरघा और हस्तशिल्प उत्पाद प्रदर्शित करेंगे।",
    ),
    (
        "Officers will also meet district buyers to hear about their difficulties.",
        "अधिकारी जिलों के क्रेताओं से भी मिलकर उनकी कठिनाइयों के बारे में जानेंगे।",
    ),
    (
        "Bids, contracts and payments can all be followed on the portal in real time.",
        "बोलियां, अनुबंध और भुगतान सभी को पोर्टल पर तुरंत देखा जा सकता है।",
    ),
    (
        "The event in {C} is part of a series that covers every state and union territory.",
        "{C} का आयोजन उस श्रृंखला का हिस्सा है जो हर राज्य और केंद्र शासित प्रदेश को शामिल करती है।",
    ),
    (
        "Micro and small enterprises supplied goods worth {N} crore rupees last year.",
        "पिछले वर्ष सूक्ष्म और लघु उद्यमों ने {N} करोड़ रुपये की वस्तुओं की आपूर्ति की।",
    ),
    (
        "Participants can register at the venue on the day of the event.",
        "प्रतिभागी कार्यक्रम के दिन आयोजन स्थल पर पंजीकरण करा सकते हैं।",
    ),
    (
        "The portal now offers a simpler process for service providers.",
        "पोर्टल अब सेवा प्रदाताओं के लिए एक सरल प्रक्रिया उपलब्ध कराता है।",
    ),
    (
        "Questions raised at the meeting will be answered on the portal afterwards.",
        "बैठक में उठाए गए प्रश्नों के उत्तर बाद में पोर्टल पर दिए जाएंगे।",
    ),
];

const HEADINGS: &[(&str, &str)] = &[
    (
        "What the meeting will cover",
        "बैठक में किन विषयों पर चर्चा होगी",
    ),
    ("Who can take part", "कौन भाग ले सकता है"),
    ("Figures for the state", "राज्य के आंकड़े"),
    ("Recent reforms", "हाल के सुधार"),
    ("How to register", "पंजीकरण कैसे करें"),
    ("Support for small enterprises", "लघु उद्यमों के लिए सहायता"),
];

const ITEMS: &[(&str, &str)] = &[
    ("registration of new sellers", "नए विक्रेताओं का पंजीकरण"),
    (
        "training for buyer organisations",
        "क्रेता संगठनों के लिए प्रशिक्षण",
    ),
    ("faster payments to suppliers", "आपूर्तिकर्ताओं को तेज भुगतान"),
    ("lower vendor assessment fees", "विक्रेता मूल्यांकन शुल्क में कमी"),
    ("a help desk in both languages", "दोनों भाषाओं में सहायता केंद्र"),
    ("display of local products", "स्थानीय उत्पादों का प्रदर्शन"),
    ("feedback on the portal", "पोर्टल पर सुझाव"),
    (
        "guidance on bids and contracts",
        "बोलियों और अनुबंधों पर मार्गदर्शन",
    ),
];

const TITLES: &[(&str, &str)] = &[
    (
        "Buyer meeting in {C} to strengthen public procurement",
        "सार्वजनिक खरीद को मजबूत करने के लिए {C} में क्रेता बैठक",
    ),
    ("Seller outreach reaches {S}", "विक्रेता आउटरीच {S} पहुंचा"),
    (
        "Training for government buyers in {C}",
        "{C} में सरकारी क्रेताओं के लिए प्रशिक्षण",
    ),
    (
        "Local enterprises of {S} meet public buyers",
        "{S} के स्थानीय उद्यम सरकारी क्रेताओं से मिले",
    ),
    ("Procurement dialogue held in {C}", "{C} में खरीद संवाद आयोजित"),
];

fn fill(template: &str, state: &str, city: &str, n: &str) -> String {
    template
        .replace("{S}", state)
        .replace("{C}", city)
        .replace("{N}", n)
}

/// One generated release, in both languages.
pub struct GenRelease {
    /// File stem.
    pub stem: String,
    /// Date and time, RFC 3339 with +05:30.
    pub date: String,
    /// State index into [`CITIES`].
    pub place: usize,
    /// Related event ids.
    pub events: Vec<String>,
    /// (hi, en) titles.
    pub title: (String, String),
    /// (hi, en) Markdown bodies.
    pub body: (String, String),
}

/// One generated event.
pub struct GenEvent {
    /// Id.
    pub id: String,
    /// The YAML file.
    pub yaml: String,
}

/// The whole generated site.
pub struct GenSite {
    /// Releases.
    pub releases: Vec<GenRelease>,
    /// Events.
    pub events: Vec<GenEvent>,
}

fn civil(day_index: usize) -> (i32, u32, u32) {
    // Days from 2019-01-01, walking a proleptic Gregorian calendar.
    let mut y = 2019;
    let mut d = day_index;
    loop {
        let len = if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
            366
        } else {
            365
        };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let months = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    (y, m as u32 + 1, d as u32 + 1)
}

fn body(
    rng: &mut Rng,
    place: usize,
    names: Place,
    links: &[(String, String, String)],
) -> (String, String) {
    let (s_en, s_hi, c_en, c_hi) = (names.state_en, names.state_hi, names.city_en, names.city_hi);
    let mut hi = String::new();
    let mut en = String::new();
    let target_words = rng.range(300, 800);
    let mut words = 0;
    let mut section = 0;
    while words < target_words {
        if section > 0 || words > 0 {
            let (h_en, h_hi) = HEADINGS[(section + place) % HEADINGS.len()];
            let _ = writeln!(en, "## {h_en}\n");
            let _ = writeln!(hi, "## {h_hi}\n");
        }
        section += 1;
        for _ in 0..rng.range(2, 3) {
            let mut p_en = Vec::new();
            let mut p_hi = Vec::new();
            for _ in 0..rng.range(3, 5) {
                let (t_en, t_hi) = rng.pick(SENTENCES);
                let n = group_indian(&rng.range(120, 1_250_000).to_string());
                let e = fill(t_en, s_en, c_en, &n);
                words += e.split_whitespace().count();
                p_en.push(e);
                p_hi.push(fill(t_hi, s_hi, c_hi, &n));
            }
            let _ = writeln!(en, "{}\n", p_en.join(" "));
            let _ = writeln!(hi, "{}\n", p_hi.join(" "));
        }
        match section % 3 {
            1 => {
                for _ in 0..rng.range(3, 5) {
                    let (i_en, i_hi) = rng.pick(ITEMS);
                    let _ = writeln!(en, "- {i_en}");
                    let _ = writeln!(hi, "- {i_hi}");
                    words += 4;
                }
                en.push('\n');
                hi.push('\n');
            }
            2 => {
                en.push_str("| Year | Orders | Value (crore rupees) |\n|---|---:|---:|\n");
                hi.push_str("| वर्ष | ऑर्डर | मूल्य (करोड़ रुपये) |\n|---|---:|---:|\n");
                for year in 2021..=2024 {
                    let orders = group_indian(&rng.range(1_000, 900_000).to_string());
                    let value = group_indian(&rng.range(10, 20_000).to_string());
                    let _ = writeln!(en, "| {year} | {orders} | {value} |");
                    let _ = writeln!(hi, "| {year} | {orders} | {value} |");
                    words += 3;
                }
                en.push('\n');
                hi.push('\n');
            }
            _ => {
                if let Some((href, t_en, t_hi)) = links.get(section % links.len().max(1)) {
                    let _ = writeln!(en, "See also: [{t_en}]({href}).\n");
                    let _ = writeln!(hi, "यह भी देखें: [{t_hi}]({href})।\n");
                    words += 8;
                }
            }
        }
    }
    (hi, en)
}

/// Generates `pairs` release pairs and `pairs / 2` events.
pub fn generate(pairs: usize, seed: u64) -> GenSite {
    let mut rng = Rng::new(seed);
    let registry = samvad::states::StateRegistry::bundled();
    let event_count = (pairs / 2).max(1);
    let mut events = Vec::with_capacity(event_count);
    let span_days = 365 * 7; // 2019 to 2025
    for i in 0..event_count {
        let p = place(&registry, i % CITIES.len());
        let (code, s_en, s_hi, c_en, c_hi) = (p.code, p.state_en, p.state_hi, p.city_en, p.city_hi);
        let id = format!("event-{i:05}");
        let day = (i * span_days / event_count + rng.range(0, 5)) % span_days;
        let (y, m, d) = civil(day);
        let kind = rng.range(0, 19);
        let status = match kind {
            0 => "tentative",
            1 => "cancelled",
            2 => "postponed",
            _ => "scheduled",
        };
        let mut yaml = format!("state: {code}\n");
        if kind == 3 {
            let (y2, m2, d2) = civil((day + 30) % span_days.max(31));
            let (a, b) = if (y2, m2, d2) > (y, m, d) {
                ((y, m, d), (y2, m2, d2))
            } else {
                ((y2, m2, d2), (y, m, d))
            };
            let _ = writeln!(
                yaml,
                "window: {{from: {:04}-{:02}-{:02}, to: {:04}-{:02}-{:02}}}",
                a.0, a.1, a.2, b.0, b.1, b.2
            );
        } else {
            let _ = writeln!(yaml, "start: {y:04}-{m:02}-{d:02}");
            if kind.is_multiple_of(4) {
                let _ = writeln!(yaml, "time: \"{:02}:30\"", rng.range(9, 16));
            }
        }
        let _ = writeln!(yaml, "status: {status}");
        let _ = writeln!(yaml, "programme: outreach-{}", y);
        let _ = writeln!(
            yaml,
            "title: {{hi: \"{c_hi} में क्रेता-विक्रेता संवाद\", en: \"Buyer-seller meeting in {c_en}\"}}"
        );
        let _ = writeln!(yaml, "city: {{hi: \"{c_hi}\", en: \"{c_en}\"}}");
        let _ = writeln!(
            yaml,
            "description:\n  hi: \"{s_hi} के क्रेताओं और विक्रेताओं के लिए सार्वजनिक खरीद पर बैठक।\"\n  en: \"A meeting on public procurement for buyers and sellers of {s_en}.\""
        );
        events.push(GenEvent { id, yaml });
    }

    let mut releases: Vec<GenRelease> = Vec::with_capacity(pairs);
    let minutes_span: u64 = span_days as u64 * 24 * 60;
    for i in 0..pairs {
        let stem = format!("release-{i:05}");
        let place_index = rng.range(0, CITIES.len() - 1);
        let names = place(&registry, place_index);
        let (s_en, s_hi, c_en, c_hi) =
            (names.state_en, names.state_hi, names.city_en, names.city_hi);
        let minute = (i as u64 * minutes_span / pairs.max(1) as u64) as usize;
        let (y, m, d) = civil(minute / (24 * 60));
        let hh = 9 + (minute / 60) % 9;
        let mm = minute % 60;
        let date = format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:00+05:30");
        let (t_en, t_hi) = rng.pick(TITLES);
        let title = (
            fill(t_hi, s_hi, c_hi, ""),
            format!("{} ({})", fill(t_en, s_en, c_en, ""), i),
        );
        let title = (format!("{} ({})", title.0, i), title.1);
        // Links to two earlier releases (same relative form in both tools).
        let mut links = Vec::new();
        for back in [1usize, 7] {
            if i >= back {
                let j = i - back;
                links.push((
                    format!("../release-{j:05}/index.html"),
                    format!("Release {j}"),
                    format!("विज्ञप्ति {j}"),
                ));
            }
        }
        let body = body(&mut rng, place_index, names, &links);
        let mut evs = Vec::new();
        if i.is_multiple_of(2) {
            let e = (i / 2) % event_count;
            evs.push(events[e].id.clone());
        }
        releases.push(GenRelease {
            stem,
            date,
            place: place_index,
            events: evs,
            title,
            body,
        });
    }
    // Events name their releases too (both directions are allowed).
    for (i, r) in releases.iter().enumerate() {
        if i.is_multiple_of(2)
            && let Some(e) = events.iter_mut().find(|e| r.events.contains(&e.id))
            && !e.yaml.contains("releases:")
        {
            e.yaml.push_str(&format!("releases: [{}]\n", r.stem));
        }
    }
    GenSite { releases, events }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

const SAMVAD_SITE_YAML: &str = "title:\n  hi: \"आउटरीच कार्यक्रम\"\n  en: \"Outreach programme\"\ndescription:\n  hi: \"प्रेस विज्ञप्तियां और कार्यक्रम\"\n  en: \"Press releases and events\"\nbase_url: \"https://bench.example.gov.in\"\nlanguages: [hi, en]\ndefault_language: hi\nreleases_per_page: 20\n";

impl GenRelease {
    /// Per language: the language, the body, and the front matter both tools share
    /// (opened, not closed).
    fn texts(&self) -> [(&'static str, &str, String); 2] {
        let (_, city_en, city_hi) = CITIES[self.place];
        let front = |title: &str, ministry: &str, place: &str| {
            let mut fm = String::from("---\n");
            let _ = writeln!(fm, "title: {}", quote(title));
            let _ = writeln!(fm, "date: {}", self.date);
            let _ = writeln!(fm, "ministry: {}", quote(ministry));
            let _ = writeln!(fm, "place: {}", quote(place));
            fm
        };
        [
            (
                "hi",
                self.body.0.as_str(),
                front(&self.title.0, "वाणिज्य एवं उद्योग मंत्रालय", city_hi),
            ),
            (
                "en",
                self.body.1.as_str(),
                front(&self.title.1, "Ministry of Commerce and Industry", city_en),
            ),
        ]
    }
}

/// Writes the site in samvad's format into `dir` (which gets site.yaml and content/);
/// i18n/ and themes/ are copied from `theme_source` (a samvad site such as the repo root).
pub fn write_samvad(site: &GenSite, dir: &Path, theme_source: &Path) -> io::Result<()> {
    fs::create_dir_all(dir.join("content/releases"))?;
    fs::create_dir_all(dir.join("content/events"))?;
    fs::write(dir.join("site.yaml"), SAMVAD_SITE_YAML)?;
    for r in &site.releases {
        let (code, ..) = CITIES[r.place];
        for (lang, body, mut fm) in r.texts() {
            let _ = writeln!(fm, "states: [{code}]");
            if !r.events.is_empty() {
                let _ = writeln!(fm, "events: [{}]", r.events.join(", "));
            }
            fm.push_str("---\n\n");
            fm.push_str(body);
            fs::write(
                dir.join(format!("content/releases/{}.{lang}.md", r.stem)),
                fm,
            )?;
        }
    }
    for e in &site.events {
        fs::write(dir.join(format!("content/events/{}.yaml", e.id)), &e.yaml)?;
    }
    copy_tree(&theme_source.join("i18n"), &dir.join("i18n"))?;
    copy_tree(&theme_source.join("themes"), &dir.join("themes"))?;
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Writes the same site for Hugo: multilingual by file name, a `states` taxonomy,
/// paginated release lists (20 a page), an RSS feed per language and a sitemap, with a
/// small theme that builds comparable pages.
pub fn write_hugo(site: &GenSite, dir: &Path) -> io::Result<()> {
    for sub in ["content/releases", "layouts/_default"] {
        fs::create_dir_all(dir.join(sub))?;
    }
    fs::write(dir.join("hugo.toml"), HUGO_CONFIG)?;
    for (lang, title) in [("hi", "प्रेस विज्ञप्तियां"), ("en", "Press releases")]
    {
        fs::write(
            dir.join(format!("content/releases/_index.{lang}.md")),
            format!("---\ntitle: {}\n---\n", quote(title)),
        )?;
    }
    for r in &site.releases {
        let (code, ..) = CITIES[r.place];
        for (lang, body, mut fm) in r.texts() {
            let _ = writeln!(fm, "states: [{}]", code.to_ascii_lowercase());
            let _ = writeln!(fm, "translationKey: {}", r.stem);
            fm.push_str("---\n\n");
            fm.push_str(body);
            fs::write(
                dir.join(format!("content/releases/{}.{lang}.md", r.stem)),
                fm,
            )?;
        }
    }
    for (name, text) in HUGO_LAYOUTS {
        fs::write(dir.join("layouts").join(name), text)?;
    }
    Ok(())
}

const HUGO_CONFIG: &str = r#"baseURL = "https://bench.example.gov.in/"
defaultContentLanguage = "hi"
defaultContentLanguageInSubdir = true
disableKinds = []
[pagination]
  pagerSize = 20
[taxonomies]
  state = "states"
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
[languages]
  [languages.hi]
    languageName = "हिन्दी"
    title = "आउटरीच कार्यक्रम"
    weight = 1
  [languages.en]
    languageName = "English"
    title = "Outreach programme"
    weight = 2
"#;

const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify | truncate 160 }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
<nav><a href="{{ site.Home.RelPermalink }}">Home</a> <a href="{{ "releases/" | relLangURL }}">Releases</a> <a href="{{ "states/" | relLangURL }}">States</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>Last updated: {{ site.Lastmod.Format "2 January 2006" }}</footer>
</body></html>
"#,
    ),
    (
        "_default/single.html",
        r#"{{ define "main" }}<article><p>{{ .Params.ministry }}</p><h1>{{ .Title }}</h1>
<p>{{ .Params.place }}, {{ .Date.Format "2 January 2006, 15:04" }}</p>
{{ .Content }}
<ul>{{ range .GetTerms "states" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $paginator := .Paginate .Pages }}
<ul>{{ range $paginator.Pages }}<li><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p>{{ .Date.Format "2 January 2006" }} · {{ .Params.ministry }}</p><p>{{ .Summary | plainify | truncate 200 }}</p></li>{{ end }}</ul>
{{ with $paginator.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }} {{ with $paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}
{{ end }}
"#,
    ),
    (
        "_default/terms.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}
"#,
    ),
    (
        "_default/term.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 January 2006" }}</li>{{ end }}</ul>{{ end }}
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}<h1>{{ site.Title }}</h1><ul>{{ range first 5 (where site.RegularPages "Section" "releases") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 January 2006" }}<p>{{ .Summary | plainify | truncate 200 }}</p></li>{{ end }}</ul>{{ end }}
"#,
    ),
];
