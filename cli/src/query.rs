//! `query ...`: the questions of a running receiver (`telemetry-spec serve`), asked over HTTP,
//! for scripts and test harnesses: `summary`, `documents`, `wait`, `coverage`, `reset`.
//!
//! It talks to the receiver, not to its store. A script that drives a receiver in a test
//! harness has the receiver's address at hand, not its database; the answers are the
//! receiver's own (the same JSON whether the store is SQLite or PostgreSQL, with no second
//! reading of the tables to keep equal to `/api/...`); a wait is woken by the receiver's commits
//! (on PostgreSQL, any receiver's), which a reader of the file could only poll for; and an
//! SQLite store is held by its receiver while it runs. The receiver serves plain HTTP on
//! loopback (or behind a proxy that ends TLS), so the client speaks plain HTTP.
//!
//! Output: each answer's JSON as the receiver sent it, one per line; `documents --all` follows
//! the cursor and prints one stored document per line (NDJSON), each as the receiver wrote it
//! (`RawValue`, never re-serialised). `--format human` prints a short text instead. Exit status:
//! 0 answered, 1 a wait that timed out before the count was reached, 2 the receiver could not
//! be reached or refused the question (its `{"error"}` message printed).

use std::io::{self, Write};
use std::time::Duration;

use clap::{Args, Subcommand};
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::diagnostics::describe_io_error;
use crate::exit::{Failure, Status};
use crate::output::{Format, printable};

/// The long help of `query`.
pub const HELP: &str = "Ask a running receiver (`telemetry-spec serve`) what it holds, over \
HTTP: the counts per kind (`summary`), the stored documents (`documents`, filtered, one page or \
every page with `--all`), a wait until enough matching documents are stored (`wait`, exit status \
1 at the timeout), what arrived against what the specification declares (`coverage`), and \
`reset`. Each answer is printed as the receiver's JSON, one per line (`documents --all`: one \
document per line); `--format human` prints a short text. The token of a receiver started with \
`--token` is read from `--token` or TELEMETRY_SPEC_TOKEN, as `serve` reads it.";

/// The examples after the help of `query`.
pub const EXAMPLES: &str = "Examples:\n  \
telemetry-spec query summary\n  \
telemetry-spec query --url http://127.0.0.1:8089 documents --valid false --all\n  \
telemetry-spec query wait --kind hasura/cli-execution-wire --count 3 --timeout 30\n  \
telemetry-spec query coverage --format human\n\n\
Exit status: 0 answered, 1 a wait timed out, 2 the receiver could not be reached or refused.";

/// The options of `query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The receiver's address
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "TELEMETRY_SPEC_URL",
        default_value = "http://127.0.0.1:8089"
    )]
    pub url: String,
    /// The receiver's bearer token (`serve --token`)
    #[arg(
        long,
        global = true,
        value_name = "TOKEN",
        env = "TELEMETRY_SPEC_TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// `json`: the receiver's answers, one per line; `human`: a short text
    #[arg(long, global = true, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// The question
    #[command(subcommand)]
    pub question: Question,
}

/// What is asked.
#[derive(Debug, Subcommand)]
pub enum Question {
    /// The documents stored per kind, version and verdict (`/api/summary`)
    Summary,
    /// The stored documents, filtered, oldest first (`/api/documents`)
    Documents(DocumentsArgs),
    /// Wait until enough matching documents are stored (`/api/wait`); exit status 1 at the timeout
    Wait(WaitArgs),
    /// Which declared kinds arrived and which never did (`/api/coverage`)
    Coverage,
    /// Delete every stored document (`POST /api/reset`)
    Reset,
}

/// Which documents: the filters `/api/documents` and `/api/wait` share.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only valid documents (`true`) or invalid ones (`false`)
    #[arg(long, value_name = "BOOL")]
    pub valid: Option<bool>,
    /// Only documents of this kind (`none`: of no kind)
    #[arg(long, value_name = "ID")]
    pub kind: Option<String>,
    /// Only documents received at or after this time (RFC 3339)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only documents with a violation of this rule (`required`, `format`, ...)
    #[arg(long, value_name = "RULE")]
    pub rule: Option<String>,
}

