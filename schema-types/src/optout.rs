//! The opt-out evaluator: given a product's telemetry settings, which payloads are still sent,
//! each with the sentence of the docs that says so.
//!
//! The rules are the catalog's ([`crate::catalog`]); this module reads the settings the way the
//! pages document them:
//! - Hasura: `HASURA_GRAPHQL_ENABLE_TELEMETRY=false` in the server's environment or
//!   `--enable-telemetry=false` on its command line stops the server's payloads and the Console
//!   it hosts; the same variable on the machine running the CLI, or `"enable_telemetry": false`
//!   in `~/.hasura/config.json`, stops the CLI's and the Console it serves. When both the flag
//!   and the variable are given, the flag decides (a command-line option overrides the
//!   environment, as in the server's option parser); for the CLI, either setting alone stops it.
//! - Appsmith: `APPSMITH_DISABLE_TELEMETRY=true`, or the Admin Settings toggle turned off, stops
//!   the navigation and backend-call events (after the restart the page asks for); the
//!   keep-alive ping, the setup ping and the usage pulse are sent regardless.
//!
//! Values: the pages document `false` (Hasura) and `true` (Appsmith). `true` and `false` are read
//! in any letter case, with surrounding spaces ignored; any other value is not documented, so the
//! verdict says so and assumes the default (telemetry on) rather than guessing.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::{OptOut, Switch};
use crate::payload::Product;
use crate::registry::PAYLOADS;

/// The environment variable that turns Hasura telemetry on or off.
pub const HASURA_ENV: &str = "HASURA_GRAPHQL_ENABLE_TELEMETRY";
/// The environment variable that turns Appsmith telemetry off.
pub const APPSMITH_ENV: &str = "APPSMITH_DISABLE_TELEMETRY";

/// Telemetry settings, as given on the command line of `telemetry-spec optout` or by a caller.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// The Hasura server's environment variables.
    pub server_env: BTreeMap<String, String>,
    /// The value of the server's `--enable-telemetry` flag, if given.
    pub server_flag: Option<String>,
    /// The environment of the machine running the Hasura CLI.
    pub cli_env: BTreeMap<String, String>,
    /// `enable_telemetry` of `~/.hasura/config.json`, if the file sets it.
    pub cli_config_enable_telemetry: Option<bool>,
    /// The Appsmith container's environment variables.
    pub appsmith_env: BTreeMap<String, String>,
    /// The Admin Settings toggle "Share anonymous usage data", if known (`false`: off).
    pub appsmith_share_usage_data: Option<bool>,
}

/// Whether a payload is still sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sent {
    /// Still sent.
    Yes,
    /// Stopped by the settings.
    No,
    /// Never sent: not a message.
    Never,
}

/// The verdict for one payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The payload id.
    pub payload: &'static str,
    /// The component whose settings this verdict is about, when several can send the payload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component: Option<Component>,
    /// Whether it is still sent.
    pub sent: Sent,
    /// The settings that decided, in words (empty when none applies).
    pub decided_by: Vec<String>,
    /// The page's sentence the rule rests on.
    pub source: &'static str,
    /// Settings that were given but are not documented values, and so were not read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<String>,
}

/// A documented boolean value, or what else was written.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Read {
    Bool(bool),
    Undocumented(String),
}

fn read(value: &str) -> Read {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" => Read::Bool(true),
        "false" => Read::Bool(false),
        _ => Read::Undocumented(value.to_owned()),
    }
}

/// The component whose settings decide: a Hasura Console payload is stopped by the settings of
/// whichever serves the Console, so it gets one verdict per component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Component {
    /// The Hasura server (and the Console it hosts).
    HasuraServer,
    /// The Hasura CLI (and the Console it serves).
    HasuraCli,
    /// The Appsmith instance.
    Appsmith,
}

impl Component {
    /// The page's sentence on turning this component's telemetry off, for the Hasura components.
    pub const fn quote(self) -> Option<&'static str> {
        match self {
            Self::HasuraServer => Some(crate::catalog::HASURA_SERVER_OPT_OUT),
            Self::HasuraCli => Some(crate::catalog::HASURA_CLI_OPT_OUT),
            Self::Appsmith => None,
        }
    }
}

