//! What a page says of itself when it is shared or read by a search engine: the Open
//! Graph language of a page, and schema.org JSON-LD for events and releases, escaped so
//! that no value can close the script element it is written in.

use serde_json::{Value, json};

use super::views::ViewCx;
use crate::content::{EventStatus, When};
use crate::site::urls::{self, PageKey};

/// The Open Graph locale of a language (`hi` is `hi_IN`).
pub fn og_locale(lang: &str) -> String {
    format!("{lang}_IN")
}

/// The theme's picture for shared pages.
pub const DEFAULT_IMAGE: &str = "assets/share.png";

/// The picture the page of `key` in `lang` is shared with: the one its release text
/// names (or, failing that, the release's other text), or its event names, else the
/// theme's; its address from the site's root and whether it is the theme's.
pub fn image(
    site: &crate::site::Site,
    links: &super::links::LinkIndex,
    key: &PageKey,
    lang: &str,
) -> (String, bool) {
    let named = match key {
        PageKey::Release(stem) => site.release_index(stem).and_then(|i| {
            let r = &site.releases[i];
            r.texts
                .get(lang)
                .and_then(|t| t.image.as_ref())
                .or_else(|| r.texts.values().find_map(|t| t.image.as_ref()))
        }),
        PageKey::Event(id) => site
            .event_index(id)
            .and_then(|i| site.events[i].image.as_ref()),
        _ => None,
    };
    // A picture that is not a file of the site stopped the build at its field; a session
    // that renders again meanwhile shows the theme's.
    match named.and_then(|n| links.share_image(&n.value).ok()) {
        Some(path) => {
            let encoded: Vec<String> = path.split('/').map(super::ical::query).collect();
            (
                urls::absolute(&site.config.base_url, &encoded.join("/")),
                false,
            )
        }
        None => (urls::absolute(&site.config.base_url, DEFAULT_IMAGE), true),
    }
}

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` are written as
/// `\u003c` and the like (still the same JSON), so `</script>` or `<!--` in a title
/// cannot end or change the element.
pub fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// The schema.org `Event` of the event at `index`, in the page's language; None when its
/// day is not known (a start date is required).
pub fn event_ld(cx: &ViewCx, index: usize, image: &str) -> Option<String> {
    let site = cx.site;
    let e = &site.events[index];
    let dl = &site.config.default_language;
    let lang = cx.lang;
    let When::Dated {
        start,
        end,
        time,
        end_time,
    } = &e.when
    else {
        return None;
    };
    let zone = site.config.time_zone.clone();
    let moment = |d: jiff::civil::Date, t: Option<jiff::civil::Time>| match t {
        Some(t) => d
            .to_datetime(t)
            .to_zoned(zone.clone())
            .map(|z| z.strftime("%Y-%m-%dT%H:%M%:z").to_string())
            .unwrap_or_else(|_| d.to_string()),
        None => d.to_string(),
    };
    let state = cx.state_name(&e.state);
    let text =
        |l: &Option<crate::content::Localized>| l.as_ref().map(|l| l.get(lang, dl).to_string());
    let place_name = text(&e.venue)
        .or_else(|| text(&e.city))
        .unwrap_or_else(|| state.clone());
    let mut address = json!({
        "@type": "PostalAddress",
        "addressRegion": state,
        "addressCountry": "IN",
    });
    if let Some(city) = text(&e.city) {
        address["addressLocality"] = json!(city);
    }
    let mut location = json!({"@type": "Place", "name": place_name, "address": address});
    if let Some((lat, lon)) = e.attend.coordinates {
        location["geo"] = json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon});
    }
    let status = match e.status {
        EventStatus::Scheduled | EventStatus::Tentative => "EventScheduled",
        EventStatus::Postponed => "EventPostponed",
        EventStatus::Cancelled => "EventCancelled",
    };
    let url = urls::absolute(
        &site.config.base_url,
        &PageKey::Event(e.id.clone()).path(lang),
    );
    let organiser =
        text(&e.attend.organiser).unwrap_or_else(|| site.config.title_in(lang).to_string());
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": e.title.get(lang, dl),
        "startDate": moment(*start, *time),
        "eventStatus": format!("https://schema.org/{status}"),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": location,
        "organizer": {"@type": "Organization", "name": organiser, "url": urls::absolute(&site.config.base_url, &PageKey::Home.path(lang))},
        "url": url,
        "inLanguage": lang,
        "image": [image],
    });
    let last = end.unwrap_or(*start);
    if end.is_some() || end_time.is_some() {
        ld["endDate"] = json!(moment(last, end_time.or(*time)));
    }
    if let Some(d) = cx.bodies.events.get(index).and_then(|m| m.get(lang))
        && !d.first_paragraph.is_empty()
    {
        ld["description"] = json!(d.first_paragraph);
    }
    Some(script_json(&ld))
}

/// The schema.org `NewsArticle` of one language's text of a release.
pub fn release_ld(
    text: &crate::content::release::ReleaseText,
    summary: &str,
    url: &str,
    image: &str,
) -> String {
    let publisher = json!({"@type": "Organization", "name": text.ministry});
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": text.title,
        "datePublished": text.published.at.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        "dateModified": text.updated.as_ref().unwrap_or(&text.published).at.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        "author": publisher,
        "publisher": publisher,
        "inLanguage": text.lang,
        "mainEntityOfPage": url,
        "url": url,
        "description": summary,
        "image": [image],
    });
    script_json(&ld)
}

/// A way to share a page: its name and the address that shares it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ShareLink {
    pub label: String,
    pub href: String,
    /// For the stylesheet: `whatsapp`, `x`, `facebook`, `email`.
    pub kind: &'static str,
}

/// What the share control of a page needs: plain links to the common services (nothing
/// is loaded from them until the reader follows one), and the title and address for the
/// browser's own share sheet and the copy button.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Share {
    pub title: String,
    pub url: String,
    pub links: Vec<ShareLink>,
}

/// The share control of the page `title` at the absolute address `url`.
pub fn share(cx: &ViewCx, title: &str, url: &str) -> Share {
    let q = super::ical::query;
    let with_url = format!("{title} {url}");
    let link = |label: String, href: String, kind| ShareLink { label, href, kind };
    Share {
        title: title.to_string(),
        url: url.to_string(),
        links: vec![
            link(
                "WhatsApp".into(),
                format!("https://wa.me/?text={}", q(&with_url)),
                "whatsapp",
            ),
            link(
                "X".into(),
                format!("https://x.com/intent/post?text={}&url={}", q(title), q(url)),
                "x",
            ),
            link(
                "Facebook".into(),
                format!("https://www.facebook.com/sharer/sharer.php?u={}", q(url)),
                "facebook",
            ),
            link(
                cx.t("share-email", &[]),
                format!("mailto:?subject={}&body={}", q(title), q(url)),
                "email",
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_value_can_close_the_script_element() {
        let v = json!({"name": "</script><script>alert(1)</script> & <!--"});
        let s = script_json(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
