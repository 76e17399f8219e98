//! What every test module needs: running the binary (with its standard input fed and a check
//! that it did not panic), temporary files to give it, and reading what it prints (verdicts of
//! either format, two-space JSON as the tool writes it).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// What one run of the binary gave.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary with `args`, feeding `stdin` (or nothing), and checks that it did not panic.
pub fn run_with_input(args: &[&str], stdin: &[u8]) -> Run {
    run_with_env(args, stdin, &[])
}

/// [`run_with_input`] with variables `env` added to the environment.
pub fn run_with_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_telemetry-spec"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        // The binary may stop reading early (a usage error); a closed pipe is not a failure.
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("the binary runs");
    feeder.join().expect("stdin is fed");
    let run = Run {
        status: output.status.code().expect("the binary exits, not killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{args:?} panicked: {}",
        run.stderr
    );
    run
}

pub fn run(args: &[&str]) -> Run {
    run_with_input(args, b"")
}

/// A fresh directory under the system's temporary directory, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "telemetry-spec-cli-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&path).expect("a temporary directory");
        Self(path)
    }

    /// Writes `bytes` to file `name` in the directory and returns its path as text.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("a temporary file");
        path.to_str().expect("a UTF-8 temporary path").to_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A verdict of the human format: `FILE:LINE: HEAD` and its indented lines.
#[derive(Debug)]
pub struct HumanVerdict {
    pub line: usize,
    pub head: String,
    pub details: Vec<String>,
}

/// The verdicts of `file` in human output, and the summary line.
pub fn human_verdicts(stdout: &str, file: &str) -> (Vec<HumanVerdict>, String) {
    let mut verdicts: Vec<HumanVerdict> = Vec::new();
    let mut lines: Vec<&str> = stdout.lines().collect();
    let summary = lines.pop().expect("a summary line").to_owned();
    let prefix = format!("{file}:");
    for text in lines {
        if let Some(detail) = text.strip_prefix("  ") {
            verdicts
                .last_mut()
                .expect("a detail follows a verdict")
                .details
                .push(detail.to_owned());
            continue;
        }
        let rest = text
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("not a verdict of {file}: {text:?}"));
        let (line, head) = rest.split_once(": ").expect("FILE:LINE: HEAD");
        verdicts.push(HumanVerdict {
            line: line.parse().expect("a line number"),
            head: head.to_owned(),
            details: Vec::new(),
        });
    }
    (verdicts, summary)
}

/// The objects of json output: the verdicts, then the summary.
pub fn json_verdicts(stdout: &str) -> (Vec<Value>, Value) {
    let mut objects: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON object"))
        .collect();
    let summary = objects.pop().expect("a summary object");
    (objects, summary["summary"].clone())
}

pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

/// The pointer a human violation line starts with.
pub fn pointer_of(detail: &str) -> String {
    let pointer = detail.split(':').next().expect("POINTER: ...");
    if pointer == "(document)" {
        String::new()
    } else {
        pointer.to_owned()
    }
}

/// The documented example of kind `id`, rebuilt with the fixture builders.
pub fn documented_example(id: &str) -> Value {
    schema_types::registry::find(id)
        .and_then(|kind| kind.documented_example())
        .unwrap_or_else(|| panic!("{id} has a documented example"))
}
