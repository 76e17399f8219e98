//! `hasura/console-error`: an event the Hasura Console reports, typically a runtime error.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::{self, Cadence, Catalog, Editions, Emitter, OptOut, Switch};
use crate::common::Uuid;
use crate::corpus::Page;
use crate::fixture::Fixture;
use crate::payload::{ExampleLocation, Layer, Payload, Product, SchemaVersion};
use crate::validate::Validate;

use super::envelope::{ConsoleTopic, Published, Row, Sent, Wire};

/// An event reported by the Hasura Console: a runtime error with the anonymised route it
/// happened on.
///
/// The Console collects runtime errors along with anonymised route names, without any
/// identifiable information or payload, and records the UUID of the server or CLI it is
/// connected to. It POSTs `{"topic": "console", "data": ...}` (`console_test` from dev builds)
/// to telemetry.hasura.io (`console/src/telemetry/index.ts`). Turned off with the server's or the
/// CLI's telemetry setting (`HASURA_GRAPHQL_ENABLE_TELEMETRY=false`), depending on which serves
/// the Console.
///
/// Closed (no other members): a privacy audit reads this schema as the complete list of what the
/// Console sends; the page promises nothing identifiable, and a member not listed here would be
/// data it does not declare.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ConsoleError {
    /// The version of the server the Console is connected to. Free-form: usually `v`-prefixed
    /// (`v2.0.9`), though the page's sample shows `2.0.0`.
    #[schemars(extend("x-privacy" = "version"))]
    pub server_version: String,
    /// What happened: `Main/RUN_TIME_ERROR` for a runtime error. The same channel carries other
    /// UI events under other names.
    #[schemars(extend("x-privacy" = "category"))]
    pub event_type: String,
    /// The route the Console was on, with the names of tables, schemas, views, functions, Remote
    /// Schemas and triggers replaced by the placeholders `SCHEMA_NAME`, `TABLE_NAME`,
    /// `VIEW_NAME`, `FUNCTION_NAME`, `REMOTE_SCHEMA_NAME`, `TRIGGER_NAME`, `DATA_TRIGGER_NAME`
    /// and `CRON_TRIGGER_NAME` (`console/src/telemetry/filters.ts`): the actual names are not
    /// sent. `SCHEMA_NAME` and `TABLE_NAME` in the page's sample are these placeholders as sent,
    /// not the page's stand-ins for real names.
    #[schemars(extend("x-privacy" = "url"))]
    pub url: String,
    /// Which program serves the Console: the CLI (`hasura console`) or the server.
    #[schemars(extend("x-privacy" = "category"))]
    pub console_mode: ConsoleMode,
    /// The UUID of the CLI serving the Console (the `uuid` of its `~/.hasura/config.json`). In
    /// server mode the Console's code sends it absent or as `""`, which this schema, following
    /// the page, does not accept.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub cli_uuid: Uuid,
    /// The UUID of the server the Console is connected to. The Console's code sends `""` until
    /// it has loaded the server's state, which this schema, following the page, does not accept.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub server_uuid: Uuid,
    /// The error.
    pub data: ConsoleErrorData,
}

/// Which program serves the Hasura Console.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    Validate,
    Fixture,
)]
#[serde(rename_all = "lowercase")]
pub enum ConsoleMode {
    /// Served by the CLI (`hasura console`).
    Cli,
    /// Served by the server itself.
    Server,
}

/// The error a Console event reports.
///
/// Closed, for the same reason as the payload: each member is declared data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ConsoleErrorData {
    /// The error message (`Uncaught TypeError: something is not a function`). Unlike `url`, it
    /// is not sanitised: the Console passes the error on as the runtime wrote it
    /// (`console/src/telemetry/index.ts`), so it can quote values the failing code held.
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub message: String,
    /// The stack trace, one frame per item, as the page shows it. The Console's code sends the
    /// JavaScript `Error.stack`, a single string with newlines, and may omit it; this schema
    /// follows the page. Not sanitised either: browsers write each frame with the full URL of
    /// its script, which includes the address of the host serving the Console.
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub stack: Vec<String>,
}

impl Payload for ConsoleError {
    const ID: &'static str = "hasura/console-error";
    const PRODUCT: Product = Product::Hasura;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 1);
    const TITLE: &'static str = "Hasura Console error event";
    const EXAMPLE: Option<ExampleLocation> = Some(ExampleLocation {
        page: Page::Hasura,
        line: 163,
    });
    const LAYER: Layer = Layer::Payload;
    const CATALOG: Catalog = Catalog {
        section: "Console",
        edition: Editions::All,
        emitter: Emitter::Console,
        cadence: Cadence::PerError,
        trigger: "The Console collects runtime errors along with anonymized route names are sent without any identifiable information or payload.",
        destination: catalog::HASURA_DESTINATION,
        opt_out: OptOut::StoppedBy {
            switches: &[
                Switch::HasuraServerEnv,
                Switch::HasuraServerFlag,
                Switch::HasuraCliEnv,
                Switch::HasuraCliConfig,
            ],
            quote: catalog::HASURA_SERVER_OPT_OUT,
        },
    };
}

/// `hasura/console-error-row`: the payload as Hasura's collector stores it.
pub type ConsoleErrorRow = Row<ConsoleError>;

/// `hasura/console-error-wire`: the payload as its emitter POSTs it.
pub type ConsoleErrorWire = Wire<ConsoleError>;

impl Sent for ConsoleError {
    type Topic = ConsoleTopic;
    const DOCUMENTED: &'static str = "hasura/console-error";
    const ROW: Published = Published {
        id: "hasura/console-error-row",
        version: SchemaVersion::new(1, 0, 0),
        title: "Hasura Console error event, as stored",
        example: None,
    };
    const WIRE: Published = Published {
        id: "hasura/console-error-wire",
        version: SchemaVersion::new(1, 0, 0),
        title: "Hasura Console error event, as POSTed",
        example: None,
    };
    const CATALOG: Catalog = <Self as Payload>::CATALOG;
}
