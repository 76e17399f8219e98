//! `privacy [ID]`: the privacy inventory, per payload every member that can point at a person, a
//! machine or an organisation, with its class.
//!
//! The inventory is the library's ([`schema_types::privacy::inventory`]), read back from the
//! `x-privacy` annotations of the published schemas, so what this prints and what the schemas
//! publish cannot differ. The JSON form's shape is stable, for auditors.

use std::io::{self, Write};

use clap::Args;
use schema_types::api;
use schema_types::privacy::{self, Identifies};
use schema_types::registry::PAYLOADS;
use serde_json::json;

use crate::exit::Failure;
use crate::output::{Format, wire_name, write_pretty};

/// The long help of `privacy`.
pub const HELP: &str = "Print the privacy inventory: for each payload (or the one named), every \
member that can point at a person, a machine or an organisation, with its class (random-id, \
hashed-identifier, network-address, contact, ...) and what it can identify. The classes are \
declared in the payload types and published in the schemas as `x-privacy`.";

/// The options of `privacy`.
#[derive(Debug, Args)]
pub struct PrivacyArgs {
    /// The payload kind; every kind when left out
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// List every member, including those that identify nothing
    #[arg(long)]
    pub all: bool,
    /// `human`: one line per member; `json`: a stable JSON document for auditors
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// `privacy [ID]`: per payload, what in it can identify a person or a machine.
pub fn run(args: PrivacyArgs) -> Result<(), Failure> {
    let PrivacyArgs { id, all, format } = args;
    let kinds = match id.as_deref() {
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
            write_pretty(&mut out, &value)?;
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
                    let line = format!(
                        "  {:<width$}  {:<18}  identifies: {}",
                        member.pointer,
                        member.class.name(),
                        wire_name(&member.identifies)
                    );
                    // A kind with eras: which of them send the member.
                    if member.eras.is_empty() {
                        writeln!(out, "{line}")?;
                    } else {
                        writeln!(out, "{line}  eras: {}", member.eras.join(", "))?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}
