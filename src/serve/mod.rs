//! `samvad serve`: builds the site into a folder of its own, serves it on this computer,
//! and rebuilds when a file of the site is saved; every open page reloads itself (by
//! Server-Sent Events), and a change that does not build shows its problem over the last
//! good build instead of taking the site down.
//!
//! The served folder is exactly what `build` writes for the same inputs, "now" and base
//! address; the reload script is added to the HTML as it is sent, never to the files.

mod http;
mod patch;
mod session;
mod watch;

pub use session::{Scope, Session};

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tiny_http::{Header, Method, Request, Response, Server};

use crate::diagnostics::{Code, Diagnostic};
use crate::output::WhenLocked;
use crate::{BuildFailure, BuildOptions, BuildReport};
use http::Resolved;

/// The port tried first, and how many after it are tried when it is taken.
const DEFAULT_PORT: u16 = 1111;
const PORTS_TRIED: u16 = 100;
/// Threads answering requests: pages, assets and the event streams of open tabs.
const WORKERS: usize = 4;
/// How often the loops look at the stop flag.
const TICK: Duration = Duration::from_millis(100);
/// A comment on every event stream this often keeps proxies and browsers from closing it.
const PING: Duration = Duration::from_secs(15);

const LIVE_JS: &str = include_str!("live.js");

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder (holding `site.yaml`).
    pub root: PathBuf,
    /// The port; when not given, 1111 or the next free one.
    pub port: Option<u16>,
    /// The address to listen on; 127.0.0.1 when not given.
    pub bind: Option<IpAddr>,
    /// Serve drafts too.
    pub drafts: bool,
    /// A fixed "now"; when not given, the clock when serving starts, moved on when the
    /// date changes in the site's time zone.
    pub now: Option<String>,
}

/// What the server tells the person running it.
#[derive(Debug)]
pub enum ServeEvent<'a> {
    /// The first build is done (or failed) and the site answers at `url`.
    Listening {
        url: &'a str,
        folder: &'a Path,
        /// Listening on an address other computers can reach (`--bind`).
        beyond_this_computer: bool,
    },
    /// A rebuild after a change succeeded.
    Built {
        report: &'a BuildReport,
        changed: &'a [PathBuf],
        /// Whether every page was rendered, or only those that show what changed.
        scope: Scope,
    },
    /// A build failed; the last good build, if there is one, is still served.
    Failed {
        failure: &'a BuildFailure,
        /// Whether a build has succeeded before (and is what is served).
        served: bool,
    },
}

