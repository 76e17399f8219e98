//! How a published schema file is named: `<vendor>/<payload>/<MODEL-REVISION-ADDITION>.schema.json`
//! under `schemas/`. The lock, the index and `cargo xtask diff` read a payload id and a version
//! from a file's name here, and nowhere else.

use std::fmt;
use std::path::Path;

use schema_types::SchemaVersion;

/// Reads `MODEL-REVISION-ADDITION` (`1-0-0`): three decimal numbers without leading zeros.
pub fn parse_version(text: &str) -> Option<SchemaVersion> {
    let mut numbers = text.split('-').map(|part| {
        let canonical = !part.is_empty()
            && part.bytes().all(|byte| byte.is_ascii_digit())
            && (part == "0" || !part.starts_with('0'));
        canonical.then(|| part.parse::<u32>().ok()).flatten()
    });
    let version = SchemaVersion::new(numbers.next()??, numbers.next()??, numbers.next()??);
    numbers.next().is_none().then_some(version)
}

/// The path of version `version` of payload `id`, relative to `schemas/`.
pub fn of(id: &str, version: impl fmt::Display) -> String {
    format!("{id}/{version}.schema.json")
}

/// The version of a file named `VERSION.schema.json` (in any directory).
pub fn version_of_file(path: &Path) -> Option<SchemaVersion> {
    version_of_name(path.file_name()?.to_str()?)
}

/// Splits `vendor/payload/VERSION.schema.json` (a path relative to `schemas/`) into the payload
/// id and the version.
pub fn split(path: &str) -> Option<(String, SchemaVersion)> {
    let (id, file) = path.rsplit_once('/')?;
    let version = version_of_name(file)?;
    let well_formed = id.split('/').count() == 2
        && id
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != "..");
    well_formed.then(|| (id.to_owned(), version))
}

/// The version in a file name, `VERSION.schema.json`.
fn version_of_name(name: &str) -> Option<SchemaVersion> {
    parse_version(name.strip_suffix(".schema.json")?)
}