impl FilterArgs {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(valid) = self.valid {
            pairs.push(("valid", valid.to_string()));
        }
        let texts = [
            ("kind", &self.kind),
            ("since", &self.since),
            ("rule", &self.rule),
        ];
        for (name, value) in texts {
            if let Some(value) = value {
                pairs.push((name, value.clone()));
            }
        }
        pairs
    }
}

/// The options of `query documents`.
#[derive(Debug, Args)]
pub struct DocumentsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The most documents in a page (the receiver allows 1 to 1000; 100 when left out)
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Where the page starts: the `next` of the page before
    #[arg(long, value_name = "CURSOR", conflicts_with = "all")]
    pub cursor: Option<String>,
    /// Every page, following the cursor: one document per line
    #[arg(long)]
    pub all: bool,
}

/// The options of `query wait`.
#[derive(Debug, Args)]
pub struct WaitArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// How many matching documents to wait for
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub count: u64,
    /// How long to wait at most, in seconds (the receiver allows up to 600)
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub timeout: f64,
}

/// How long a question other than a wait may take, beyond which the receiver is taken as hung.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(60);

/// `query ...`.
pub fn run(args: QueryArgs) -> Result<Status, Failure> {
    let receiver = Receiver::new(&args.url, args.token.as_deref())?;
    let mut out = io::stdout().lock();
    match args.question {
        Question::Summary => {
            let answer = receiver.get("/api/summary", &[], ANSWER_TIMEOUT)?;
            print(&mut out, args.format, &answer, human_summary)?;
        }
        Question::Documents(documents) => {
            documents_run(&receiver, &documents, args.format, &mut out)?
        }
        Question::Wait(wait) => return wait_run(&receiver, &wait, args.format, &mut out),
        Question::Coverage => {
            let answer = receiver.get("/api/coverage", &[], ANSWER_TIMEOUT)?;
            print(&mut out, args.format, &answer, human_coverage)?;
        }
        Question::Reset => {
            let answer = receiver.post("/api/reset")?;
            print(&mut out, args.format, &answer, |out, value| {
                writeln!(out, "deleted {} documents", value["deleted"])
            })?;
        }
    }
    out.flush()?;
    Ok(Status::Success)
}

fn documents_run(
    receiver: &Receiver,
    args: &DocumentsArgs,
    format: Format,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut query = args.filter.pairs();
    if let Some(limit) = args.limit {
        query.push(("limit", limit.to_string()));
    }
    let mut cursor = args.cursor.clone();
    loop {
        let mut page_query = query.clone();
        if let Some(cursor) = &cursor {
            page_query.push(("cursor", cursor.clone()));
        }
        let answer = receiver.get("/api/documents", &page_query, ANSWER_TIMEOUT)?;
        if !args.all {
            return print(out, format, &answer, |out, page| {
                human_documents(out, page["documents"].as_array().into_iter().flatten())?;
                match page["next"].as_str() {
                    Some(next) => writeln!(out, "more: --cursor {}", printable(next)),
                    None => Ok(()),
                }
            });
        }
        let page: Page = serde_json::from_slice(&answer.bytes)
            .map_err(|error| Failure::new(format!("the receiver's page is not one: {error}")))?;
        for document in &page.documents {
            match format {
                Format::Json => writeln!(out, "{}", document.get())?,
                Format::Human => {
                    let value: Value = serde_json::from_str(document.get()).unwrap_or_default();
                    human_documents(out, [&value])?;
                }
            }
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(()),
        }
    }
}

/// A page of `/api/documents`, its documents as the receiver wrote them.
#[derive(Deserialize)]
struct Page {
    documents: Vec<Box<RawValue>>,
    next: Option<String>,
}

fn wait_run(
    receiver: &Receiver,
    args: &WaitArgs,
    format: Format,
    out: &mut impl Write,
) -> Result<Status, Failure> {
    if !(args.timeout.is_finite() && args.timeout >= 0.0) {
        return Err(Failure::new(
            "`--timeout` is a number of seconds, at least 0",
        ));
    }
    let mut query = args.filter.pairs();
    query.push(("count", args.count.to_string()));
    query.push(("timeout", args.timeout.to_string()));
    // The receiver answers at its timeout; the client waits a little longer for that answer.
    let limit = Duration::from_secs_f64(args.timeout.min(3600.0)) + ANSWER_TIMEOUT;
    let answer = receiver.get_answered("/api/wait", &query, limit, &[408])?;
    print(out, format, &answer, |out, value| {
        if value["reached"] == Value::Bool(true) {
            writeln!(out, "reached: {} matching documents", value["count"])
        } else {
            writeln!(
                out,
                "timed out after {} seconds: {} of {} matching documents",
                args.timeout, value["count"], args.count
            )
        }
    })?;
    out.flush()?;
    Ok(if answer.status == 408 {
        Status::Invalid
    } else {
        Status::Success
    })
}

