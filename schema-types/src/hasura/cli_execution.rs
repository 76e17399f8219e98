//! `hasura/cli-execution`: one execution of a Hasura CLI command, as the collector stores it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::common::{Nullable, Rfc3339Timestamp, SerialId, Uuid};
use crate::corpus::Page;
use crate::fixture::Fixture;
use crate::payload::{ExampleLocation, Payload, Product, SchemaVersion};
use crate::validate::Validate;

/// One execution of a Hasura CLI command, as a row of Hasura's telemetry database.
///
/// The CLI reports each execution: the command name, whether it resulted in an error, the
/// operating system and architecture, the CLI version, and the version and UUID of the server
/// it talks to; error messages, arguments and flags are not recorded. It POSTs
/// `{"topic": "cli", "data": ...}` (`cli_test` from dev builds) to telemetry.hasura.io
/// (`cli/telemetry/telemetry.go`); the collector stores `data` with its own `id` and
/// `timestamp`, and that row is this document. Turned off with
/// `HASURA_GRAPHQL_ENABLE_TELEMETRY=false` or `"enable_telemetry": false` in
/// `~/.hasura/config.json`.
///
/// Closed (no other members): the CLI's Go struct writes exactly these keys, every one always
/// (no `omitempty`), and a privacy audit reads this schema as the complete list of what the CLI
/// sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct CliExecution {
    /// The row's serial number in the telemetry database, assigned by the collector (not sent by
    /// the CLI).
    pub id: SerialId,
    /// When the collector stored the row: PostgreSQL `timestamptz` text, microseconds with
    /// trailing zeros dropped and a `+00:00` offset.
    pub timestamp: Rfc3339Timestamp,
    /// The CLI's randomly generated UUID, the `uuid` of its `~/.hasura/config.json`.
    pub uuid: Uuid,
    /// A random (version 4) UUID for this execution.
    pub execution_id: Uuid,
    /// The CLI version (`v0.4.27`); free-form.
    pub version: String,
    /// The cobra command path (`hasura migrate apply`), without arguments or flags.
    pub command: String,
    /// Whether the execution resulted in an error.
    pub is_error: bool,
    /// The operating system, as Go's `GOOS` names it (`linux`, `darwin`, `windows`).
    pub os_platform: String,
    /// The processor architecture, as Go's `GOARCH` names it (`amd64`, `arm64`).
    pub os_arch: String,
    /// The UUID of the server the command talks to. The CLI's code sends `""` for commands that
    /// never reach a server, which this schema, following the page, does not accept, and the nil
    /// UUID `00000000-0000-0000-0000-000000000000` when the server's state cannot be read.
    pub server_uuid: Uuid,
    /// The version of the server the command talks to (`v1.0.0-alpha36`); `""` for commands that
    /// never reach a server.
    pub server_version: String,
    /// Command-specific data, an object; `null` when the command attaches none.
    pub payload: Nullable<serde_json::Map<String, serde_json::Value>>,
}

impl Payload for CliExecution {
    const ID: &'static str = "hasura/cli-execution";
    const PRODUCT: Product = Product::Hasura;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "Hasura CLI execution event";
    const EXAMPLE: Option<ExampleLocation> = Some(ExampleLocation {
        page: Page::Hasura,
        line: 181,
    });
}
