//! `optout` and `privacy`: the specification around the payloads, printed.
//!
//! `optout` evaluates the documented opt-out rules (`schema_types::optout`) for the settings
//! given; `privacy` prints the privacy inventory (`schema_types::privacy`), read from the
//! published schemas. Both have a JSON form whose shape is stable, for scripts and auditors.

use std::collections::BTreeMap;
use std::io::{self, Write};

use schema_types::optout::{self, Sent, Settings};
use schema_types::privacy::{self, Identifies};
use schema_types::registry::PAYLOADS;
use schema_types::{Product, api};
use serde_json::json;

use crate::exit::Failure;
use crate::output::Format;
use crate::{OptoutArgs, ProductArg};

/// `optout`: which payloads of a product are still sent under the given settings.
pub fn optout(args: OptoutArgs) -> Result<(), Failure> {
    let product = match args.product {
        ProductArg::Hasura => Product::Hasura,
        ProductArg::Appsmith => Product::Appsmith,
    };
    let env = pairs(&args.env)?;
    let settings = Settings {
        server_env: env.clone(),
        server_flag: args.enable_telemetry_flag.clone(),
        cli_env: if args.cli_env.is_empty() {
            env.clone()
        } else {
            pairs(&args.cli_env)?
        },
        cli_config_enable_telemetry: args.cli_config_enable_telemetry,
        appsmith_env: env,
        appsmith_share_usage_data: args.share_usage_data,
    };
    let verdicts = optout::evaluate(product, &settings);
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &verdicts).map_err(io::Error::other)?;
            writeln!(out)?;
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
                    .map(|c| {
                        format!(
                            " ({})",
                            serde_json::to_value(c)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default()
                        )
                    })
                    .unwrap_or_default();
                writeln!(out, "{}{component}: {what}", verdict.payload)?;
                if !verdict.decided_by.is_empty() {
                    writeln!(out, "  stopped by: {}", verdict.decided_by.join("; "))?;
                }
                for ignored in &verdict.ignored {
                    writeln!(out, "  not read (not a documented value): {ignored}")?;
                }
                writeln!(out, "  the page: \"{}\"", verdict.source)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// `KEY=VALUE` pairs as a map.
fn pairs(given: &[String]) -> Result<BTreeMap<String, String>, Failure> {
    given
        .iter()
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
            _ => Err(Failure::new(format!("`--env {pair}`: expected NAME=VALUE"))),
        })
        .collect()
}

/// `privacy [ID]`: per payload, what in it can identify a person or a machine.
pub fn privacy(id: Option<&str>, all: bool, format: Format) -> Result<(), Failure> {
    let kinds = match id {
        Some(id) => vec![api::kind(id)?],
        None => PAYLOADS.iter().collect(),
    };
    let mut inventories = Vec::new();
    for kind in kinds {
        let mut inventory = privacy::inventory(kind)
            .map_err(|error| Failure::new(format!("{}: {error}", kind.id)))?;
        if !all {
            inventory
                .members
                .retain(|member| member.identifies != Identifies::Nothing);
        }
        inventories.push(inventory);
    }
    let mut out = io::stdout().lock();
    match format {
        Format::Json => {
            let value = json!({ "payloads": inventories, "all_members": all });
            serde_json::to_writer_pretty(&mut out, &value).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        Format::Human => {
            for inventory in &inventories {
                writeln!(out, "{}", inventory.payload)?;
                if inventory.members.is_empty() {
                    writeln!(out, "  nothing that identifies a person or a machine")?;
                }
                let width = inventory
                    .members
                    .iter()
                    .map(|m| m.pointer.chars().count())
                    .max()
                    .unwrap_or(0);
                for member in &inventory.members {
                    let identifies = serde_json::to_value(member.identifies)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "  {:<width$}  {:<18}  identifies: {identifies}",
                        member.pointer,
                        member.class.name()
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}
