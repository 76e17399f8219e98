//! Project automation, run as `cargo xtask <command>` (the alias is in `.cargo/config.toml`).
//!
//! `gen` writes every generated artefact of the repository (the published schemas under
//! `schemas/`, the samples and errata under `generated/`); `gen --check` writes nothing and
//! fails, naming the files, when the checked-in copies differ from what the code produces. A
//! test runs the check too, so a stale file fails `cargo test --workspace` as well as CI.
//!
//! `gen` also refuses to change a published schema version (`lock.rs`, `schemas/lock.json`), and
//! `diff` classifies the changes between two versions of a schema (`diff/`, VERSIONING.md).

mod diff;
mod docs;
mod ensure;
mod generate;
mod index;
mod json_file;
mod lock;
mod test_suite;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::ensure::Mode;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Project automation for telemetry-spec")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the published schemas (schemas/) and the generated documents (generated/).
    Gen {
        /// Write nothing; exit non-zero and name the files that are stale.
        #[arg(long)]
        check: bool,
    },
    /// Classify the changes between two versions of a schema and the SchemaVer bump they require
    /// (VERSIONING.md); exits 1 when the versions' bump is smaller than that.
    Diff {
        /// OLD NEW (two schema files), or ID OLD_VERSION NEW_VERSION (`schemas/ID/VERSION.schema.json`).
        #[arg(required = true, num_args = 2..=3, value_name = "ARG")]
        args: Vec<String>,
        /// `human` (the default) or `json`.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

/// How `diff` prints its report.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Gen { check } => {
            let mode = if check { Mode::Check } else { Mode::Write };
            match generate::run(&workspace_root(), mode) {
                Ok(summary) => {
                    print!("{summary}");
                    if summary.is_clean() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::FAILURE
                    }
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Diff { args, format } => run_diff(&args, format),
    }
}

/// `cargo xtask diff`: prints the report; 1 when the declared bump is too small, 2 on an error.
fn run_diff(args: &[String], format: Format) -> ExitCode {
    let result = diff::Target::from_args(&workspace_root(), args)
        .and_then(|target| Ok((target.diff()?, target)));
    let (report, target) = match result {
        Ok(done) => done,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let judged = target.judge(&report);
    match format {
        Format::Human => {
            print!("{}", report.render(&target.old, &target.new));
            if let Some((text, _)) = &judged {
                println!("{text}");
            }
        }
        Format::Json => {
            let mut document = report.to_json();
            document["old"] = target.old.clone().into();
            document["new"] = target.new.clone().into();
            if let Some((text, sufficient)) = &judged {
                document["declared"] = text.clone().into();
                document["sufficient"] = (*sufficient).into();
            }
            let text = serde_json::to_string_pretty(&document).expect("a JSON value serialises");
            println!("{text}");
        }
    }
    match judged {
        Some((_, false)) => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}

/// The workspace root: the parent of this crate's manifest directory.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checked-in `schemas/` and `generated/` are what the code produces now.
    #[test]
    fn generated_files_are_fresh() {
        let summary = generate::run(&workspace_root(), Mode::Check).expect("generation runs");
        assert!(summary.is_clean(), "{summary}");
    }
}
