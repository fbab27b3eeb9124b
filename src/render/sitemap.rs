//! The sitemap with language alternates, and robots.txt.

use std::fmt::Write as _;

use super::atom::xml_escape;
use crate::site::Site;
use crate::site::urls::{self, PageKey};

/// The sitemap protocol's limit of addresses in one file.
pub const SITEMAP_LIMIT: usize = 50_000;

/// The sitemaps of `site`, whose pages `keys` names, each page's `lastmod` its "last
/// updated" day.
pub fn site_sitemaps(site: &Site, keys: &[(PageKey, Vec<String>)]) -> Vec<(String, String)> {
    let lastmod =
        |key: &PageKey, lang: &str| Some(super::keys::page_updated(site, key, lang).to_string());
    let config = &site.config;
    sitemaps(
        &config.base_url,
        &config.default_language,
        keys,
        SITEMAP_LIMIT,
        &lastmod,
    )
}

/// `sitemap.xml`: the language chooser at the root and every HTML page, each with its
/// `lastmod` (the day `lastmod` gives, if any) and, for a page in several languages,
/// `hreflang` alternates for its translations and `x-default` (see [`urls::x_default`]).
/// Past the protocol's 50,000 addresses the pages go into `sitemap-N.xml` files and
/// `sitemap.xml` becomes their index. Returns (output path, contents).
pub fn sitemaps(
    base: &str,
    default_lang: &str,
    pages: &[(PageKey, Vec<String>)],
    limit: usize,
    lastmod: &dyn Fn(&PageKey, &str) -> Option<String>,
) -> Vec<(String, String)> {
    // The chooser is listed as the home pages' `x-default`: with their alternates.
    let home = pages.iter().find(|(k, _)| *k == PageKey::Home);
    let root = home.filter(|(_, langs)| langs.len() > 1);
    let entries: Vec<(&PageKey, Option<&String>, &Vec<String>)> = root
        .map(|(k, langs)| (k, None, langs))
        .into_iter()
        .chain(
            pages
                .iter()
                // The search page shows nothing of its own to a search engine.
                .filter(|(key, _)| *key != PageKey::Search)
                .flat_map(|(key, langs)| langs.iter().map(move |lang| (key, Some(lang), langs))),
        )
        .collect();
    type Entry<'e> = (&'e PageKey, Option<&'e String>, &'e Vec<String>);
    let chunks: Vec<&[Entry]> = entries.chunks(limit.max(1)).collect();
    let urlset = |chunk: &[Entry]| {
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
        for (key, lang, langs) in chunk {
            let loc = match lang {
                Some(l) => urls::absolute(base, &key.path(l)),
                None => urls::absolute(base, "index.html"),
            };
            let _ = writeln!(out, "  <url>\n    <loc>{}</loc>", xml_escape(&loc));
            if let Some(day) = lastmod(key, lang.map_or(default_lang, |l| l.as_str())) {
                let _ = writeln!(out, "    <lastmod>{day}</lastmod>");
            }
            if langs.len() > 1 {
                for other in langs.iter() {
                    let _ = writeln!(
                        out,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{}\"/>",
                        xml_escape(&urls::absolute(base, &key.path(other)))
                    );
                }
                let _ = writeln!(
                    out,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                    xml_escape(&urls::x_default(base, default_lang, key, langs))
                );
            }
            out.push_str("  </url>\n");
        }
        out.push_str("</urlset>\n");
        out
    };
    if chunks.len() <= 1 {
        return vec![(
            "sitemap.xml".into(),
            urlset(chunks.first().copied().unwrap_or(&[])),
        )];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in chunks.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            xml_escape(&urls::absolute(base, &name))
        );
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index));
    files
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
        site.config.base_url
    )
}

/// Writes `robots.txt`, and `_headers` when the site asks for it.
pub(super) fn write_site_files(
    site: &Site,
    out: &dyn super::sink::Output,
) -> Result<(), crate::diagnostics::Diagnostic> {
    out.write("robots.txt", robots(site).as_bytes())?;
    if site.config.headers_file {
        out.write("_headers", HEADERS_FILE.as_bytes())?;
    }
    Ok(())
}

/// `_headers`, for hosts that read one (Netlify, Cloudflare Pages): the security headers
/// the README gives for nginx and Apache. The pages load nothing from elsewhere and run
/// no inline script, so the strict policy holds.
pub const HEADERS_FILE: &str = "/*\n  Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  X-Frame-Options: DENY\n  Strict-Transport-Security: max-age=31536000; includeSubDomains\n  Permissions-Policy: camera=(), microphone=(), geolocation=()\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_sitemap_is_split_under_an_index() {
        let pages: Vec<(PageKey, Vec<String>)> = (0..5)
            .map(|i| {
                (
                    PageKey::Release(format!("r{i}")),
                    vec!["hi".into(), "en".into()],
                )
            })
            .collect();
        let none = |_: &PageKey, _: &str| None;
        let one = sitemaps("https://a.in", "hi", &pages, 100, &none);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].1.matches("<url>").count(), 10);
        let split = sitemaps("https://a.in", "hi", &pages, 4, &none);
        let names: Vec<&str> = split.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let total: usize = split.iter().map(|(_, x)| x.matches("<url>").count()).sum();
        assert_eq!(total, 10);
        assert!(split[3].1.contains("<loc>https://a.in/sitemap-3.xml</loc>"));
        assert!(split[3].1.starts_with("<?xml") && split[3].1.contains("<sitemapindex"));
    }
}
