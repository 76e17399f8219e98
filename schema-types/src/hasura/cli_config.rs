//! `hasura/cli-config`: the Hasura CLI's global configuration file, `~/.hasura/config.json`,
//! which holds the CLI's telemetry identity and opt-out.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::api::Clue;
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter, OptOut};
use crate::common::Uuid;
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;
use schema_runtime::optional_members;

/// The Hasura CLI's global configuration file, `~/.hasura/config.json`.
///
/// Created by the CLI on first run; never sent. It holds the random UUID the CLI reports as
/// `uuid` in its telemetry and in the Console's `cli_uuid`, and the persisted telemetry choice:
/// `"enable_telemetry": false` turns off telemetry for the CLI and for the Console it serves.
///
/// Open: the file also holds other CLI settings, which are not telemetry and which this schema
/// does not describe; they are kept as they are.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
pub struct CliConfig {
    /// The CLI's randomly generated UUID, sent as `uuid` with every CLI execution event.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub uuid: Uuid,
    /// Whether the CLI sends telemetry; `false` opts out, as
    /// `HASURA_GRAPHQL_ENABLE_TELEMETRY=false` does.
    #[schemars(extend("x-privacy" = "flag"))]
    pub enable_telemetry: bool,
    /// Whether the CLI tells the user about a newer version; absent when never set (never
    /// `null`: the CLI writes a boolean or nothing).
    #[schemars(extend("x-privacy" = "flag"))]
    pub show_update_notification: Option<bool>,
    /// The file's other settings, by key, as they are.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Payload for CliConfig {
    const ID: &'static str = "hasura/cli-config";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 1);
    const TITLE: &'static str = "Hasura CLI configuration file";
    const LAYER: Layer = Layer::ConfigFile;
    const CLUES: &'static [Clue] = &[Clue::Present("/enable_telemetry")];
    const CATALOG: Catalog = Catalog {
        section: "Disable CLI telemetry",
        edition: Editions::All,
        emitter: Emitter::LocalFile,
        cadence: Cadence::Never,
        trigger: "the JSON config file created by the CLI at ~/.hasura/config.json",
        destination: "nowhere: the file stays on the machine running the CLI",
        opt_out: OptOut::NotSent {
            quote: catalog::HASURA_CLI_OPT_OUT,
        },
    };
}
