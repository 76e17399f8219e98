//! Project automation, run as `cargo xtask <command>` (the alias is in `.cargo/config.toml`).
//!
//! `gen` writes every generated artefact of the repository (the published schemas under
//! `schemas/`, the samples and errata under `generated/`); `gen --check` writes nothing and
//! fails, naming the files, when the checked-in copies differ from what the code produces. A
//! test runs the check too, so a stale file fails `cargo test --workspace` as well as CI.

mod ensure;
mod generate;

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
