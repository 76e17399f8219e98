//! The telemetry catalog: who sends each payload, when, where to, and what stops it.
//!
//! The upstream pages say this in prose; here it is data, declared once per payload in its
//! `impl Payload` (`CATALOG`), emitted as the `x-telemetry` annotation of its schema and in
//! `schemas/index.json`, and read by the opt-out evaluator ([`crate::optout`]). Every sentence
//! quoted from a page is checked, by a test, to stand verbatim in that page.

use serde::Serialize;
use serde_json::{Value, json};

/// The vendor keyword that carries the catalog entry in the published schemas.
pub const KEYWORD: &str = "x-telemetry";

/// A payload's catalog entry.
///
/// A kind the page does not document (a payload read from the emitter's code alone) has
/// [`NOT_ON_THE_PAGE`] for its section, and its `trigger` and opt-out `quote` cite the code
/// instead of the page ([`Catalog::on_the_page`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Catalog {
    /// The heading of the upstream page's section that documents it, or [`NOT_ON_THE_PAGE`].
    pub section: &'static str,
    /// Which editions send it, as documented.
    pub edition: Editions,
    /// The program that sends it.
    pub emitter: Emitter,
    /// When it is sent, as a kind.
    pub cadence: Cadence,
    /// When it is sent, in the page's words.
    pub trigger: &'static str,
    /// Where it is sent, as documented.
    pub destination: &'static str,
    /// Whether and how an opt-out stops it.
    pub opt_out: OptOut,
}

/// Which editions send a payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Editions {
    /// Every edition (the page names none).
    All,
    /// Hasura's Enterprise Edition.
    Enterprise,
    /// Appsmith instances of paying customers.
    PayingCustomers,
}

/// The program that sends a payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Emitter {
    /// The product's server.
    Server,
    /// The Hasura Console (in a browser, served by the server or by the CLI).
    Console,
    /// The Hasura CLI.
    Cli,
    /// The Appsmith client in a browser.
    BrowserClient,
    /// Nothing: a local file, read by the CLI, never sent.
    LocalFile,
}

/// When a payload is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    /// Periodically.
    Periodic,
    /// Every 2 hours.
    EveryTwoHours,
    /// The first time a new instance starts.
    FirstStart,
    /// Once per CLI command execution.
    PerCommand,
    /// On a runtime error in the Console.
    PerError,
    /// On a user action, in the browser.
    PerUserAction,
    /// On a server-side event (a query run, an application created, a login).
    PerServerEvent,
    /// Collected per user action, sent in hourly batches.
    HourlyBatches,
    /// The page does not say.
    Undocumented,
    /// Never: not a message.
    Never,
}

/// A setting that stops telemetry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Switch {
    /// `HASURA_GRAPHQL_ENABLE_TELEMETRY=false` in the server's environment.
    HasuraServerEnv,
    /// `--enable-telemetry=false` on the server's command line.
    HasuraServerFlag,
    /// `HASURA_GRAPHQL_ENABLE_TELEMETRY=false` on the machine running the CLI.
    HasuraCliEnv,
    /// `"enable_telemetry": false` in `~/.hasura/config.json`.
    HasuraCliConfig,
    /// `APPSMITH_DISABLE_TELEMETRY=true` in the Appsmith container's environment (then a restart).
    AppsmithEnv,
    /// "Share anonymous usage data" turned off in Admin Settings, then Save & Restart.
    AppsmithAdminToggle,
}

impl Switch {
    /// The setting as a person writes it.
    pub const fn setting(self) -> &'static str {
        match self {
            Self::HasuraServerEnv => "HASURA_GRAPHQL_ENABLE_TELEMETRY=false (server environment)",
            Self::HasuraServerFlag => "--enable-telemetry=false (server flag)",
            Self::HasuraCliEnv => "HASURA_GRAPHQL_ENABLE_TELEMETRY=false (environment of the CLI)",
            Self::HasuraCliConfig => "\"enable_telemetry\": false (~/.hasura/config.json)",
            Self::AppsmithEnv => "APPSMITH_DISABLE_TELEMETRY=true",
            Self::AppsmithAdminToggle => {
                "Admin Settings > General > Share anonymous usage data: off"
            }
        }
    }
}

/// Whether an opt-out stops a payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptOut {
    /// Any of these switches stops it.
    StoppedBy {
        /// The switches.
        switches: &'static [Switch],
        /// The page's sentence that says so (for a kind not on the page, the emitter's code that
        /// does, cited by repository, file and revision).
        quote: &'static str,
    },
    /// Sent whatever the telemetry setting.
    SentRegardless {
        /// The page's sentence that says so.
        quote: &'static str,
    },
    /// Never sent (a local file).
    NotSent {
        /// The page's sentence about the file.
        quote: &'static str,
    },
}

impl OptOut {
    /// The page's sentence the rule rests on.
    pub const fn quote(&self) -> &'static str {
        match self {
            Self::StoppedBy { quote, .. }
            | Self::SentRegardless { quote }
            | Self::NotSent { quote } => quote,
        }
    }
}