/// An answer of the receiver: its status and its bytes, as sent.
struct Answer {
    status: u16,
    bytes: Vec<u8>,
}

/// Prints `answer`: its JSON on one line, or what `human` makes of it.
fn print(
    out: &mut impl Write,
    format: Format,
    answer: &Answer,
    human: impl FnOnce(&mut dyn Write, &Value) -> io::Result<()>,
) -> Result<(), Failure> {
    let value: Value = serde_json::from_slice(&answer.bytes)
        .map_err(|error| Failure::new(format!("the receiver's answer is not JSON: {error}")))?;
    match format {
        Format::Json => {
            out.write_all(answer.bytes.trim_ascii())?;
            out.write_all(b"\n")?;
        }
        Format::Human => human(out, &value)?,
    }
    Ok(())
}

fn human_summary(out: &mut dyn Write, summary: &Value) -> io::Result<()> {
    writeln!(
        out,
        "{} documents: {} valid, {} invalid",
        summary["documents"], summary["valid"], summary["invalid"]
    )?;
    for kind in summary["kinds"].as_array().into_iter().flatten() {
        writeln!(
            out,
            "  {}: {} valid, {} invalid",
            kind_at_version(kind),
            kind["valid"],
            kind["invalid"]
        )?;
    }
    Ok(())
}

fn human_coverage(out: &mut dyn Write, coverage: &Value) -> io::Result<()> {
    let list = |value: &Value| value.as_array().cloned().unwrap_or_default();
    for kind in list(&coverage["kinds"]) {
        let versions = list(&kind["seen"]);
        if versions.is_empty() {
            continue;
        }
        let versions: Vec<String> = versions
            .iter()
            .map(|version| {
                format!(
                    "{} ({} valid, {} invalid)",
                    printable(version["version"].as_str().unwrap_or("?")),
                    version["valid"],
                    version["invalid"]
                )
            })
            .collect();
        writeln!(
            out,
            "seen: {}: {}",
            printable(kind["kind"].as_str().unwrap_or("?")),
            versions.join(", ")
        )?;
        let unseen_eras: Vec<String> = list(&kind["eras"])
            .iter()
            .filter(|era| era["documents"] == 0)
            .map(|era| printable(era["era"].as_str().unwrap_or("?")).into_owned())
            .collect();
        if !unseen_eras.is_empty() {
            writeln!(out, "  eras never seen: {}", unseen_eras.join(", "))?;
        }
        let members = list(&kind["members"]);
        let unseen: Vec<String> = members
            .iter()
            .filter(|member| member["documents"] == 0)
            .map(|member| printable(member["pointer"].as_str().unwrap_or("?")).into_owned())
            .collect();
        writeln!(
            out,
            "  members seen: {} of {}",
            members.len() - unseen.len(),
            members.len()
        )?;
        if !unseen.is_empty() {
            writeln!(out, "  members never seen: {}", unseen.join(" "))?;
        }
    }
    let unseen = coverage["unseen"].as_array().map(Vec::len).unwrap_or(0);
    writeln!(
        out,
        "{unseen} declared kinds never seen; {} documents of no kind; {} invalid",
        coverage["undetected"], coverage["invalid"]
    )
}

fn human_documents<'a>(
    out: &mut dyn Write,
    documents: impl IntoIterator<Item = &'a Value>,
) -> io::Result<()> {
    for document in documents {
        let verdict = if document["valid"] == Value::Bool(true) {
            "valid"
        } else {
            "invalid"
        };
        writeln!(
            out,
            "{} {} {} {}: {verdict}: {}",
            document["id"],
            printable(document["receivedAt"].as_str().unwrap_or("?")),
            printable(document["endpoint"].as_str().unwrap_or("?")),
            kind_at_version(document),
            violations_in_words(&document["verdict"]),
        )?;
    }
    Ok(())
}

