//! `list`, `schema` and `sample`: what the registry knows about each payload kind, printed.

use std::io::{self, Write};

use schema_types::api;
use schema_types::registry::{PAYLOADS, PayloadKind};
use schema_types::samples::documented_example;
use serde_json::{Value, json};

use crate::SampleArgs;
use crate::diagnostics::print_note;
use crate::exit::Failure;
use crate::output::{Format, write_pretty};

/// `list`: every payload kind, in registry order.
pub fn list(format: Format) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match format {
        Format::Human => {
            let rows: Vec<[String; 5]> = PAYLOADS
                .iter()
                .map(|kind| {
                    [
                        kind.id.to_owned(),
                        kind.product.name().to_owned(),
                        kind.layer.name().to_owned(),
                        kind.version.to_string(),
                        format!("schemas/{}", kind.schema_path()),
                    ]
                })
                .collect();
            let header = ["ID", "PRODUCT", "LAYER", "VERSION", "SCHEMA"].map(str::to_owned);
            let mut widths = [0; 5];
            for row in std::iter::once(&header).chain(&rows) {
                for (width, cell) in widths.iter_mut().zip(row) {
                    *width = (*width).max(cell.chars().count());
                }
            }
            for row in std::iter::once(&header).chain(&rows) {
                let [id, product, layer, version, schema] = row;
                writeln!(
                    out,
                    "{id:<w0$}  {product:<w1$}  {layer:<w2$}  {version:<w3$}  {schema}",
                    w0 = widths[0],
                    w1 = widths[1],
                    w2 = widths[2],
                    w3 = widths[3],
                )?;
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

/// A payload kind as `list --format json` prints it.
fn describe(kind: &PayloadKind) -> Value {
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
    })
}

/// `schema ID`: the published schema, byte for byte as `cargo xtask gen` writes it.
pub fn schema(id: &str) -> Result<(), Failure> {
    let kind = api::kind(id)?;
    let mut out = io::stdout().lock();
    write_pretty(&mut out, &kind.schema())?;
    out.flush()?;
    Ok(())
}

/// `sample ID`: the documented example, the fixture's defaults or random valid documents.
pub fn sample(args: SampleArgs) -> Result<(), Failure> {
    let kind = api::kind(&args.id)?;
    let mut out = io::stdout().lock();
    if let Some(seed) = args.seed {
        let count = args.count.unwrap_or(1);
        for offset in 0..count {
            let document = kind.random(seed.wrapping_add(offset));
            if count > 1 || args.compact {
                serde_json::to_writer(&mut out, &document).map_err(io::Error::from)?;
                out.write_all(b"\n")?;
            } else {
                write_pretty(&mut out, &document)?;
            }
        }
        out.flush()?;
        return Ok(());
    }
    let document = match documented_example(kind.id).filter(|_| !args.fixture) {
        Some(example) => {
            let report = kind.validate(&example);
            if !report.is_valid() {
                let pointers: Vec<String> = report
                    .violations()
                    .iter()
                    .map(|violation| format!("`{}`", violation.pointer))
                    .collect();
                print_note(
                    "note",
                    &format!(
                        "the documented example of {} breaks its schema at {} (errata of the \
                         page); `--seed N` prints a valid document",
                        kind.id,
                        pointers.join(", ")
                    ),
                );
            }
            example
        }
        None => {
            if !args.fixture {
                print_note(
                    "note",
                    &format!(
                        "the pages print no example of {}; this is its fixture's defaults",
                        kind.id
                    ),
                );
            }
            kind.fixture()
        }
    };
    if args.compact {
        serde_json::to_writer(&mut out, &document).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
    } else {
        write_pretty(&mut out, &document)?;
    }
    out.flush()?;
    Ok(())
}
