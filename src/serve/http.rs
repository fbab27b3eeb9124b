//! What the server answers: a request's path turned into a file of the served folder (or
//! refused), the file's type, and the reload script added to the HTML it sends.

use std::path::{Path, PathBuf};

/// Where a request's path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the site.
    File(PathBuf),
    /// A folder asked for without its trailing slash: send the reader there.
    Redirect(String),
    /// Nothing of the site is there.
    NotFound,
    /// A path that tries to leave the site or that no page of it can have.
    Refused,
}

/// Resolves the path part of a request (`/en/releases/x/?q` → the folder's `index.html`)
/// inside `site`. Refuses `..` and `.` segments however they are written (`%2e%2e`),
/// encoded slashes, backslashes, NUL, drive letters, empty segments, paths that are not
/// UTF-8, and anything (a symbolic link included) that leads outside `site`. Hidden files
/// are not part of the site.
pub fn resolve(site: &Path, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(rest) = path.strip_prefix('/') else {
        return Resolved::Refused;
    };
    let mut segments: Vec<String> = Vec::new();
    let parts: Vec<&str> = rest.split('/').collect();
    let last = parts.len() - 1;
    for (i, raw) in parts.iter().enumerate() {
        if raw.is_empty() {
            // Only the trailing slash of a folder gives an empty segment.
            if i == last {
                continue;
            }
            return Resolved::Refused;
        }
        let Some(segment) = crate::text::names::percent_decode(raw) else {
            return Resolved::Refused;
        };
        if segment == "."
            || segment == ".."
            || segment
                .chars()
                .any(|c| matches!(c, '/' | '\\' | ':' | '\0') || c.is_control())
        {
            return Resolved::Refused;
        }
        if segment.starts_with('.') {
            return Resolved::NotFound;
        }
        segments.push(segment);
    }
    let Ok(site) = site.canonicalize() else {
        return Resolved::NotFound;
    };
    let mut file = site.clone();
    file.extend(&segments);
    // A symbolic link inside the site may point anywhere: what it leads to must be inside.
    let Ok(real) = file.canonicalize() else {
        return Resolved::NotFound;
    };
    if !real.starts_with(&site) {
        return Resolved::Refused;
    }
    if real.is_dir() {
        if !path.ends_with('/') {
            let query = &target[path.len()..];
            return Resolved::Redirect(location(&format!("{path}/{query}")));
        }
        let index = real.join("index.html");
        return match index.canonicalize() {
            Ok(i) if i.starts_with(&site) && i.is_file() => Resolved::File(i),
            Ok(_) => Resolved::Refused,
            Err(_) => Resolved::NotFound,
        };
    }
    if real.is_file() {
        Resolved::File(real)
    } else {
        Resolved::NotFound
    }
}

/// The `Content-Type` of a file of the site, by its name.
pub fn content_type(file: &Path) -> &'static str {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        // The feeds are `feed.xml`; other XML (the sitemap) is plain XML.
        "xml" if name == "feed.xml" => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The path of the reload script and of the event stream the server adds.
pub const LIVE_JS: &str = "/__samvad/live.js";
pub const EVENTS: &str = "/__samvad/events";

/// The page with the reload script added before its last `</body>` (or at its end): the
/// files on disk stay exactly what `build` writes.
pub fn with_reload_script(html: &[u8], build_id: &str) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{LIVE_JS}\" data-build=\"{}\" defer></script>",
        attr_escape(build_id)
    );
    let at = memchr::memmem::rfind(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn attr_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// Whether a `Host` header (`name` or `name:port`) names this computer: without
/// `--bind`, a page of another site that made the browser resolve its own name to
/// 127.0.0.1 must not read the drafts.
pub fn host_is_local(host: &str) -> bool {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some(parts) => parts,
            None => return false,
        },
        None => match host.rfind(':') {
            Some(i) => (&host[..i], &host[i..]),
            None => (host, ""),
        },
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !port_ok {
        return false;
    }
    let name = name.to_ascii_lowercase();
    if let Ok(ip) = name.parse::<std::net::IpAddr>() {
        return ip.is_loopback();
    }
    let label_ok =
        |l: &str| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    name == "localhost"
        || name
            .strip_suffix(".localhost")
            .is_some_and(|sub| sub.split('.').all(label_ok))
}

/// A request target in absolute form (`http://host/path`, which HTTP/1.1 servers must
/// take) as its host and its path; a target in the usual form has no host.
pub fn split_target(target: &str) -> (Option<&str>, &str) {
    let Some(rest) = target.strip_prefix("http://") else {
        return (None, target);
    };
    match rest.find(['/', '?']) {
        Some(i) if rest.as_bytes()[i] == b'/' => (Some(&rest[..i]), &rest[i..]),
        Some(i) => (Some(&rest[..i]), "/"),
        None => (Some(rest), "/"),
    }
}

