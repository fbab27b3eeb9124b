//! `samvad serve` over real HTTP: the binary is started on a site in a temporary folder,
//! asked for pages the way a browser (or an attacker) would, and its files are edited
//! while it runs.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{NOW, SiteTest, snapshot};

/// A running `samvad serve`, stopped when dropped.
pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    pub addr: String,
    /// The folder the server builds into.
    pub folder: PathBuf,
    stderr: Arc<Mutex<String>>,
}

impl Served {
    pub fn start(st: &SiteTest, extra: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_samvad"))
            .arg("serve")
            .arg("--root")
            .arg(st.root())
            .args(extra)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("samvad serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (folder_tx, folder_rx) = channel();
        {
            let stderr = Arc::clone(&stderr);
            let pipe = child.stderr.take().unwrap();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    if let Some(rest) = line.strip_prefix("the served site is in ") {
                        let path = rest.split(';').next().unwrap_or("").to_string();
                        let _ = folder_tx.send(PathBuf::from(path));
                    }
                    let mut s = stderr.lock().unwrap();
                    s.push_str(&line);
                    s.push('\n');
                }
            });
        }
        let (url_tx, url_rx) = channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = url_tx.send(line);
            }
        });
        let line = url_rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| {
                panic!(
                    "no address printed; stderr:\n{}",
                    stderr.lock().unwrap().as_str()
                )
            });
        let url = line
            .strip_prefix("serving ")
            .unwrap_or_else(|| panic!("first line of stdout: {line}"))
            .to_string();
        assert!(
            url.starts_with("http://127.0.0.1:") && url.ends_with('/'),
            "{url}"
        );
        let addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let folder = folder_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(
            url_rx.recv_timeout(Duration::from_millis(200)).is_err(),
            "stdout has one line"
        );
        Served {
            child,
            url,
            addr,
            folder,
            stderr,
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Sends one raw request line (the path exactly as given) and reads the answer.
    pub fn get(&self, path: &str) -> Answer {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        ))
    }

    pub fn request(&self, raw: &str) -> Answer {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        Answer::parse(&bytes)
    }

    /// The event stream an open page listens to.
    pub fn events(&self) -> Events {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(
            s,
            "GET /__samvad/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut reader = BufReader::new(s);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push_str(&line);
        }
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("text/event-stream"), "{head}");
        Events { reader }
    }

    /// Sends Ctrl-C and waits for the server to end.
    pub fn interrupt(mut self) -> std::process::ExitStatus {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            assert!(Instant::now() < deadline, "serve did not stop after Ctrl-C");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

impl Answer {
    fn parse(bytes: &[u8]) -> Answer {
        let end = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete head");
        let head = std::str::from_utf8(&bytes[..end]).unwrap();
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap();
        let headers: BTreeMap<String, String> = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect();
        let mut body = bytes[end + 4..].to_vec();
        // tiny_http sends a large body in chunks: `size in hex`, CRLF, bytes, CRLF.
        if headers
            .get("transfer-encoding")
            .is_some_and(|t| t == "chunked")
        {
            let (mut rest, mut whole) = (&body[..], Vec::new());
            while let Some(line) = rest.windows(2).position(|w| w == b"\r\n") {
                let size =
                    usize::from_str_radix(std::str::from_utf8(&rest[..line]).unwrap(), 16).unwrap();
                if size == 0 {
                    break;
                }
                whole.extend_from_slice(&rest[line + 2..line + 2 + size]);
                rest = &rest[line + 2 + size + 2..];
            }
            body = whole;
        }
        Answer {
            status: status.parse().unwrap(),
            headers,
            body,
        }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", |s| s.as_str())
    }
}

/// The events of one stream.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next event (`build` or `broken`) and its data; pings are skipped.
    pub fn next(&mut self) -> (String, String) {
        let mut name = String::new();
        let mut data: Vec<String> = Vec::new();
        loop {
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).expect("an event in time");
            assert!(n > 0, "the event stream ended");
            let line = line.trim_end_matches('\n');
            if line.is_empty() {
                if !name.is_empty() {
                    return (name, data.join("\n"));
                }
                continue;
            }
            if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data.push(v.to_string());
            }
        }
    }
}

/// The served HTML without the reload script the server adds.
fn without_script(html: &str) -> String {
    let start = html
        .find("<script src=\"/__samvad/live.js\"")
        .expect("reload script");
    let end = start + html[start..].find("</script>").unwrap() + "</script>".len();
    format!("{}{}", &html[..start], &html[end..])
}

