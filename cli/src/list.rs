//! `list`: every payload kind the registry holds, as an aligned table or a JSON array.
//!
//! The rows are [`schema_types::registry::PAYLOADS`] in its order; nothing here adds to what a
//! kind says about itself. A kind with eras lists them (the documented one marked), each
//! checkable alone with `validate --kind ID@ERA`.

use std::io::{self, Write};

use clap::Args;
use schema_types::api::Selection;
use schema_types::registry::{PAYLOADS, PayloadKind};
use serde_json::{Value, json};

use crate::exit::Failure;
use crate::output::{Format, write_pretty};

/// The options of `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// `human`: an aligned table; `json`: a JSON array with one object per kind
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// `list`: every payload kind, in registry order.
pub fn run(args: ListArgs) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match args.format {
        Format::Human => {
            let rows: Vec<[String; 6]> = PAYLOADS
                .iter()
                .map(|kind| {
                    [
                        kind.id.to_owned(),
                        kind.product.name().to_owned(),
                        kind.layer.name().to_owned(),
                        kind.version.to_string(),
                        format!("schemas/{}", kind.schema_path()),
                        eras(kind),
                    ]
                })
                .collect();
            let header = ["ID", "PRODUCT", "LAYER", "VERSION", "SCHEMA", "ERAS"].map(str::to_owned);
            let mut widths = [0; 6];
            for row in std::iter::once(&header).chain(&rows) {
                for (width, cell) in widths.iter_mut().zip(row) {
                    *width = (*width).max(cell.chars().count());
                }
            }
            for row in std::iter::once(&header).chain(&rows) {
                let [id, product, layer, version, schema, eras] = row;
                let line = format!(
                    "{id:<w0$}  {product:<w1$}  {layer:<w2$}  {version:<w3$}  {schema:<w4$}  {eras}",
                    w0 = widths[0],
                    w1 = widths[1],
                    w2 = widths[2],
                    w3 = widths[3],
                    w4 = widths[4],
                );
                writeln!(out, "{}", line.trim_end())?;
            }
        }
        Format::Json => {
            let kinds: Vec<Value> = PAYLOADS.iter().map(describe).collect();
            write_pretty(&mut out, &Value::Array(kinds))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The eras of a kind, as the human table writes them: `2021 (documented), 2023`; empty for a
/// kind of one shape.
fn eras(kind: &PayloadKind) -> String {
    let eras: Vec<String> = kind
        .eras
        .iter()
        .map(|era| {
            let documented = if era.is_documented() {
                " (documented)"
            } else {
                ""
            };
            format!("{}{documented}", era.name())
        })
        .collect();
    eras.join(", ")
}

/// A payload kind as `list --format json` prints it.
fn describe(kind: &'static PayloadKind) -> Value {
    json!({
        "id": kind.id,
        "product": kind.product.name(),
        "vendor": kind.product.vendor(),
        "version": kind.version.to_string(),
        "layer": kind.layer.name(),
        "derived_from": kind.derived_from,
        "title": kind.title,
        "schema": format!("schemas/{}", kind.schema_path()),
        "schema_id": kind.schema_id(),
        "example": kind.example.map(|example| json!({
            "page": example.page.repo_path(),
            "line": example.line,
        })),
        "eras": kind.eras.iter().map(|era| json!({
            "name": era.name(),
            "documented": era.is_documented(),
            "kind": Selection::of_era(kind, era).to_string(),
        })).collect::<Vec<_>>(),
    })
}
