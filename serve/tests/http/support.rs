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
    task: JoinHandle<Result<(), serve::Error>>,
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

    /// Stops the receiver and waits until its store is closed.
    pub async fn stop(self) -> PathBuf {
        let _ = self.stop.send(());
        self.task.await.unwrap().unwrap();
        // The directory goes with the receiver; the caller only reads the path's name.
        self.store
    }
}

/// The fixture of `kind`, as bytes.
pub fn fixture(kind: &str) -> Vec<u8> {
    let kind = schema_types::registry::find(kind).unwrap();
    serde_json::to_vec(&kind.fixture()).unwrap()
}

/// The lines of an NDJSON answer, parsed.
pub fn ndjson(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}