/// The path a file of the output is asked for by.
fn url_path(rel: &str) -> String {
    match rel.strip_suffix("index.html") {
        Some(folder) => format!("/{folder}"),
        None => format!("/{rel}"),
    }
}

/// A clean `samvad build` of the same site for the same address and time.
fn clean_build(st: &SiteTest, base_url: &str, now: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_samvad"))
        .args(["build", "--now", now, "--base-url", base_url, "--root"])
        .arg(st.root())
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    (dir, out)
}

#[test]
fn serves_the_site_exactly_as_build_writes_it() {
    let st = SiteTest::example();
    let served = Served::start(&st, &["--now", NOW]);
    let (_dir, built) = clean_build(&st, &served.url, NOW);
    let files = snapshot(&built);
    assert!(files.len() > 50, "{}", files.len());
    for (rel, bytes) in &files {
        if rel.starts_with('.') {
            continue;
        }
        let a = served.get(&url_path(rel));
        assert_eq!(a.status, 200, "{rel}");
        assert_eq!(a.header("cache-control"), "no-store", "{rel}");
        assert_eq!(a.header("x-content-type-options"), "nosniff", "{rel}");
        let want_type = match rel.rsplit('.').next().unwrap() {
            "html" => "text/html; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            "js" => "text/javascript; charset=utf-8",
            "ics" => "text/calendar; charset=utf-8",
            "txt" => "text/plain; charset=utf-8",
            "xml" if rel.ends_with("feed.xml") => "application/atom+xml; charset=utf-8",
            "xml" => "application/xml; charset=utf-8",
            "png" => "image/png",
            "svg" => "image/svg+xml",
            other => panic!("unexpected file type {other} ({rel})"),
        };
        assert_eq!(a.header("content-type"), want_type, "{rel}");
        if rel.ends_with(".html") {
            let built_html = String::from_utf8(bytes.clone()).unwrap();
            assert!(!built_html.contains("__samvad"), "{rel}");
            assert_eq!(without_script(&a.text()), built_html, "{rel}");
        } else {
            assert_eq!(&a.body, bytes, "{rel}");
        }
    }
    // The served folder is the build's, and nothing went into the site folder.
    assert_eq!(snapshot(&served.folder), files);
    assert!(!st.root().join("public").exists());
    // HEAD gives the head only; the reload script is served too.
    let head = served.request(&format!(
        "HEAD /en/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        served.addr
    ));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let js = served.get("/__samvad/live.js");
    assert_eq!(js.header("content-type"), "text/javascript; charset=utf-8");
    assert!(js.text().contains("EventSource"));
}

#[test]
fn paths_out_of_the_site_are_refused() {
    let st = SiteTest::example();
    let served = Served::start(&st, &["--now", NOW]);
    for bad in [
        "/../site.yaml",
        "/../../../../etc/passwd",
        "/%2e%2e/site.yaml",
        "/%2E%2e/%2e%2E/etc/passwd",
        "/en/..%2f..%2fsite.yaml",
        "/en/%2e%2e%2f%2e%2e%2fsite.yaml",
        "/..%5c..%5csite.yaml",
        "/en\\..\\..\\site.yaml",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/%00",
        "/en/%ff/",
        "/./en/",
    ] {
        let a = served.get(bad);
        assert_eq!(a.status, 403, "{bad}: {}", a.text());
        assert!(!a.text().contains("base_url"), "{bad}");
    }
    // An absolute URL in the request line names a path of this site or nothing.
    let a = served.get("http://127.0.0.1/etc/passwd");
    assert!(a.status == 403 || a.status == 404, "{}", a.status);
    // A symbolic link inside the served folder that leads out of it.
    std::os::unix::fs::symlink(st.root().join("site.yaml"), served.folder.join("leak.txt"))
        .unwrap();
    std::os::unix::fs::symlink(st.root(), served.folder.join("leakdir")).unwrap();
    assert_eq!(served.get("/leak.txt").status, 403);
    assert_eq!(served.get("/leakdir/site.yaml").status, 403);
    // Hidden files are not part of the site.
    assert!(served.folder.join(".samvad-output").is_file());
    assert_eq!(served.get("/.samvad-output").status, 404);
    // A missing page gets the site's own 404 page; a folder without its slash is sent on.
    let missing = served.get("/en/releases/no-such-release/");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), "text/html; charset=utf-8");
    assert!(missing.text().contains("__samvad/live.js"));
    let moved = served.get("/en/schedule?state=MP");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("location"), "/en/schedule/?state=MP");
    // Only reading.
    let post = served.request(&format!(
        "POST /en/ HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        served.addr
    ));
    assert_eq!(post.status, 405);
    // A page of another site that made the browser resolve its name to this computer.
    let rebound = served
        .request("GET /en/ HTTP/1.1\r\nHost: attacker.example:1111\r\nConnection: close\r\n\r\n");
    assert_eq!(rebound.status, 403);
    let localhost = served.request(&format!(
        "GET /en/ HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
        served.url.rsplit(':').next().unwrap().trim_end_matches('/')
    ));
    assert_eq!(localhost.status, 200);
}

