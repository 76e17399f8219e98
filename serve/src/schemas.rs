//! The published schemas and their index, compiled into the binary from `schemas/` (the build
//! script lists the files), served by `GET /schemas/PATH` and `GET /kinds`.
//!
//! Invariant: a schema is served byte for byte as `cargo xtask gen` wrote it, at its path under
//! `schemas/`, which is also the path of its `$id` under the base URL.

mod files {
    include!(concat!(env!("OUT_DIR"), "/schemas.rs"));
}

/// The bytes of the file at `path` under `schemas/`.
pub fn file(path: &str) -> Option<&'static [u8]> {
    files::FILES
        .binary_search_by(|(name, _)| name.cmp(&path))
        .ok()
        .map(|index| files::FILES[index].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_current_schema_is_served_at_the_path_of_its_id() {
        for kind in schema_types::PAYLOADS.iter() {
            let bytes = file(&kind.schema_path()).unwrap_or_else(|| panic!("{}", kind.id));
            let schema: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            assert_eq!(schema["$id"], kind.schema_id());
            assert!(
                kind.schema_id()
                    .ends_with(&format!("/{}", kind.schema_path()))
            );
        }
        assert!(file("index.json").is_some());
        assert!(file("../Cargo.toml").is_none());
    }
}
