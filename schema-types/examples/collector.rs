//! A telemetry collector's loop: documents of any kind, unlabelled, read from NDJSON.
//!
//! ```sh
//! cargo run -p telemetry-spec-types --example collector -- received.ndjson
//! telemetry-spec sample appsmith/usage-pulse --seed 1 --count 3 | cargo run -p telemetry-spec-types --example collector
//! ```
//!
//! Each document is detected, validated from its bytes and read into its Rust type in one call
//! (`api::parse_any`); the collector matches on the type, never on an id. A document refused is
//! logged masked (`Masking::ValuesAndNames`: no value, and no member name the document chose,
//! reaches the log), with the line where it starts. At the end: how many documents of each kind
//! were accepted, and how many were refused and why. Exit status: 0 when every document was
//! accepted, 1 when some were refused, 2 when the input could not be read.
//!
//! Only the library's public API is used: `documents::Documents` splits the input,
//! `api::parse_any_with` judges each document, `AnyPayload` holds the typed payload.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::process::ExitCode;

use schema_types::AnyPayload;
use schema_types::api::{self, Rejection};
use schema_types::documents::{Documents, Item};
use schema_types::validate::{Limits, Masking};

/// The largest document the collector reads (a larger one is counted, not kept).
const LIMITS: Limits = Limits {
    max_bytes: 1024 * 1024,
    ..Limits::DEFAULT
};

/// What the collector has seen.
#[derive(Debug, Default)]
struct Tally {
    /// Valid documents, by payload id.
    accepted: BTreeMap<&'static str, usize>,
    /// Refused documents, by reason: `unreadable`, `undetected`, `invalid <id>`, `oversize`.
    refused: BTreeMap<String, usize>,
    /// The pulses of every Appsmith usage pulse batch accepted: a fact read from a typed
    /// payload.
    usage_pulses: usize,
    /// The versions of the Hasura servers whose reports were accepted, in any layer.
    server_versions: BTreeMap<String, usize>,
}

impl Tally {
    /// Counts one valid document, reading what the collector wants from its type.
    fn accept(&mut self, kind: &'static str, payload: &AnyPayload) {
        *self.accepted.entry(kind).or_default() += 1;
        match payload {
            AnyPayload::UsagePulse(batch) => self.usage_pulses += batch.usage_data.len(),
            AnyPayload::ServerReport(report) => {
                *self
                    .server_versions
                    .entry(report.payload().version.clone())
                    .or_default() += 1;
            }
            _ => {}
        }
    }

    /// Counts one refused document under its reason.
    fn refuse(&mut self, reason: String) {
        *self.refused.entry(reason).or_default() += 1;
    }

    fn write_summary(&self, out: &mut impl Write) -> io::Result<()> {
        let accepted: usize = self.accepted.values().sum();
        let refused: usize = self.refused.values().sum();
        writeln!(out, "accepted {accepted}, refused {refused}")?;
        for (kind, count) in &self.accepted {
            writeln!(out, "  accepted {kind}: {count}")?;
        }
        for (reason, count) in &self.refused {
            writeln!(out, "  refused {reason}: {count}")?;
        }
        writeln!(out, "usage pulses: {}", self.usage_pulses)?;
        for (version, count) in &self.server_versions {
            writeln!(out, "Hasura server {version}: {count}")?;
        }
        Ok(())
    }
}