const RELEASE_EN: &str = "content/releases/gem-samvad-outreach.en.md";

fn title_of(html: &str) -> String {
    crate::support::between(html, "<h1", "</h1>").to_string()
}

#[test]
fn a_save_rebuilds_and_a_broken_save_keeps_the_last_good_site() {
    let st = SiteTest::example();
    let served = Served::start(&st, &["--now", NOW]);
    let page = "/en/releases/gem-samvad-outreach/";
    let mut events = served.events();
    let (kind, first_id) = events.next();
    assert_eq!(kind, "build");
    let before = served.get(page).text();
    assert!(before.contains(&format!("data-build=\"{first_id}\"")));

    st.edit(
        RELEASE_EN,
        "title: \"GeM Samvad",
        "title: \"Edited GeM Samvad",
    );
    let (kind, second_id) = events.next();
    assert_eq!(kind, "build");
    assert_ne!(second_id, first_id);
    let after = served.get(page).text();
    assert!(
        title_of(&after).contains("Edited GeM Samvad"),
        "{}",
        title_of(&after)
    );
    assert!(after.contains(&format!("data-build=\"{second_id}\"")));

    // A broken save: the problem reaches the page, the last good build stays.
    st.edit(RELEASE_EN, "title: \"Edited", "title: \"\"Edited");
    let (kind, problem) = events.next();
    assert_eq!(kind, "broken");
    assert!(
        problem.contains(&format!("--> {RELEASE_EN}:2:")),
        "{problem}"
    );
    assert!(problem.contains("help:"), "{problem}");
    let still = served.get(page);
    assert_eq!(still.status, 200);
    assert!(title_of(&still.text()).contains("Edited GeM Samvad"));
    // A page opened now is told at once.
    let mut late = served.events();
    assert_eq!(late.next().0, "broken");
    assert!(
        served
            .stderr()
            .contains("the last good build is still served")
    );

    // The fix brings the site back by itself.
    st.edit(RELEASE_EN, "title: \"\"Edited", "title: \"Fixed");
    let (kind, third_id) = events.next();
    assert_eq!(kind, "build");
    assert_ne!(third_id, second_id);
    assert_eq!(late.next(), ("build".to_string(), third_id));
    assert!(title_of(&served.get(page).text()).contains("Fixed GeM Samvad"));

    // Files an editor writes beside the real one do not rebuild.
    st.file("content/releases/.gem-samvad-outreach.en.md.swp", "x");
    st.file("content/releases/gem-samvad-outreach.en.md~", "x");
    st.file("content/releases/4913", "");
    std::thread::sleep(Duration::from_millis(400));
    st.append("i18n/en/main.ftl", "\n");
    let (kind, fourth) = events.next();
    assert_eq!(kind, "build");
    // The terminal's line may come a moment after the event.
    let deadline = Instant::now() + Duration::from_secs(10);
    let log = loop {
        let log = served.stderr();
        if log.contains("i18n/en/main.ftl changed") || Instant::now() > deadline {
            break log;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let rebuild_lines: Vec<&str> = log
        .lines()
        .filter(|l| l.contains(" changed: rebuilt"))
        .collect();
    assert!(
        rebuild_lines
            .last()
            .unwrap()
            .starts_with("i18n/en/main.ftl changed"),
        "{rebuild_lines:?}"
    );
    assert!(!log.contains(".swp changed"), "{log}");
    assert!(!log.contains("md~ changed"), "{log}");
    assert!(!fourth.is_empty());
}

#[test]
fn after_a_series_of_edits_the_served_folder_equals_a_clean_build() {
    let st = SiteTest::example();
    let served = Served::start(&st, &["--now", NOW]);
    let mut events = served.events();
    events.next();
    // Each step waits until the served site shows it: one step may take more than one
    // build (two files written a moment apart reach the server in two batches), and
    // every event follows a complete folder, so counting events would run behind.
    let settle = |events: &mut Events, shown: &dyn Fn() -> bool| {
        loop {
            let (kind, data) = events.next();
            if kind == "build" && shown() {
                return;
            }
            assert!(kind == "build" || kind == "broken", "{kind}: {data}");
        }
    };
    let page_has = |path: &str, text: &str| {
        let a = served.get(path);
        a.status == 200 && String::from_utf8_lossy(&a.body).contains(text)
    };
    // Written beside and renamed into place, as editors save: the server never reads a
    // half-written file.
    let save = |rel: &str, text: &str| {
        let tmp = st.root().join(".saving");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, st.root().join(rel)).unwrap();
    };
    // A release's title, a new release pair, an event removed, an interface string, a
    // template and the settings.
    st.edit(
        RELEASE_EN,
        "title: \"GeM Samvad",
        "title: \"Renamed GeM Samvad",
    );
    settle(&mut events, &|| {
        page_has("/en/releases/gem-samvad-outreach/", "Renamed GeM Samvad")
    });
    let hi = st.source("content/releases/gem-samvad-outreach.hi.md");
    let en = st.source(RELEASE_EN);
    save("content/releases/second-copy.hi.md", &hi);
    save("content/releases/second-copy.en.md", &en);
    settle(&mut events, &|| {
        page_has("/en/releases/second-copy/", "Renamed GeM Samvad")
    });
    st.edit(
        "content/events/kreta-samvad-bhopal-2025.yaml",
        "en: \"Minto Hall\"",
        "en: \"Minto Hall, Bhopal\"",
    );
    settle(&mut events, &|| {
        page_has("/en/events/kreta-samvad-bhopal-2025/", "Minto Hall, Bhopal")
    });
    st.remove("content/releases/second-copy.hi.md");
    st.remove("content/releases/second-copy.en.md");
    settle(&mut events, &|| {
        served.get("/en/releases/second-copy/").status == 404
            && served.get("/hi/releases/second-copy/").status == 404
    });
    st.append("i18n/en/main.ftl", "\n");
    settle(&mut events, &|| true);
    st.edit(
        "themes/default/templates/base.html",
        "</body>",
        "<!-- edited --></body>",
    );
    settle(&mut events, &|| page_has("/en/", "<!-- edited -->"));
    st.edit(
        "site.yaml",
        "en: \"GeM Samvad: outreach",
        "en: \"Edited GeM Samvad: outreach",
    );
    settle(&mut events, &|| {
        page_has("/en/", "Edited GeM Samvad: outreach")
    });

    let (_dir, built) = clean_build(&st, &served.url, NOW);
    let clean = snapshot(&built);
    let served_files = snapshot(&served.folder);
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&served_files), names(&clean));
    for (rel, bytes) in &clean {
        assert!(
            served_files[rel] == *bytes,
            "{rel} differs from a clean build"
        );
    }
    let page = String::from_utf8_lossy(&clean["en/releases/gem-samvad-outreach/index.html"]);
    assert!(page.contains("Renamed GeM Samvad"));
    assert!(page.contains("Edited GeM Samvad: outreach"));
    assert!(!clean.contains_key("en/releases/second-copy/index.html"));
}