/// `KIND VERSION`, or `(no kind)`.
fn kind_at_version(entry: &Value) -> String {
    match (entry["kind"].as_str(), entry["version"].as_str()) {
        (Some(kind), Some(version)) => format!("{} {}", printable(kind), printable(version)),
        (Some(kind), None) => printable(kind).into_owned(),
        _ => "(no kind)".to_owned(),
    }
}

/// A verdict's violations as `RULE at POINTER`, the first three.
fn violations_in_words(verdict: &Value) -> String {
    let violations = verdict["report"]["violations"].as_array();
    let total = verdict["report"]["total"].as_u64().unwrap_or(0);
    if total == 0 {
        return match verdict["detection"]["message"].as_str() {
            Some(message) => printable(message).into_owned(),
            None => "no violation".to_owned(),
        };
    }
    let shown: Vec<String> = violations
        .into_iter()
        .flatten()
        .take(3)
        .map(|violation| {
            let pointer = violation["pointer"].as_str().unwrap_or("");
            let pointer = if pointer.is_empty() {
                "(document)"
            } else {
                pointer
            };
            format!(
                "{} at {}",
                printable(violation["rule"].as_str().unwrap_or("?")),
                printable(pointer)
            )
        })
        .collect();
    format!("{total} violations: {}", shown.join(", "))
}

/// The receiver, at its address, with its token.
struct Receiver {
    base: String,
    token: Option<String>,
    client: reqwest::blocking::Client,
}

impl Receiver {
    fn new(url: &str, token: Option<&str>) -> Result<Self, Failure> {
        let base = url.trim_end_matches('/').to_owned();
        if !base.starts_with("http://") {
            return Err(Failure::new(format!(
                "`--url` is the receiver's `http://HOST:PORT`, not `{url}`"
            )));
        }
        let client = reqwest::blocking::Client::builder()
            .build()
            .map_err(|error| Failure::new(format!("cannot make an HTTP client: {error}")))?;
        Ok(Self {
            base,
            token: token.map(str::to_owned),
            client,
        })
    }

    fn get(
        &self,
        path: &str,
        query: &[(&str, String)],
        timeout: Duration,
    ) -> Result<Answer, Failure> {
        self.get_answered(path, query, timeout, &[])
    }

    /// `GET path?query`; an answer other than 200 and `also` is a failure, with the receiver's
    /// `{"error"}` message.
    fn get_answered(
        &self,
        path: &str,
        query: &[(&str, String)],
        timeout: Duration,
        also: &[u16],
    ) -> Result<Answer, Failure> {
        let request = self
            .client
            .get(format!("{}{path}", self.base))
            .query(query)
            .timeout(timeout);
        self.send(path, request, also)
    }

    fn post(&self, path: &str) -> Result<Answer, Failure> {
        let request = self
            .client
            .post(format!("{}{path}", self.base))
            .timeout(ANSWER_TIMEOUT);
        self.send(path, request, &[])
    }

    fn send(
        &self,
        path: &str,
        mut request: reqwest::blocking::RequestBuilder,
        also: &[u16],
    ) -> Result<Answer, Failure> {
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let url = format!("{}{path}", self.base);
        let response = request.send().map_err(|error| {
            Failure::new(format!("cannot reach {url}: {}", error_in_words(&error)))
        })?;
        let status = response.status().as_u16();
        let bytes = response
            .bytes()
            .map_err(|error| {
                Failure::new(format!(
                    "cannot read the answer of {url}: {}",
                    error_in_words(&error)
                ))
            })?
            .to_vec();
        if status == 200 || also.contains(&status) {
            return Ok(Answer { status, bytes });
        }
        let message = serde_json::from_slice::<Value>(&bytes)
            .ok()
            .and_then(|body| body["error"].as_str().map(str::to_owned))
            .unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
        Err(Failure::new(format!("{url} answered {status}: {message}")))
    }
}

/// What went wrong with an HTTP exchange, in words: a timeout, or the innermost cause
/// (`connection refused`), an I/O error as [`describe_io_error`] words it.
fn error_in_words(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return "no answer in time".to_owned();
    }
    let mut innermost: &dyn std::error::Error = error;
    while let Some(cause) = innermost.source() {
        innermost = cause;
    }
    match innermost.downcast_ref::<io::Error>() {
        Some(io_error) => describe_io_error(io_error),
        None => innermost.to_string(),
    }
}