impl Switch {
    /// The component whose setting this is.
    pub const fn component(self) -> Component {
        match self {
            Self::HasuraServerEnv | Self::HasuraServerFlag => Component::HasuraServer,
            Self::HasuraCliEnv | Self::HasuraCliConfig => Component::HasuraCli,
            Self::AppsmithEnv | Self::AppsmithAdminToggle => Component::Appsmith,
        }
    }
}

/// Which payloads of `product` are still sent under `settings`: one verdict per payload, or per
/// payload and component when several components can send it (the Hasura Console).
pub fn evaluate(product: Product, settings: &Settings) -> Vec<Verdict> {
    let mut verdicts = Vec::new();
    for kind in PAYLOADS.iter().filter(|kind| kind.product == product) {
        let source = kind.catalog.opt_out.quote();
        match kind.catalog.opt_out {
            OptOut::NotSent { .. } => {
                verdicts.push(Verdict::new(kind.id, None, Sent::Never, source))
            }
            OptOut::SentRegardless { .. } => {
                verdicts.push(Verdict::new(kind.id, None, Sent::Yes, source))
            }
            OptOut::StoppedBy { switches, .. } => {
                let mut components: Vec<Component> =
                    switches.iter().map(|s| s.component()).collect();
                components.dedup();
                let several = components.len() > 1;
                for component in components {
                    let (decided_by, ignored) = decide(component, settings);
                    let sent = if decided_by.is_empty() {
                        Sent::Yes
                    } else {
                        Sent::No
                    };
                    let source = if several {
                        component.quote().unwrap_or(source)
                    } else {
                        source
                    };
                    let mut verdict =
                        Verdict::new(kind.id, several.then_some(component), sent, source);
                    verdict.decided_by = decided_by;
                    verdict.ignored = ignored;
                    verdicts.push(verdict);
                }
            }
        }
    }
    verdicts
}

impl Verdict {
    fn new(
        payload: &'static str,
        component: Option<Component>,
        sent: Sent,
        source: &'static str,
    ) -> Self {
        Self {
            payload,
            component,
            sent,
            decided_by: Vec::new(),
            source,
            ignored: Vec::new(),
        }
    }
}

/// The settings of `component` that stop telemetry (as [`Switch::setting`] words), and the
/// undocumented values that were not read.
fn decide(component: Component, settings: &Settings) -> (Vec<String>, Vec<String>) {
    let mut ignored = Vec::new();
    let mut documented = |name: &str, value: Option<&String>| match value.map(|v| read(v)) {
        Some(Read::Bool(flag)) => Some(flag),
        Some(Read::Undocumented(value)) => {
            ignored.push(format!("{name}={value}"));
            None
        }
        None => None,
    };
    let mut decided = Vec::new();
    match component {
        Component::HasuraServer => {
            let flag = documented("--enable-telemetry", settings.server_flag.as_ref());
            let env = documented(HASURA_ENV, settings.server_env.get(HASURA_ENV));
            match (flag, env) {
                // A documented flag overrides the environment.
                (Some(false), _) => decided.push(Switch::HasuraServerFlag),
                (Some(true), _) => {}
                (None, Some(false)) => decided.push(Switch::HasuraServerEnv),
                (None, _) => {}
            }
        }
        Component::HasuraCli => {
            if documented(HASURA_ENV, settings.cli_env.get(HASURA_ENV)) == Some(false) {
                decided.push(Switch::HasuraCliEnv);
            }
            if settings.cli_config_enable_telemetry == Some(false) {
                decided.push(Switch::HasuraCliConfig);
            }
        }
        Component::Appsmith => {
            if documented(APPSMITH_ENV, settings.appsmith_env.get(APPSMITH_ENV)) == Some(true) {
                decided.push(Switch::AppsmithEnv);
            }
            if settings.appsmith_share_usage_data == Some(false) {
                decided.push(Switch::AppsmithAdminToggle);
            }
        }
    }
    (
        decided
            .into_iter()
            .map(|s| s.setting().to_owned())
            .collect(),
        ignored,
    )
}