#[test]
fn a_site_that_does_not_build_yet_is_served_once_it_does() {
    let st = SiteTest::example();
    st.edit(RELEASE_EN, "title: \"GeM Samvad", "title: \"\"GeM Samvad");
    let served = Served::start(&st, &["--now", NOW]);
    let waiting = served.get("/en/");
    assert_eq!(waiting.status, 503);
    assert!(waiting.text().contains("__samvad/live.js"));
    let mut events = served.events();
    let (kind, problem) = events.next();
    assert_eq!(kind, "broken");
    assert!(problem.contains(RELEASE_EN), "{problem}");
    st.edit(RELEASE_EN, "title: \"\"GeM Samvad", "title: \"GeM Samvad");
    assert_eq!(events.next().0, "build");
    assert_eq!(served.get("/en/").status, 200);
}

#[test]
fn ctrl_c_stops_the_server_and_removes_its_folder() {
    let st = SiteTest::example();
    let served = Served::start(&st, &["--now", NOW]);
    let folder = served.folder.clone();
    assert!(folder.is_dir());
    let _events = served.events();
    let status = served.interrupt();
    assert!(status.success(), "{status}");
    assert!(!folder.exists(), "{} is left", folder.display());
    assert!(!folder.parent().unwrap().exists());
}

#[test]
fn ports_taken_and_free() {
    let st = SiteTest::example();
    let held = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_samvad"))
        .args(["serve", "--port", &port, "--now", NOW, "--root"])
        .arg(st.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("port {port} is already in use on 127.0.0.1")),
        "{err}"
    );
    assert!(err.contains("leave --port out"), "{err}");
    assert!(out.stdout.is_empty());
    // Without --port, a second server on the same site takes the next free port.
    let one = Served::start(&st, &["--now", NOW]);
    let two = Served::start(&st, &["--now", NOW]);
    assert_ne!(one.url, two.url);
    assert_eq!(one.get("/en/").status, 200);
    assert_eq!(two.get("/en/").status, 200);
}

