//! `hasura/cli-execution`: one execution of a Hasura CLI command, as the collector stores it
//! (`Row<CliExecutionEvent>`), and `hasura/cli-execution-wire`, as the CLI POSTs it
//! (`Wire<CliExecutionEvent>`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::api::Clue;
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter};
use crate::common::{Nullable, Uuid, UuidOrEmpty};
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};

use super::envelope::{CliTopic, Row};
use crate::validate::Validate;

/// One execution of a Hasura CLI command, as the CLI reports it.
///
/// The CLI reports each execution: the command name, whether it resulted in an error, the
/// operating system and architecture, the CLI version, and the version and UUID of the server
/// it talks to; error messages, arguments and flags are not recorded. It POSTs
/// `{"topic": "cli", "data": ...}` (`cli_test` from dev builds) to telemetry.hasura.io
/// (`cli/telemetry/telemetry.go`). Turned off with
/// `HASURA_GRAPHQL_ENABLE_TELEMETRY=false` or `"enable_telemetry": false` in
/// `~/.hasura/config.json`.
///
/// Closed (no other members): the CLI's Go struct writes exactly these keys, every one always
/// (no `omitempty`), and a privacy audit reads this schema as the complete list of what the CLI
/// sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct CliExecutionEvent {
    /// The CLI's randomly generated UUID, the `uuid` of its `~/.hasura/config.json`.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub uuid: Uuid,
    /// A random (version 4) UUID for this execution.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub execution_id: Uuid,
    /// The CLI version (`v0.4.27`); free-form.
    #[schemars(extend("x-privacy" = "version"))]
    pub version: String,
    /// The cobra command path (`hasura migrate apply`): the names of the CLI's own commands
    /// only. The page: arguments, flags and error messages are not recorded.
    #[schemars(extend("x-privacy" = "category"))]
    pub command: String,
    /// Whether the execution resulted in an error; the error message itself is not recorded.
    #[schemars(extend("x-privacy" = "flag"))]
    pub is_error: bool,
    /// The operating system, as Go's `GOOS` names it (`linux`, `darwin`, `windows`): a detail
    /// of the machine the CLI runs on.
    #[schemars(extend("x-privacy" = "device"))]
    pub os_platform: String,
    /// The processor architecture, as Go's `GOARCH` names it (`amd64`, `arm64`): a detail of
    /// the machine the CLI runs on.
    #[schemars(extend("x-privacy" = "device"))]
    pub os_arch: String,
    /// The UUID of the server the command talks to. Variants (`hasura/graphql-engine`
    /// `cli/telemetry/telemetry.go`): `""` for commands that never reach a server, and the nil
    /// UUID `00000000-0000-0000-0000-000000000000` when the server's state cannot be read; both
    /// are accepted. Always present; any other text than a lower-case UUID is refused.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub server_uuid: UuidOrEmpty,
    /// The version of the server the command talks to (`v1.0.0-alpha36`). Free-form; variant:
    /// `""` for commands that never reach a server (`hasura/graphql-engine`
    /// `cli/telemetry/telemetry.go`). Always present.
    #[schemars(extend("x-privacy" = "version"))]
    pub server_version: String,
    /// Command-specific data, an object; `null` when the command attaches none. Always present:
    /// the CLI's struct has no `omitempty` (`hasura/graphql-engine` `cli/telemetry/telemetry.go`).
    ///
    /// Classified `diagnostic`, not `category`: neither the page nor the CLI's code
    /// (`Payload map[string]interface{}`, "any additional payload information") bounds what it
    /// holds, and the page's sample shows only `null`, so an audit must treat it as data that
    /// could describe the user's project. The page's promise that arguments, flags and error
    /// messages are not recorded covers it too.
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub payload: Nullable<serde_json::Map<String, serde_json::Value>>,
}

/// `hasura/cli-execution`: a CLI execution event as the collector stores it, the page's sample.
pub type CliExecutionRow = Row<CliExecutionEvent>;

/// The former name of [`CliExecutionRow`], which did not say that the document is a row.
#[deprecated(note = "renamed `CliExecutionRow`: the name says the layer")]
pub type CliExecution = CliExecutionRow;

impl Payload for CliExecutionRow {
    const ID: &'static str = "hasura/cli-execution";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 1, 0);
    const TITLE: &'static str = "Hasura CLI execution event";
    const EXAMPLE_LINE: Option<usize> = Some(181);
    const LAYER: Layer = Layer::HasuraRow;
    const CLUES: &'static [Clue] = &[Clue::Present("/execution_id")];
    const CATALOG: Catalog = Catalog {
        section: "CLI",
        edition: Editions::All,
        emitter: Emitter::Cli,
        cadence: Cadence::PerCommand,
        trigger: "The CLI collects each execution event, along with a randomly generated UUID.",
        destination: catalog::HASURA_DESTINATION,
        opt_out: catalog::HASURA_CLI_STOPPED_BY,
    };

    fn documented_example() -> Option<Self> {
        Some(
            CliExecutionRow::fixture()
                .id(115)
                .timestamp("2019-01-21T11:36:07.86783+00:00")
                .payload(
                    CliExecutionEvent::fixture()
                        .uuid("e462ce20-42dd-40fd-9549-edfb92f80455")
                        .execution_id("ddfa9c33-0693-457d-9026-c7f456c43322")
                        .version("v0.4.27")
                        .command("hasura version")
                        .is_error(false)
                        .os_platform("linux")
                        .os_arch("amd64")
                        .server_uuid("a4d66fb2-f88d-457b-8db1-ea7a0b57921d")
                        .server_version("v1.0.0-alpha36")
                        .payload(Nullable::NULL),
                )
                .build(),
        )
    }
}

super::envelope::posted!(
    CliExecutionEvent, topic CliTopic,
    documented CliExecutionRow, wire (1, 0, 0)
);
