//! How a published schema file is named: `<vendor>/<payload>/<MODEL-REVISION-ADDITION>.schema.json`
//! under `schemas/`. The registry names its files with [`of`]; the lock, the index and
//! `cargo xtask diff` read a payload id and a version back from a file's name with [`split`] and
//! [`version_of_file`]. The format is written here and nowhere else, so a file is always named
//! the way it is read.

use std::fmt;
use std::path::Path;

use crate::payload::SchemaVersion;

/// How every schema file's name ends: `1-0-0.schema.json`.
pub const SUFFIX: &str = ".schema.json";

/// The path of version `version` of payload `id`, relative to `schemas/`:
/// `hasura/server-telemetry/1-0-0.schema.json`.
///
/// ```
/// use schema_types::{SchemaVersion, schema_path};
///
/// let path = schema_path::of("hasura/server-telemetry", SchemaVersion::new(1, 0, 0));
/// assert_eq!(path, "hasura/server-telemetry/1-0-0.schema.json");
/// assert_eq!(
///     schema_path::split(&path),
///     Ok(("hasura/server-telemetry", SchemaVersion::new(1, 0, 0)))
/// );
/// ```
pub fn of(id: &str, version: SchemaVersion) -> String {
    format!("{id}/{version}{SUFFIX}")
}

/// Reads a path relative to `schemas/` (`vendor/payload/VERSION.schema.json`) back into the
/// payload id and the version: the inverse of [`of`].
pub fn split(path: &str) -> Result<(&str, SchemaVersion), SchemaPathError> {
    let (id, file) = path.rsplit_once('/').ok_or(SchemaPathError)?;
    let version = version_of_name(file).ok_or(SchemaPathError)?;
    let mut segments = id.split('/');
    let well_formed = segments.clone().count() == 2
        && segments.all(|segment| !segment.is_empty() && segment != "." && segment != "..");
    if well_formed {
        Ok((id, version))
    } else {
        Err(SchemaPathError)
    }
}

/// The version of a file named `VERSION.schema.json`, in any directory.
pub fn version_of_file(path: &Path) -> Option<SchemaVersion> {
    version_of_name(path.file_name()?.to_str()?)
}

fn version_of_name(name: &str) -> Option<SchemaVersion> {
    name.strip_suffix(SUFFIX)?.parse().ok()
}

/// A path that [`split`] cannot read: not `<vendor>/<payload>/<MODEL-REVISION-ADDITION>.schema.json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemaPathError;

impl fmt::Display for SchemaPathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not named `<vendor>/<payload>/<MODEL-REVISION-ADDITION>{SUFFIX}`"
        )
    }
}

impl std::error::Error for SchemaPathError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::PAYLOADS;

    #[test]
    fn versions_read_back_what_they_display() {
        for version in [
            SchemaVersion::new(1, 0, 0),
            SchemaVersion::new(0, 0, 0),
            SchemaVersion::new(12, 3, 40),
            SchemaVersion::new(u32::MAX, 0, 1),
        ] {
            assert_eq!(version.to_string().parse(), Ok(version), "{version}");
        }
    }

    #[test]
    fn versions_have_one_spelling() {
        for bad in [
            "",
            "1-0",
            "1-0-0-0",
            "01-0-0",
            "1-00-0",
            "1.0.0",
            "1--0",
            "a-0-0",
            "-1-0-0",
            "+1-0-0",
            " 1-0-0",
            "1-0-0 ",
            "4294967296-0-0",
            "1-0-٣",
        ] {
            let error = bad
                .parse::<SchemaVersion>()
                .expect_err(&format!("`{bad}` is no version"));
            assert_eq!(
                error.to_string(),
                format!("`{bad}` is not a SchemaVer version (MODEL-REVISION-ADDITION, e.g. 1-0-0)")
            );
        }
    }

    #[test]
    fn every_registered_schema_path_splits_into_its_id_and_version() {
        for kind in PAYLOADS {
            let path = of(kind.id, kind.version);
            assert_eq!(split(&path), Ok((kind.id, kind.version)), "{path}");
            assert_eq!(
                version_of_file(Path::new("schemas").join(&path).as_path()),
                Some(kind.version)
            );
        }
    }

    #[test]
    fn paths_not_in_the_format_are_refused() {
        for bad in [
            "1-0-0.schema.json",
            "acme/1-0-0.schema.json",
            "acme/ping/extra/1-0-0.schema.json",
            "/ping/1-0-0.schema.json",
            "acme//1-0-0.schema.json",
            "acme/../1-0-0.schema.json",
            "./ping/1-0-0.schema.json",
            "acme/ping/1-0-0.json",
            "acme/ping/1-0.schema.json",
            "acme/ping/v1-0-0.schema.json",
        ] {
            assert_eq!(split(bad), Err(SchemaPathError), "{bad}");
        }
        assert_eq!(
            SchemaPathError.to_string(),
            "not named `<vendor>/<payload>/<MODEL-REVISION-ADDITION>.schema.json`"
        );
        assert_eq!(version_of_file(Path::new("old.schema.json")), None);
    }
}