#[test]
fn clients_that_hold_or_do_not_read_a_stream_hold_up_no_one() {
    let st = SiteTest::example();
    let served = Served::start(&st, &["--now", NOW]);
    // Connections that open an event stream and then ask for a page on the same
    // connection: that answer must wait, and no other.
    let mut held = Vec::new();
    for _ in 0..8 {
        let mut s = TcpStream::connect(&served.addr).unwrap();
        write!(
            s,
            "GET /__samvad/events HTTP/1.1\r\nHost: {0}\r\n\r\nGET /en/ HTTP/1.1\r\nHost: {0}\r\n\r\n",
            served.addr
        )
        .unwrap();
        held.push(s);
    }
    // A stream that is never read.
    let mut silent = TcpStream::connect(&served.addr).unwrap();
    write!(
        silent,
        "GET /__samvad/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        served.addr
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(served.get("/en/").status, 200);
    // Broken builds with long reports, one after another: the reader that reads gets
    // every one, and the site keeps answering.
    let mut events = served.events();
    events.next();
    let mut longest = 0;
    for i in 0..30 {
        for n in 0..150 {
            st.file(
                &format!("content/releases/broken-{n}.en.md"),
                &format!("---\ntitle: \"\"broken {i} {}\n---\n", "x".repeat(2000)),
            );
        }
        let (kind, data) = events.next();
        assert_eq!(kind, "broken");
        // (A slow machine may build while the files are still being written.)
        longest = longest.max(data.len());
        assert_eq!(served.get("/en/").status, 200);
    }
    assert!(longest > 10_000, "{longest}");
    for n in 0..150 {
        st.remove(&format!("content/releases/broken-{n}.en.md"));
    }
    while events.next().0 != "build" {}
    assert_eq!(served.get("/en/").status, 200);
    drop(held);
    drop(silent);
}

#[test]
fn a_content_folder_removed_and_made_again_is_watched_again() {
    let st = SiteTest::example();
    let served = Served::start(&st, &["--now", NOW]);
    let mut events = served.events();
    events.next();
    let backup = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&st.root().join("content"), &backup.path().join("content"));
    // What a checkout does: the folder goes and comes back at once.
    std::fs::remove_dir_all(st.root().join("content")).unwrap();
    crate::support::copy_dir(&backup.path().join("content"), &st.root().join("content"));
    // Whatever the builds in between saw, the next save is seen.
    std::thread::sleep(Duration::from_millis(500));
    st.edit(
        RELEASE_EN,
        "title: \"GeM Samvad",
        "title: \"After checkout GeM Samvad",
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let page = served.get("/en/releases/gem-samvad-outreach/").text();
        if title_of(&page).contains("After checkout") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the save after the checkout was not seen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let (_dir, built) = clean_build(&st, &served.url, NOW);
    // The folder settles on a clean build of what is there now.
    let settled = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        snapshot(&served.folder) == snapshot(&built)
    });
    assert!(settled, "the served folder differs from a clean build");
}

#[test]
fn requests_in_absolute_form_are_answered_for_this_computer_only() {
    let st = SiteTest::example();
    let served = Served::start(&st, &["--now", NOW]);
    let a = served.get(&format!("http://{}/en/", served.addr));
    assert_eq!(a.status, 200);
    let b = served.get("http://attacker.example/en/");
    assert_eq!(b.status, 403);
    let odd = served.request(&format!(
        "GET /en HTTP/1.1\r\nHost: localhost:{}@attacker.example\r\nConnection: close\r\n\r\n",
        served.url.rsplit(':').next().unwrap().trim_end_matches('/')
    ));
    assert_eq!(odd.status, 403);
}