/// The section of a kind its product's page does not document: what its entry says is read from
/// the emitter's code, which its `trigger` and opt-out `quote` cite.
pub const NOT_ON_THE_PAGE: &str = "none: not on the page";

impl Catalog {
    /// Whether the page documents the kind, so that the entry's section is a heading of the page
    /// and its `trigger` and opt-out `quote` are sentences of it; otherwise they cite the
    /// emitter's code.
    pub fn on_the_page(&self) -> bool {
        self.section != NOT_ON_THE_PAGE
    }

    /// The entry as JSON, as the schema annotation and the index carry it.
    pub fn to_json(&self, product: &str) -> Value {
        let opt_out = match self.opt_out {
            OptOut::StoppedBy { switches, quote } => json!({
                "stoppedBy": switches.iter().map(|s| s.setting()).collect::<Vec<_>>(),
                "sentRegardless": false,
                "source": quote,
            }),
            OptOut::SentRegardless { quote } => json!({
                "stoppedBy": [],
                "sentRegardless": true,
                "source": quote,
            }),
            OptOut::NotSent { quote } => json!({
                "stoppedBy": [],
                "sentRegardless": false,
                "notSent": true,
                "source": quote,
            }),
        };
        json!({
            "product": product,
            "section": self.section,
            "edition": self.edition,
            "emitter": self.emitter,
            "cadence": self.cadence,
            "trigger": self.trigger,
            "destination": self.destination,
            "optOut": opt_out,
        })
    }
}

/// The Hasura page's sentence on turning off server (and server-hosted Console) telemetry.
pub const HASURA_SERVER_OPT_OUT: &str = "You can turn off telemetry on the server and on the Console hosted by the server by setting the env variable HASURA_GRAPHQL_ENABLE_TELEMETRY=false or the flag --enable-telemetry=false on the server.";

/// The Hasura page's sentence on turning off CLI (and CLI-served Console) telemetry.
pub const HASURA_CLI_OPT_OUT: &str = "You can turn off telemetry on the CLI and on the Console served by the CLI by setting the env variable HASURA_GRAPHQL_ENABLE_TELEMETRY=false on the machine running the CLI. You can also set \"enable_telemetry\": false in the JSON config file created by the CLI at ~/.hasura/config.json to persist the setting.";

/// Where Hasura sends telemetry, in the page's words.
pub const HASURA_DESTINATION: &str = "Hasura's servers addressed by telemetry.hasura.io";

/// The Appsmith page's sentence on payloads sent whatever the setting.
pub const APPSMITH_IRRESPECTIVE: &str =
    "This data is collected irrespective of whether telemetry is turned on or off.";

/// The Appsmith page's sentence on payloads that the opt-out stops.
pub const APPSMITH_ONLY_WHEN_ON: &str = "This data is only collected when telemetry is turned on.";

/// Where the Appsmith server's code stops its telemetry-gated pings: `pingSchedule` and
/// `pingStats` return at once when `commonConfig.isTelemetryDisabled()` (`disable.telemetry`,
/// read from `APPSMITH_DISABLE_TELEMETRY`, which the Admin Settings toggle writes before its
/// restart).
pub const APPSMITH_PING_OPT_OUT: &str = "appsmithorg/appsmith app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/PingScheduledTask.java from ace2370a4829abf2e27404598807d33439f1928b (2020-11-19): `@ConditionalOnExpression(\"!${is.cloud-hosted:false} && !${disable.telemetry:true}\")`; solutions/ce/PingScheduledTaskCEImpl.java from 471ab843bc7cf8cf88a3828bb2a81433e0ee574f (2021-12-15) to today: `if (commonConfig.isTelemetryDisabled()) { return; }`";

/// The Appsmith switches: the environment variable and the Admin Settings toggle.
pub const APPSMITH_SWITCHES: &[Switch] = &[Switch::AppsmithEnv, Switch::AppsmithAdminToggle];

/// What stops the Hasura server's own reports: its environment variable or its flag.
pub const HASURA_SERVER_STOPPED_BY: OptOut = OptOut::StoppedBy {
    switches: &[Switch::HasuraServerEnv, Switch::HasuraServerFlag],
    quote: HASURA_SERVER_OPT_OUT,
};

/// What stops the Hasura CLI's reports: its environment variable or its config file.
pub const HASURA_CLI_STOPPED_BY: OptOut = OptOut::StoppedBy {
    switches: &[Switch::HasuraCliEnv, Switch::HasuraCliConfig],
    quote: HASURA_CLI_OPT_OUT,
};

/// An Appsmith payload that no setting stops.
pub const APPSMITH_SENT_REGARDLESS: OptOut = OptOut::SentRegardless {
    quote: APPSMITH_IRRESPECTIVE,
};

/// An Appsmith payload that either switch stops.
pub const APPSMITH_STOPPED_BY: OptOut = OptOut::StoppedBy {
    switches: APPSMITH_SWITCHES,
    quote: APPSMITH_ONLY_WHEN_ON,
};