/// A redirect's address with every byte that may not stand in a header, or that is not
/// ASCII, written as `%xx`.
fn location(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b <= b' ' || b >= 0x7f {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

/// The page served while no build of the site has succeeded yet: it carries the reload
/// script, so it shows the problem and turns into the site once the files are fixed.
pub fn waiting_page() -> Vec<u8> {
    concat!(
        "<!DOCTYPE html>\n<html lang=\"hi\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>samvad serve</title></head><body><main>",
        "<p>साइट अभी नहीं बन सकी: फ़ाइल ठीक करके सहेजें।</p>",
        "<p lang=\"en\">The site could not be built yet: fix the file and save it.</p>",
        "</main></body></html>\n"
    )
    .as_bytes()
    .to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("site");
        std::fs::create_dir_all(s.join("en/releases/a")).unwrap();
        std::fs::write(s.join("index.html"), "root").unwrap();
        std::fs::write(s.join("en/releases/a/index.html"), "a").unwrap();
        std::fs::write(s.join(".samvad-output"), "m").unwrap();
        std::fs::write(dir.path().join("secret"), "s").unwrap();
        dir
    }

    #[test]
    fn files_folders_and_redirects() {
        let d = site();
        let s = d.path().join("site");
        let real = s.canonicalize().unwrap();
        assert_eq!(resolve(&s, "/"), Resolved::File(real.join("index.html")));
        assert_eq!(
            resolve(&s, "/en/releases/a/?x=1#f"),
            Resolved::File(real.join("en/releases/a/index.html"))
        );
        assert_eq!(
            resolve(&s, "/en/releases/a?x=1"),
            Resolved::Redirect("/en/releases/a/?x=1".into())
        );
        assert_eq!(
            resolve(&s, "/en/rel%65ases/a/"),
            Resolved::File(real.join("en/releases/a/index.html"))
        );
        assert_eq!(resolve(&s, "/en/nothing/"), Resolved::NotFound);
        assert_eq!(
            resolve(&s, "/en/releases/a?x=\u{1}\r\n\u{7f}"),
            Resolved::Redirect("/en/releases/a/?x=%01%0D%0A%7F".into())
        );
        assert_eq!(resolve(&s, "/.samvad-output"), Resolved::NotFound);
    }

    #[test]
    fn ways_out_are_refused() {
        let d = site();
        let s = d.path().join("site");
        for bad in [
            "/../secret",
            "/%2e%2e/secret",
            "/%2E%2E/secret",
            "/en/..%2f..%2fsecret",
            "/en/%2f",
            "/..\\secret",
            "/%5c..%5csecret",
            "//secret",
            "/en//a",
            "/C:/secret",
            "/%00",
            "/%ff",
            "/%zz",
            "secret",
            "/./index.html",
        ] {
            assert_eq!(resolve(&s, bad), Resolved::Refused, "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(d.path().join("secret"), s.join("link")).unwrap();
            assert_eq!(resolve(&s, "/link"), Resolved::Refused);
        }
    }

    #[test]
    fn types_and_the_script() {
        assert_eq!(
            content_type(Path::new("en/feed.xml")),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("sitemap.xml")),
            "application/xml; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("a/b.ics")),
            "text/calendar; charset=utf-8"
        );
        let page = with_reload_script(b"<p>a</p></body></html>", "1-2");
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<p>a</p><script src=\"/__samvad/live.js\" data-build=\"1-2\" defer></script></body></html>"
        );
        assert!(host_is_local("127.0.0.1:1111"));
        assert!(host_is_local("localhost:1111"));
        assert!(host_is_local("[::1]:1111"));
        assert!(!host_is_local("evil.example:1111"));
        assert!(!host_is_local("10.0.0.2:1111"));
        assert!(host_is_local("LOCALHOST"));
        assert!(host_is_local("a-b.localhost:1111"));
        for bad in [
            "localhost:1111@evil.com",
            "[::1].evil.com",
            "[::1]evil.com",
            "127.0.0.1.evil.com",
            "localhost.evil.com",
            "localhost.",
            "a@b.localhost",
            "localhost:",
            "",
        ] {
            assert!(!host_is_local(bad), "{bad}");
        }
        assert_eq!(
            split_target("http://127.0.0.1:1111/en/?q"),
            (Some("127.0.0.1:1111"), "/en/?q")
        );
        assert_eq!(split_target("http://h?x"), (Some("h"), "/"));
        assert_eq!(split_target("/en/"), (None, "/en/"));
    }
}
