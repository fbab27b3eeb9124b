//! Headless Chromium driven through its DevTools protocol on a pipe, the way test tools
//! drive it: for tests that must run a page's scripts (live reload, a fake clock).

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Chromium with `--remote-debugging-pipe`: commands go in on its fd 3, answers come out
/// on its fd 4, each a JSON text ended by NUL.
pub struct Browser {
    child: Child,
    commands: ChildStdin,
    answers: Receiver<Value>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn start(chromium: &std::path::Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null 2>/dev/null"#)
            .arg(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-pipe",
                "--window-size=360,800",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let commands = child.stdin.take().unwrap();
        let mut out = child.stdout.take().unwrap();
        let (tx, answers) = channel();
        std::thread::spawn(move || {
            let mut pending = Vec::new();
            let mut buf = [0u8; 65536];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                pending.extend_from_slice(&buf[..n]);
                while let Some(end) = pending.iter().position(|&b| b == 0) {
                    let message: Vec<u8> = pending.drain(..=end).collect();
                    if let Ok(v) = serde_json::from_slice(&message[..message.len() - 1]) {
                        let _ = tx.send(v);
                    }
                }
            }
        });
        Browser {
            child,
            commands,
            answers,
            next_id: 1,
            _profile: profile,
        }
    }

    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let answer = self.send(session, method, params);
        assert!(answer.get("error").is_none(), "{method}: {answer}");
        answer["result"].clone()
    }

    /// Sends a command and returns its whole answer (with `error` if it failed).
    pub fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.commands.write_all(&bytes).unwrap();
        self.commands.flush().unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let answer = self
                .answers
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer to {method}"));
            if answer["id"] == json!(id) {
                return answer;
            }
        }
    }

    /// Opens `url` in a new tab and returns the tab's session.
    pub fn open(&mut self, url: &str) -> String {
        let target = self.call(None, "Target.createTarget", json!({"url": url}));
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        attached["sessionId"].as_str().unwrap().to_string()
    }

    /// The value of a JavaScript expression in the tab; null while it is loading (an
    /// expression sent as the page reloads is refused, which is asked again).
    pub fn eval(&mut self, session: &str, expression: &str) -> Value {
        let r = self.send(
            Some(session),
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        );
        r["result"]["result"]["value"].clone()
    }

    /// Waits until `expression` gives a value `ok` accepts, and returns it.
    pub fn wait_for(
        &mut self,
        session: &str,
        expression: &str,
        ok: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + Duration::from_secs(40);
        loop {
            let v = self.eval(session, expression);
            if ok(&v) {
                return v;
            }
            assert!(
                Instant::now() < deadline,
                "gave up waiting; `{expression}` is {v}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// Opens `url` in a new tab whose pages believe it is `now` (an RFC 3339 moment):
    /// `Date` is replaced before any script of the page runs.
    pub fn open_at(&mut self, url: &str, now: &str, width: u32) -> String {
        let tab = self.open("about:blank");
        self.call(Some(&tab), "Page.enable", json!({}));
        let fake = format!(
            "(() => {{ const fixed = new Date({now:?}).getTime(); const Real = Date; \
             class Fake extends Real {{ constructor(...a) {{ if (a.length === 0) super(fixed); else super(...a); }} \
             static now() {{ return fixed; }} }} window.Date = Fake; }})();"
        );
        self.call(
            Some(&tab),
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": fake}),
        );
        self.call(
            Some(&tab),
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
        self.call(Some(&tab), "Page.navigate", json!({"url": url}));
        self.wait_for(
            &tab,
            "document.readyState === 'complete' && location.href",
            |v| {
                v.as_str()
                    .is_some_and(|h| h.starts_with(url.split('?').next().unwrap_or(url)))
            },
        );
        tab
    }

    /// A screenshot of the whole page as PNG bytes.
    pub fn screenshot(&mut self, session: &str) -> Vec<u8> {
        let shot = self.call(
            Some(session),
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true}),
        );
        decode_base64(shot["data"].as_str().unwrap_or_default())
    }
}

/// Standard base64, as the protocol sends images.
fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}
