//! The sitemap with language alternates, and robots.txt.

use std::fmt::Write as _;

use super::atom::xml_escape;
use crate::site::Site;
use crate::site::urls::{self, PageKey};

/// The sitemap protocol's limit of addresses in one file.
pub const SITEMAP_LIMIT: usize = 50_000;

/// `sitemap.xml`: every HTML page, with `hreflang` alternates for its translations. Past
/// the protocol's 50,000 addresses the pages go into `sitemap-N.xml` files and
/// `sitemap.xml` becomes their index. Returns (output path, contents).
pub fn sitemaps(
    base: &str,
    pages: &[(PageKey, Vec<String>)],
    limit: usize,
) -> Vec<(String, String)> {
    let entries: Vec<(&PageKey, &String, &Vec<String>)> = pages
        .iter()
        // The search page shows nothing of its own to a search engine.
        .filter(|(key, _)| *key != PageKey::Search)
        .flat_map(|(key, langs)| langs.iter().map(move |lang| (key, lang, langs)))
        .collect();
    let chunks: Vec<&[(&PageKey, &String, &Vec<String>)]> = entries.chunks(limit.max(1)).collect();
    let urlset = |chunk: &[(&PageKey, &String, &Vec<String>)]| {
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
        for (key, lang, langs) in chunk {
            let _ = writeln!(
                out,
                "  <url>\n    <loc>{}</loc>",
                xml_escape(&urls::absolute(base, &key.path(lang)))
            );
            if langs.len() > 1 {
                for other in langs.iter() {
                    let _ = writeln!(
                        out,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{}\"/>",
                        xml_escape(&urls::absolute(base, &key.path(other)))
                    );
                }
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
        let one = sitemaps("https://a.in", &pages, 100);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].1.matches("<url>").count(), 10);
        let split = sitemaps("https://a.in", &pages, 4);
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
