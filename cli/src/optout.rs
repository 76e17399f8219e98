//! `optout`: which payloads of a product are still sent under given telemetry settings, each
//! with the sentence of the product's page that says so.
//!
//! The rules are the library's ([`schema_types::optout::evaluate`], fed by each payload's
//! catalog entry); this module turns command-line settings into [`Settings`] and prints the
//! verdicts, as text or as a JSON array whose shape is stable for scripts.

use std::collections::BTreeMap;
use std::io::{self, Write};

use clap::{Args, ValueEnum};
use schema_types::Product;
use schema_types::optout::{self, Sent, Settings};

use crate::exit::Failure;
use crate::output::{Format, printable, wire_name, write_pretty};

/// The long help of `optout`.
pub const HELP: &str = "Tell which payloads of a product are still sent under the given \
telemetry settings, each with the sentence of the product's documentation that says so.

Hasura: `--env HASURA_GRAPHQL_ENABLE_TELEMETRY=false` (the server's environment, and the CLI's \
unless `--cli-env` is given), `--enable-telemetry false` (the server's flag; it overrides the \
variable), `--cli-env ...` (the environment of the machine running the CLI), \
`--cli-config-enable-telemetry false` (`enable_telemetry` in ~/.hasura/config.json). \
Appsmith: `--env APPSMITH_DISABLE_TELEMETRY=true`, `--share-usage-data false` (the Admin Settings \
toggle). Values are read as the pages document them: `true`/`false` in any letter case; any other \
value is reported as not read, and telemetry is assumed on.";

/// The options of `optout`.
#[derive(Debug, Args)]
pub struct OptoutArgs {
    /// The product whose settings these are
    #[arg(long, value_enum)]
    pub product: ProductArg,
    /// An environment variable, NAME=VALUE (repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub env: Vec<String>,
    /// The Hasura server's `--enable-telemetry` flag value
    #[arg(long = "enable-telemetry", value_name = "VALUE")]
    pub enable_telemetry_flag: Option<String>,
    /// An environment variable of the machine running the Hasura CLI, NAME=VALUE (repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub cli_env: Vec<String>,
    /// `enable_telemetry` in the Hasura CLI's ~/.hasura/config.json
    #[arg(long, value_name = "BOOL")]
    pub cli_config_enable_telemetry: Option<bool>,
    /// Appsmith's Admin Settings toggle "Share anonymous usage data"
    #[arg(long, value_name = "BOOL")]
    pub share_usage_data: Option<bool>,
    /// `human`: a verdict per payload; `json`: the verdicts as a JSON array
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// A product, on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ProductArg {
    /// Hasura GraphQL Engine
    Hasura,
    /// Appsmith
    Appsmith,
}

/// `optout`: which payloads of a product are still sent under the given settings.
pub fn run(args: OptoutArgs) -> Result<(), Failure> {
    let product = match args.product {
        ProductArg::Hasura => Product::Hasura,
        ProductArg::Appsmith => Product::Appsmith,
    };
    let env = pairs("--env", &args.env)?;
    let settings = Settings {
        server_env: env.clone(),
        server_flag: args.enable_telemetry_flag.clone(),
        cli_env: if args.cli_env.is_empty() {
            env.clone()
        } else {
            pairs("--cli-env", &args.cli_env)?
        },
        cli_config_enable_telemetry: args.cli_config_enable_telemetry,
        appsmith_env: env,
        appsmith_share_usage_data: args.share_usage_data,
    };
    let verdicts = optout::evaluate(product, &settings);
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => {
            write_pretty(&mut out, &verdicts)?;
        }
        Format::Human => {
            for verdict in &verdicts {
                let what = match verdict.sent {
                    Sent::Yes => "sent",
                    Sent::No => "NOT sent",
                    Sent::Never => "never sent",
                };
                let component = verdict
                    .component
                    .map(|component| format!(" ({})", wire_name(&component)))
                    .unwrap_or_default();
                writeln!(out, "{}{component}: {what}", verdict.payload)?;
                if !verdict.decided_by.is_empty() {
                    let decided_by = verdict.decided_by.join("; ");
                    writeln!(out, "  stopped by: {}", printable(&decided_by))?;
                }
                for ignored in &verdict.ignored {
                    let ignored = printable(ignored);
                    writeln!(out, "  not read (not a documented value): {ignored}")?;
                }
                writeln!(out, "  the page: \"{}\"", verdict.source)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The `NAME=VALUE` pairs given with option `flag`, as a map.
fn pairs(flag: &str, given: &[String]) -> Result<BTreeMap<String, String>, Failure> {
    given
        .iter()
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
            _ => Err(Failure::new(format!(
                "`{flag} {pair}`: expected NAME=VALUE"
            ))),
        })
        .collect()
}
