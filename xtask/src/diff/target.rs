//! What `cargo xtask diff` compares: the two schema files its arguments name (`OLD NEW`, or
//! `ID OLD_VERSION NEW_VERSION` for the published files), read from disk, and what the versions
//! they declare say about the bump the report requires.

use std::path::Path;

use schema_types::{SchemaVersion, schema_path};

use super::bump::Bump;
use super::report::Comparison;
use super::{DiffError, diff};
use crate::json_file;

/// What `cargo xtask diff` compares: two files, named as the user named them.
pub struct Target {
    /// The old schema file, as named on the command line.
    pub old: String,
    /// The new schema file.
    pub new: String,
    /// The versions, when both file names are `VERSION.schema.json`.
    pub versions: Option<(SchemaVersion, SchemaVersion)>,
}

impl Target {
    /// `cargo xtask diff OLD NEW` (two files) or `cargo xtask diff ID OLD_VERSION NEW_VERSION`
    /// (the files `schemas/ID/VERSION.schema.json` under `root`).
    pub fn from_args(root: &Path, args: &[String]) -> Result<Self, DiffError> {
        match args {
            [old, new] => Ok(Self {
                versions: schema_path::version_of_file(Path::new(old))
                    .zip(schema_path::version_of_file(Path::new(new))),
                old: old.clone(),
                new: new.clone(),
            }),
            [id, old, new] => {
                let parse = |text: &str| {
                    text.parse::<SchemaVersion>()
                        .map_err(|error| DiffError(error.to_string()))
                };
                let versions = (parse(old)?, parse(new)?);
                let file = |version| {
                    root.join("schemas")
                        .join(schema_path::of(id, version))
                        .display()
                        .to_string()
                };
                Ok(Self {
                    old: file(versions.0),
                    new: file(versions.1),
                    versions: Some(versions),
                })
            }
            _ => Err(DiffError(
                "expected OLD NEW (two schema files) or ID OLD_VERSION NEW_VERSION".into(),
            )),
        }
    }

    /// Reads both files and compares them.
    pub fn diff(&self) -> Result<Comparison, DiffError> {
        let read = |path: &str| {
            json_file::read(Path::new(path)).map_err(|error| DiffError(error.to_string()))
        };
        diff(&read(&self.old)?, &read(&self.new)?)
    }

    /// What the declared versions say about the report, and whether their bump is big enough.
    pub fn judge(&self, report: &Comparison) -> Option<(String, bool)> {
        let (old, new) = self.versions?;
        let required = report.required_bump();
        Some(match Bump::between(old, new) {
            None if required == Bump::None => (
                format!("declared: {old} → {new}, no later version, and none is needed"),
                true,
            ),
            None => (
                format!(
                    "declared: {old} → {new} is not a later version; the changes require {}: {}",
                    required.name(),
                    required.apply(old)
                ),
                false,
            ),
            Some(declared) if declared >= required => (
                format!(
                    "declared: {old} → {new} is {} bump: enough",
                    declared.with_article()
                ),
                true,
            ),
            Some(declared) => (
                format!(
                    "declared: {old} → {new} is {} bump: too small, the changes require {}: {}",
                    declared.with_article(),
                    required.name(),
                    required.apply(old)
                ),
                false,
            ),
        })
    }
}