/// Judges every document of `input`: a log line per refused document on `log`, the summary on
/// `out`. Returns the tally, or the error of an input that could not be read.
fn collect(input: impl BufRead, out: &mut impl Write, log: &mut impl Write) -> io::Result<Tally> {
    let mut tally = Tally::default();
    for item in Documents::new(input, LIMITS.max_bytes) {
        match item? {
            Item::Document { line, bytes } => match api::parse_any_with(&bytes, LIMITS) {
                Ok(accepted) => tally.accept(accepted.kind.id, &accepted.payload),
                Err(rejection) => {
                    tally.refuse(match &rejection {
                        Rejection::Unreadable(_) => "unreadable".to_owned(),
                        Rejection::Undetected(_) => "undetected".to_owned(),
                        Rejection::Invalid { kind, .. } => format!("invalid {}", kind.id),
                    });
                    let masked = rejection.masked_with(Masking::ValuesAndNames);
                    writeln!(log, "line {line}: refused: {masked}")?;
                }
            },
            Item::Oversize { line, size } => {
                tally.refuse("oversize".to_owned());
                writeln!(log, "line {line}: refused: {size} bytes, over the limit")?;
            }
        }
    }
    tally.write_summary(out)?;
    Ok(tally)
}

/// The program, given its arguments (a path, or none or `-` for standard input) and its
/// standard streams.
fn run(
    arguments: &[OsString],
    stdin: impl BufRead,
    out: &mut impl Write,
    log: &mut impl Write,
) -> ExitCode {
    let tally = match arguments {
        [] => collect(stdin, out, log),
        [path] if path == "-" => collect(stdin, out, log),
        [path] => File::open(path).and_then(|file| collect(BufReader::new(file), out, log)),
        _ => {
            let _ = writeln!(log, "usage: collector [PATH | -]");
            return ExitCode::from(2);
        }
    };
    match tally {
        Ok(tally) if tally.refused.is_empty() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(error) => {
            let _ = writeln!(log, "collector: error: {error}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let arguments: Vec<OsString> = std::env::args_os().skip(1).collect();
    run(
        &arguments,
        io::stdin().lock(),
        &mut io::stdout().lock(),
        &mut io::stderr().lock(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use schema_types::registry;

    /// A valid document of `id` (its fixture), on one line.
    fn valid(id: &str) -> String {
        serde_json::to_string(&registry::find(id).unwrap().fixture()).unwrap()
    }

    /// The fixture of `id` with the member at `pointer` set to `value` (added when `pointer`
    /// names a member not there).
    fn edited(id: &str, pointer: &str, value: serde_json::Value) -> String {
        let mut document = registry::find(id).unwrap().fixture();
        let (parent, name) = pointer.rsplit_once('/').unwrap();
        document.pointer_mut(parent).unwrap()[name] = value;
        serde_json::to_string(&document).unwrap()
    }

    /// A stream of valid documents of several kinds and layers, documents whose values (and
    /// undeclared names) are marker strings, a line that is not JSON and a document of no
    /// kind.
    fn stream() -> String {
        let marker = |n: u32| serde_json::Value::from(format!("SECRET-{n}"));
        [
            valid("hasura/server-telemetry"),
            valid("hasura/server-telemetry-wire"),
            valid("appsmith/usage-pulse"),
            valid("appsmith/keep-alive-ping"),
            valid("appsmith/usage-pulse"),
            String::new(),
            edited("appsmith/usage-pulse", "/instanceId", marker(1)),
            edited("hasura/server-telemetry", "/metrics/SECRET-2", marker(3)),
            edited(
                "hasura/console-error",
                "/server_version",
                serde_json::json!([marker(4)]),
            ),
            "SECRET-5 is not JSON".to_owned(),
            r#"{"SECRET-6": "SECRET-7"}"#.to_owned(),
        ]
        .join("\n")
    }

    /// Runs the program on `arguments` with `stdin`: its exit status, output and log.
    fn run_on(arguments: &[&str], stdin: &[u8]) -> (ExitCode, String, String) {
        let arguments: Vec<OsString> = arguments.iter().map(OsString::from).collect();
        let (mut out, mut log) = (Vec::new(), Vec::new());
        let status = run(&arguments, stdin, &mut out, &mut log);
        (
            status,
            String::from_utf8(out).unwrap(),
            String::from_utf8(log).unwrap(),
        )
    }

    #[test]
    fn counts_each_kind_and_logs_every_refusal_masked() {
        let stream = stream();
        let (status, out, log) = run_on(&[], stream.as_bytes());
        assert_eq!(status, ExitCode::from(1));
        let server = registry::find("hasura/server-telemetry").unwrap().fixture();
        let pulses = registry::find("appsmith/usage-pulse").unwrap().fixture()["usageData"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(
            out,
            format!(
                "accepted 5, refused 5\n\
                 \x20 accepted appsmith/keep-alive-ping: 1\n\
                 \x20 accepted appsmith/usage-pulse: 2\n\
                 \x20 accepted hasura/server-telemetry: 1\n\
                 \x20 accepted hasura/server-telemetry-wire: 1\n\
                 \x20 refused invalid appsmith/usage-pulse: 1\n\
                 \x20 refused invalid hasura/console-error: 1\n\
                 \x20 refused invalid hasura/server-telemetry: 1\n\
                 \x20 refused undetected: 1\n\
                 \x20 refused unreadable: 1\n\
                 usage pulses: {}\n\
                 Hasura server {}: 2\n",
                2 * pulses,
                server["version"].as_str().unwrap(),
            )
        );
        let lines: Vec<&str> = log.lines().collect();
        let starts: Vec<&str> = lines
            .iter()
            .map(|line| line.split(": refused: ").next().unwrap())
            .collect();
        assert_eq!(
            starts,
            ["line 7", "line 8", "line 9", "line 10", "line 11"],
            "{log}"
        );
        assert!(
            lines[0].contains("appsmith/usage-pulse: invalid: "),
            "{log}"
        );
        assert!(lines[0].contains("/instanceId"), "{log}");
        assert!(lines[1].contains("(masked)"), "{log}");
        assert!(lines[3].contains("not a JSON document"), "{log}");
        assert!(lines[4].contains("unknown kind"), "{log}");
        // The unmasked rejections quote the markers; the log holds none of them.
        assert!(stream.contains("SECRET-1") && stream.contains("SECRET-7"));
        assert!(!log.contains("SECRET"), "{log}");
        assert!(!out.contains("SECRET"), "{out}");
    }

    #[test]
    fn reads_a_file_named_on_the_command_line() {
        let path = std::env::temp_dir().join(format!("collector-{}.ndjson", std::process::id()));
        let documents = [
            valid("hasura/cli-execution"),
            valid("appsmith/navigation-event"),
        ];
        std::fs::write(&path, documents.join("\n")).unwrap();
        let (status, out, log) = run_on(&[path.to_str().unwrap()], b"ignored");
        std::fs::remove_file(&path).unwrap();
        assert_eq!(status, ExitCode::SUCCESS);
        assert!(out.starts_with("accepted 2, refused 0\n"), "{out}");
        assert!(out.contains("accepted hasura/cli-execution: 1\n"), "{out}");
        assert_eq!(log, "");

        let (status, _, log) = run_on(&["/nonexistent/collector.ndjson"], b"");
        assert_eq!(status, ExitCode::from(2));
        assert!(log.starts_with("collector: error: "), "{log}");
        let (status, _, log) = run_on(&["a", "b"], b"");
        assert_eq!(status, ExitCode::from(2));
        assert_eq!(log, "usage: collector [PATH | -]\n");
    }

    #[test]
    fn a_document_over_the_limit_is_counted_not_read() {
        let large = format!("{{\"padding\": \"{}\"}}", "x".repeat(LIMITS.max_bytes));
        let input = format!("{}\n{large}\n", valid("hasura/cli-config"));
        let (status, out, log) = run_on(&["-"], input.as_bytes());
        assert_eq!(status, ExitCode::from(1));
        assert!(out.contains("refused oversize: 1\n"), "{out}");
        assert_eq!(
            log,
            format!("line 2: refused: {} bytes, over the limit\n", large.len())
        );
    }
}