/// Builds and serves the site until `stop` is set (by Ctrl-C in the command).
pub fn serve(
    opts: &ServeOptions,
    stop: &AtomicBool,
    tell: &mut dyn FnMut(ServeEvent),
) -> Result<(), Diagnostic> {
    let listener = listen(opts.bind, opts.port)?;
    let addr = listener.local_addr().map_err(|e| {
        Diagnostic::error(
            Code::Serve,
            format!("cannot read the server's address: {e}"),
        )
    })?;
    let url = site_url(addr);
    let folder = tempfile::Builder::new()
        .prefix("samvad-serve-")
        .tempdir()
        .map_err(|e| {
            Diagnostic::error(
                Code::Serve,
                format!("cannot make a folder for the served site: {e}"),
            )
            .with_hint("check that the temporary folder (TMPDIR) exists and has room")
        })?;
    let site = folder.path().join("site");
    let mut watch = watch::Watch::start(&opts.root)?;

    let zone = site_zone(&opts.root);
    let mut now = opts
        .now
        .clone()
        .unwrap_or_else(|| jiff::Timestamp::now().as_second().to_string());
    let mut today = jiff::Timestamp::now().to_zoned(zone.clone()).date();
    let build_opts = |now: &str| BuildOptions {
        root: opts.root.clone(),
        output: Some(site.clone()),
        base_url: Some(url.clone()),
        drafts: opts.drafts,
        now: Some(now.to_string()),
        check_only: false,
        when_locked: WhenLocked::Fail,
        notify: None,
        strict: false,
        changes: None,
    };

    let started_ms = jiff::Timestamp::now().as_millisecond();
    let shared = Arc::new(Shared {
        site: site.clone(),
        local_only: opts.bind.is_none_or(|ip| ip.is_loopback()),
        status: Mutex::new(Status::default()),
        streams: Mutex::new(Vec::new()),
        stopping: AtomicBool::new(false),
    });
    let mut builds = 0u64;
    let mut session = Session::new();
    let mut run_build = |now: &str, changed: &[PathBuf], tell: &mut dyn FnMut(ServeEvent)| {
        builds += 1;
        match session.build(&build_opts(now), changed) {
            Ok((report, scope)) => {
                shared.set(Status {
                    build: Some(format!("{started_ms:x}-{builds}")),
                    problem: None,
                });
                tell(ServeEvent::Built {
                    report: &report,
                    changed,
                    scope,
                });
            }
            Err(failure) => {
                let text: Vec<String> = failure
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| d.render(false))
                    .collect();
                let build = shared.status().build;
                let served = build.is_some();
                shared.set(Status {
                    build,
                    problem: Some(text.join("\n\n")),
                });
                tell(ServeEvent::Failed {
                    failure: &failure,
                    served,
                });
            }
        }
    };
    run_build(&now, &[], tell);

    let server = Server::from_listener(listener, None)
        .map_err(|e| Diagnostic::error(Code::Serve, format!("cannot start the server: {e}")))?;
    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                while !shared.stopping.load(Ordering::Relaxed) {
                    match server.recv_timeout(TICK) {
                        // Each request in a thread of its own: an answer that has to wait
                        // (behind an event stream on the same connection, or for a
                        // client that does not read) holds up no other.
                        Ok(Some(req)) => {
                            let shared = Arc::clone(&shared);
                            let _ = std::thread::Builder::new()
                                .name("samvad-answer".into())
                                .spawn(move || shared.answer(req));
                        }
                        Ok(None) => {}
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();
    tell(ServeEvent::Listening {
        url: &url,
        folder: &site,
        beyond_this_computer: !shared.local_only,
    });

    let mut last_ping = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        match watch.changes.recv_timeout(TICK) {
            Ok(batch) => {
                let mut changed = watch.inputs(&batch);
                while let Ok(more) = watch.changes.try_recv() {
                    for p in watch.inputs(&more) {
                        if !changed.contains(&p) {
                            changed.push(p);
                        }
                    }
                }
                if !changed.is_empty() {
                    watch.watch_new_folders(&changed)?;
                    run_build(&now, &changed, tell);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if opts.now.is_none() {
            let date = jiff::Timestamp::now().to_zoned(zone.clone()).date();
            if date != today {
                // "Upcoming" and "past" move on at midnight in the site's time zone.
                today = date;
                now = jiff::Timestamp::now().as_second().to_string();
                run_build(&now, &[], tell);
            }
        }
        if workers.iter().all(|w| w.is_finished()) {
            return Err(Diagnostic::error(Code::Serve,
                "the server stopped accepting connections (too many open at once, or the system refused more)",
            )
            .with_hint("close some browser tabs or other programs using the port, then start samvad serve again"));
        }
        if last_ping.elapsed() >= PING {
            shared.broadcast(": ping\n\n");
            last_ping = Instant::now();
        }
    }

    shared.stopping.store(true, Ordering::Relaxed);
    for w in workers {
        let _ = w.join();
    }
    if let Ok(mut streams) = shared.streams.lock() {
        streams.clear();
    }
    drop(server);
    drop(folder);
    Ok(())
}

/// Binds the port asked for, or the first free one from 1111.
fn listen(bind: Option<IpAddr>, port: Option<u16>) -> Result<TcpListener, Diagnostic> {
    let ip = bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if let Some(port) = port {
        return TcpListener::bind(SocketAddr::new(ip, port)).map_err(|e| {
            let what = if e.kind() == std::io::ErrorKind::AddrInUse {
                format!("port {port} is already in use on {ip}")
            } else {
                format!("cannot listen on {ip} port {port}: {e}")
            };
            Diagnostic::error(Code::Serve, what).with_hint(
                "stop the program using it, choose another --port, or leave --port out to take the next free one",
            )
        });
    }
    let mut last = None;
    for port in DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED {
        match TcpListener::bind(SocketAddr::new(ip, port)) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => {
                return Err(Diagnostic::error(
                    Code::Serve,
                    format!("cannot listen on {ip}: {e}"),
                ));
            }
        }
    }
    Err(Diagnostic::error(
        Code::Serve,
        format!(
            "ports {DEFAULT_PORT} to {} are all in use on {ip} ({})",
            DEFAULT_PORT + PORTS_TRIED - 1,
            last.map_or_else(String::new, |e| e.to_string())
        ),
    )
    .with_hint("choose a free port with --port"))
}

/// The site's address as pages and feeds name it.
fn site_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        // Listening everywhere: this computer reaches it by its loopback address.
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

/// The site's time zone, for knowing when the date has changed.
fn site_zone(root: &Path) -> jiff::tz::TimeZone {
    match crate::config::load(root, None) {
        (Some(config), _) => config.time_zone,
        _ => jiff::tz::TimeZone::UTC,
    }
}

/// The state of the served site, as open pages are told it.
#[derive(Debug, Default, Clone)]
struct Status {
    /// The last good build, if any build has succeeded.
    build: Option<String>,
    /// What stopped the last build, if it failed.
    problem: Option<String>,
}

impl Status {
    /// The event an open page is sent.
    fn event(&self) -> String {
        match &self.problem {
            Some(problem) => {
                let mut s = String::from("event: broken\n");
                for line in problem.lines() {
                    s.push_str("data: ");
                    s.push_str(line);
                    s.push('\n');
                }
                s.push('\n');
                s
            }
            None => format!(
                "event: build\ndata: {}\n\n",
                self.build.as_deref().unwrap_or("")
            ),
        }
    }
}

/// Events waiting to be written to one open page; a page that falls this far behind (it
/// does not read) is dropped rather than allowed to hold up the others.
const STREAM_BACKLOG: usize = 16;

type Stream = std::sync::mpsc::SyncSender<Arc<str>>;

/// What the answering threads share with the loop that rebuilds.
struct Shared {
    site: PathBuf,
    local_only: bool,
    status: Mutex<Status>,
    streams: Mutex<Vec<Stream>>,
    stopping: AtomicBool,
}

impl Shared {
    fn status(&self) -> Status {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn set(&self, status: Status) {
        let event = status.event();
        if let Ok(mut s) = self.status.lock() {
            *s = status;
        }
        self.broadcast(&event);
    }

    /// Queues `text` for every open page; pages that have gone, or that stopped reading,
    /// are forgotten. Nothing here waits on a client.
    fn broadcast(&self, text: &str) {
        let text: Arc<str> = Arc::from(text);
        if let Ok(mut streams) = self.streams.lock() {
            streams.retain(|s| s.try_send(Arc::clone(&text)).is_ok());
        }
    }

    fn answer(&self, req: Request) {
        if !matches!(req.method(), Method::Get | Method::Head) {
            let r = text_response("only GET and HEAD are answered\n", 405)
                .with_header(header("Allow", "GET, HEAD"));
            let _ = req.respond(r);
            return;
        }
        let host = req
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_string())
            .unwrap_or_default();
        let (authority, target) = http::split_target(req.url());
        let target = target.to_string();
        if self.local_only
            && (!http::host_is_local(&host) || authority.is_some_and(|a| !http::host_is_local(a)))
        {
            let _ = req.respond(text_response(
                "this server answers only addresses of this computer (127.0.0.1, localhost)\n",
                403,
            ));
            return;
        }
        let path = target.split(['?', '#']).next().unwrap_or("");
        if path == http::LIVE_JS {
            let r = Response::from_data(LIVE_JS.as_bytes().to_vec())
                .with_header(header("Content-Type", "text/javascript; charset=utf-8"));
            let _ = req.respond(with_common_headers(r));
            return;
        }
        if path == http::EVENTS {
            self.open_stream(req);
            return;
        }
        let status = self.status();
        let Some(build) = status.build else {
            let page = http::with_reload_script(&http::waiting_page(), "");
            let r = Response::from_data(page)
                .with_status_code(503)
                .with_header(header("Content-Type", "text/html; charset=utf-8"));
            let _ = req.respond(with_common_headers(r));
            return;
        };
        let response = match http::resolve(&self.site, &target) {
            Resolved::File(file) => match std::fs::read(&file) {
                Ok(bytes) => self.file_response(&file, bytes, &build, 200),
                Err(_) => self.not_found(&build),
            },
            Resolved::Redirect(to) => with_common_headers(
                Response::from_data(Vec::new())
                    .with_status_code(301)
                    .with_header(header("Location", &to)),
            ),
            Resolved::NotFound => self.not_found(&build),
            Resolved::Refused => with_common_headers(text_response(
                "refused: the path leads outside the site or cannot name a file of it\n",
                403,
            )),
        };
        let _ = req.respond(response);
    }

    fn file_response(
        &self,
        file: &Path,
        bytes: Vec<u8>,
        build: &str,
        status: u16,
    ) -> Response<std::io::Cursor<Vec<u8>>> {
        let kind = http::content_type(file);
        let bytes = if kind.starts_with("text/html") {
            http::with_reload_script(&bytes, build)
        } else {
            bytes
        };
        with_common_headers(
            Response::from_data(bytes)
                .with_status_code(status)
                .with_header(header("Content-Type", kind)),
        )
    }

    /// The site's own 404 page, with the 404 status.
    fn not_found(&self, build: &str) -> Response<std::io::Cursor<Vec<u8>>> {
        let page = self.site.join("404.html");
        match std::fs::read(&page) {
            Ok(bytes) => self.file_response(&page, bytes, build, 404),
            Err(_) => with_common_headers(text_response("not found\n", 404)),
        }
    }

    /// An event stream for one open page: the current state at once, then every change.
    fn open_stream(&self, req: Request) {
        let mut stream = req.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
            Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n\
            retry: 1000\n\n";
        if stream
            .write_all(head.as_bytes())
            .and_then(|_| stream.flush())
            .is_err()
        {
            return;
        }
        let rx = self.subscribe();
        // The stream is written by a thread of its own, from a short queue.
        let _ = std::thread::Builder::new()
            .name("samvad-events".into())
            .spawn(move || {
                while let Ok(text) = rx.recv() {
                    if stream
                        .write_all(text.as_bytes())
                        .and_then(|_| stream.flush())
                        .is_err()
                    {
                        break;
                    }
                }
            });
    }

    /// A page's queue of events: the state now first, then every change. The state is
    /// read and the queue joined under the lock every change is told under, so no change
    /// falls between them (one did, when the state was read first: a page opened during
    /// a failed rebuild could miss it, and never show the problem).
    fn subscribe(&self) -> std::sync::mpsc::Receiver<Arc<str>> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Arc<str>>(STREAM_BACKLOG);
        if let Ok(mut streams) = self.streams.lock() {
            let _ = tx.try_send(Arc::from(self.status().event()));
            streams.push(tx);
        }
        rx
    }
}

fn header(name: &str, value: &str) -> Header {
    // Both are ASCII written here or a path that came in as a request line.
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Samvad"[..], &b"1"[..]).expect("ASCII"))
}

fn text_response(text: &str, status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(text.as_bytes().to_vec())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// Pages change with every save: nothing is cached, and types are not guessed.
fn with_common_headers<R: std::io::Read>(r: Response<R>) -> Response<R> {
    r.with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the order of a page's joining and a change, the last event the page is
    /// told is the state the site ends in.
    #[test]
    fn a_page_joining_during_a_change_is_told_the_state_it_ends_in() {
        let shared = Arc::new(Shared {
            site: PathBuf::new(),
            local_only: true,
            status: Mutex::new(Status::default()),
            streams: Mutex::new(Vec::new()),
            stopping: AtomicBool::new(false),
        });
        for round in 0..300 {
            let problem = (round % 2 == 1).then(|| format!("problem {round}"));
            let end = Status {
                build: Some(format!("b{round}")),
                problem,
            };
            let setter = {
                let (shared, end) = (Arc::clone(&shared), end.clone());
                std::thread::spawn(move || shared.set(end))
            };
            let rx = shared.subscribe();
            setter.join().expect("the change is made");
            let last = rx.try_iter().last().expect("told something");
            assert_eq!(&*last, end.event(), "round {round}");
            shared.streams.lock().expect("streams").clear();
        }
    }
}
