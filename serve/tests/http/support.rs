//! Starts a receiver on a free loopback port with a fresh SQLite file, and sends it requests.

use std::path::PathBuf;

use serde_json::Value;
use serve::{ServeArgs, Server, StoreUrl};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running receiver.
pub struct Receiver {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// Its SQLite file.
    pub store: PathBuf,
    pub client: reqwest::Client,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<serve::Ending, serve::Error>>,
    _directory: tempfile::TempDir,
}

/// A receiver with the default options but `configure`'s changes, on `127.0.0.1:0`.
pub async fn start(configure: impl FnOnce(&mut ServeArgs)) -> Receiver {
    let directory = tempfile::tempdir().unwrap();
    let store = directory.path().join("store.db");
    let mut args = ServeArgs::new(StoreUrl::Sqlite(store.clone()));
    args.listen = "127.0.0.1:0".parse().unwrap();
    configure(&mut args);
    let server = Server::bind(&args).await.unwrap();
    let url = format!("http://{}", server.local_addr().unwrap());
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(server.run(async move {
        let _ = stopped.await;
    }));
    Receiver {
        url,
        store,
        client: reqwest::Client::new(),
        stop,
        task,
        _directory: directory,
    }
}

/// The coverage report a receiver writes on stopping (`--report`), in a folder of its own.
pub struct CoverageFile {
    path: PathBuf,
    _directory: tempfile::TempDir,
}

impl CoverageFile {
    /// The report as written (the receiver must have stopped).
    pub fn read(&self) -> Value {
        serde_json::from_slice(&std::fs::read(&self.path).unwrap()).unwrap()
    }
}

/// A receiver as [`start`] makes it, told to write its coverage report on stopping, and where.
pub async fn start_with_report(configure: impl FnOnce(&mut ServeArgs)) -> (Receiver, CoverageFile) {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("coverage.json");
    let report = path.clone();
    let receiver = start(move |args| {
        args.report = Some(report);
        configure(args);
    })
    .await;
    let report = CoverageFile {
        path,
        _directory: directory,
    };
    (receiver, report)
}

impl Receiver {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    pub async fn post(&self, path: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .body(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// The JSON of `GET path`, which must answer 200.
    pub async fn get_json(&self, path: &str) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        response.json().await.unwrap()
    }

    /// Every stored document (`GET /api/documents`, one page).
    pub async fn documents(&self, query: &str) -> Vec<Value> {
        let page = self
            .get_json(&format!("/api/documents?limit=1000&{query}"))
            .await;
        page["documents"].as_array().unwrap().clone()
    }

    /// Stops the receiver and waits until its store is closed; how it ended.
    pub async fn stop(self) -> serve::Ending {
        let _ = self.stop.send(());
        self.task.await.unwrap().unwrap()
    }
}

/// The fixture of `kind`, as bytes.
pub fn fixture(kind: &str) -> Vec<u8> {
    let kind = schema_types::registry::find(kind).unwrap();
    serde_json::to_vec(&kind.fixture()).unwrap()
}

/// The entry of `kind` in a coverage report (`/api/coverage`, or the file written on stopping).
pub fn coverage_entry<'a>(coverage: &'a Value, kind: &str) -> &'a Value {
    coverage["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["kind"] == kind)
        .unwrap_or_else(|| panic!("no coverage entry of {kind}"))
}

/// The message of an error answer (`{"error": "..."}`), which must have `status`.
pub async fn error_message(response: reqwest::Response, status: u16) -> String {
    assert_eq!(response.status(), status);
    let answer: Value = response.json().await.unwrap();
    answer["error"].as_str().unwrap().to_owned()
}

/// The lines of an NDJSON answer, parsed.
pub fn ndjson(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// A PostgreSQL server of its own (Debian's `postgresql` package: `initdb` and `pg_ctl` under
/// `/usr/lib/postgresql/VERSION/bin`), on a free loopback port, its data in a temporary
/// directory; stopped when dropped. As root, it runs as the package's `postgres` user.
pub struct Postgres {
    pub url: String,
    bin: PathBuf,
    data: PathBuf,
    as_postgres: bool,
    _directory: tempfile::TempDir,
}

impl Postgres {
    pub fn start() -> Self {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()
            .and_then(|versions| {
                versions
                    .filter_map(Result::ok)
                    .map(|version| version.path().join("bin"))
                    .find(|bin| bin.join("initdb").exists())
            })
            .expect("PostgreSQL's server is needed: apt-get install postgresql (.ci/run does)");
        let directory = tempfile::tempdir().unwrap();
        let data = directory.path().join("data");
        let as_postgres = is_root();
        if as_postgres {
            let owner = std::process::Command::new("chown")
                .args(["postgres:postgres"])
                .arg(directory.path())
                .status()
                .unwrap();
            assert!(owner.success());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let postgres = Self {
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
            bin,
            data,
            as_postgres,
            _directory: directory,
        };
        postgres.run(
            "initdb",
            &[
                "-D",
                &postgres.data(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
            ],
        );
        // `-w`: pg_ctl returns once the server accepts connections.
        let options = format!("-h 127.0.0.1 -p {port} -k {} -c fsync=off", postgres.data());
        let log = format!("{}/log", postgres.data());
        postgres.run(
            "pg_ctl",
            &[
                "-D",
                &postgres.data(),
                "-l",
                &log,
                "-o",
                &options,
                "-w",
                "start",
            ],
        );
        postgres
    }

    fn data(&self) -> String {
        self.data.display().to_string()
    }

    fn run(&self, program: &str, args: &[&str]) {
        let program = self.bin.join(program);
        let mut command = if self.as_postgres {
            let mut command = std::process::Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(&program);
            command
        } else {
            std::process::Command::new(&program)
        };
        let output = command.args(args).output().unwrap();
        assert!(
            output.status.success(),
            "{} {args:?}: {}{}",
            program.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.data();
        self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
    }
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|output| output.stdout.trim_ascii() == b"0")
        .unwrap_or(false)
}
