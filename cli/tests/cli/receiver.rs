//! A receiver as a process: `telemetry-spec serve` started on a free loopback port with an
//! SQLite store, a client for it, and a clean stop. The tests of `serve` and `query` run it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A receiver process and the address it printed.
pub struct Receiver {
    pub child: Child,
    pub url: String,
}

/// Starts `telemetry-spec serve` on a free loopback port with the store at `store`, and reads
/// the address from its first line (printed once the store is open and the socket bound).
pub fn start(store: &Path) -> Receiver {
    start_with(store, &[])
}

/// [`start`] with more options.
pub fn start_with(store: &Path, options: &[&str]) -> Receiver {
    let mut child = Command::new(env!("CARGO_BIN_EXE_telemetry-spec"))
        .args(["serve", "--listen", "127.0.0.1:0", "--store"])
        .arg(format!("sqlite:{}", store.display()))
        .args(options)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout is piped"))
        .read_line(&mut line)
        .expect("the receiver prints its address");
    let url = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    Receiver { child, url }
}

pub fn client() -> reqwest::blocking::Client {
    // A bound for a receiver that hangs, not a timed assertion.
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(120))
        .build()
        .unwrap()
}

/// Stops the receiver with SIGTERM; its exit code.
pub fn terminate(mut receiver: Receiver) -> Option<i32> {
    let pid = receiver.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    receiver.child.wait().unwrap().code()
}

/// A receiver a test did not stop (it failed first) is killed, not left running.
impl Drop for Receiver {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
