//! The receiver in-process, over real HTTP on loopback with a real SQLite file: each module one
//! concern, [`support`] the only code that starts a receiver and sends requests.
//!
//! What a verdict should be comes from the library (`schema_types`), never from the receiver.
//!
//! - [`endpoints`]: every endpoint's answer, and documents read back byte for byte.
//! - [`answers`]: every answer valid under its published schema (`schemas/serve/`).
//! - [`coverage`]: the coverage per declared member and era, from the valid documents.
//! - [`dashboard`]: the page, identifying values masked.
//! - [`security`]: the bearer token, the body and document limits, bytes that are not JSON.
//! - [`segment`]: Segment's tracking API, calls judged as Segment stores them.
//! - [`socket`]: the Console's WebSocket channel.
//! - [`pressure`]: a full queue answers 503 and loses nothing it acknowledged.
//! - [`postgres`]: two receivers on one PostgreSQL database (a server the test starts).

mod answers;
mod coverage;
mod dashboard;
mod endpoints;
mod postgres;
mod pressure;
mod security;
mod segment;
mod socket;
mod support;
