//! `schemas/index.json`: one entry for every published schema file, the current version of each
//! payload and every archived one. [`entry`] builds every entry from the file's own document, so
//! all entries have one shape and an archived version carries the catalog (`x-telemetry`) it was
//! published with, not today's. The schemas of the receiver's answers (`serve/...`, which have
//! no catalog) are listed apart, under `answers`, each entry made by [`answer_entry`].

use schema_types::api::answers;
use schema_types::{catalog, schema_path};
use serde_json::{Value, json};

/// The index of the published schema files, each as (path relative to `schemas/`, document):
/// `current` payloads in the registry's order, each archived version before the current version
/// of its payload, and an archived version whose payload has no current one at the end; then the
/// `answers` the same way.
pub fn document(
    current: &[(String, Value)],
    answers: &[(String, Value)],
    archived: &[(String, Value)],
) -> Result<Value, String> {
    let is_answer = |path: &str| {
        path.split_once('/')
            .is_some_and(|(vendor, _)| vendor == answers::VENDOR)
    };
    let (archived_answers, archived_payloads): (Vec<_>, Vec<_>) = archived
        .iter()
        .cloned()
        .partition(|(path, _)| is_answer(path));
    let payloads = in_order(current, &archived_payloads, entry)?;
    let answers = in_order(answers, &archived_answers, answer_entry)?;
    Ok(json!({ "payloads": payloads, "answers": answers }))
}

/// The entries of `current` in order, each archived version before the current version of its
/// id, and the archived versions of no current id at the end.
fn in_order(
    current: &[(String, Value)],
    archived: &[(String, Value)],
    entry: fn(&str, &Value) -> Result<Value, String>,
) -> Result<Vec<Value>, String> {
    let mut archived = archived
        .iter()
        .map(|(path, schema)| entry(path, schema))
        .collect::<Result<Vec<_>, _>>()?;
    let mut entries = Vec::new();
    for (path, schema) in current {
        let item = entry(path, schema)?;
        let (earlier, later): (Vec<_>, Vec<_>) = archived
            .into_iter()
            .partition(|older| older["id"] == item["id"]);
        entries.extend(earlier);
        entries.push(item);
        archived = later;
    }
    entries.extend(archived);
    Ok(entries)
}

/// The entry of the answer schema file at `path` (relative to `schemas/`): the answer's id and
/// version (from the path), the path and the title.
pub fn answer_entry(path: &str, schema: &Value) -> Result<Value, String> {
    let (id, version) =
        schema_path::split(path).map_err(|error| format!("schemas/{path}: {error}"))?;
    let title = schema["title"]
        .as_str()
        .ok_or_else(|| format!("schemas/{path}: no `title`"))?;
    Ok(json!({
        "id": id,
        "version": version.to_string(),
        "path": path,
        "title": title,
    }))
}

/// The entry of the schema file at `path` (relative to `schemas/`) whose document is `schema`:
/// the payload id and the version (from the path), the path, the title, the product (the id's
/// vendor) and `telemetry`, the document's own `x-telemetry`.
pub fn entry(path: &str, schema: &Value) -> Result<Value, String> {
    let mut entry = answer_entry(path, schema)?;
    let telemetry = schema
        .get(catalog::KEYWORD)
        .filter(|telemetry| telemetry.is_object())
        .ok_or_else(|| format!("schemas/{path}: no `{}` object", catalog::KEYWORD))?;
    let (product, _) = entry["id"]
        .as_str()
        .and_then(|id| id.split_once('/'))
        .expect("a payload id is `<vendor>/<payload>`");
    let product = Value::from(product);
    let fields = entry.as_object_mut().expect("an entry is an object");
    fields.insert("product".to_owned(), product);
    fields.insert("telemetry".to_owned(), telemetry.clone());
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_file;

    fn schema(title: &str, section: &str) -> Value {
        json!({
            "title": title,
            "x-telemetry": {"layer": "payload", "section": section},
            "type": "object",
        })
    }

    fn published(path: &str, title: &str, section: &str) -> (String, Value) {
        (path.to_owned(), schema(title, section))
    }

    #[test]
    fn an_archived_version_stands_before_the_current_one_with_its_own_catalog() {
        let current = [
            published("other/thing/1-0-0.schema.json", "Other thing", "now"),
            published("acme/ping/2-0-0.schema.json", "Acme ping", "now"),
        ];
        let archived = [
            published("acme/ping/1-0-0.schema.json", "Acme ping, first", "then"),
            published("gone/away/1-0-0.schema.json", "Gone away", "then"),
        ];
        let index = document(&current, &[], &archived).expect("indexed");
        let payloads = index["payloads"].as_array().expect("payloads");
        let listed: Vec<(&str, &str)> = payloads
            .iter()
            .map(|entry| {
                (
                    entry["id"].as_str().unwrap_or_default(),
                    entry["version"].as_str().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            listed,
            [
                ("other/thing", "1-0-0"),
                ("acme/ping", "1-0-0"),
                ("acme/ping", "2-0-0"),
                ("gone/away", "1-0-0"),
            ]
        );
        assert_eq!(
            payloads[1],
            json!({
                "id": "acme/ping",
                "version": "1-0-0",
                "path": "acme/ping/1-0-0.schema.json",
                "title": "Acme ping, first",
                "product": "acme",
                "telemetry": {"layer": "payload", "section": "then"},
            })
        );
    }

    #[test]
    fn answers_are_listed_apart_with_their_archived_versions_first() {
        let answer = |path: &str, title: &str| (path.to_owned(), json!({"title": title}));
        let current = [published("acme/ping/1-0-0.schema.json", "Acme ping", "now")];
        let answers = [answer("serve/summary/2-0-0.schema.json", "Summary")];
        let archived = [answer("serve/summary/1-0-0.schema.json", "Summary, first")];
        let index = document(&current, &answers, &archived).expect("indexed");
        assert_eq!(index["payloads"].as_array().map(Vec::len), Some(1));
        assert_eq!(
            index["answers"],
            json!([
                {"id": "serve/summary", "version": "1-0-0",
                 "path": "serve/summary/1-0-0.schema.json", "title": "Summary, first"},
                {"id": "serve/summary", "version": "2-0-0",
                 "path": "serve/summary/2-0-0.schema.json", "title": "Summary"},
            ])
        );
    }

    #[test]
    fn a_schema_without_its_catalog_or_title_is_refused() {
        let path = "acme/ping/1-0-0.schema.json";
        let problem = entry(path, &json!({"title": "Acme ping"})).expect_err("no catalog");
        assert!(problem.contains("no `x-telemetry` object"), "{problem}");
        let problem = entry(path, &json!({"x-telemetry": {}})).expect_err("no title");
        assert!(problem.contains("no `title`"), "{problem}");
    }

    /// The checked-in index: every entry has the same members in the same order, and its
    /// `telemetry` is the `x-telemetry` of its own file.
    #[test]
    fn every_checked_in_entry_has_one_shape_and_its_files_catalog() {
        let schemas = crate::workspace_root().join("schemas");
        let index = json_file::read(&schemas.join("index.json")).expect("schemas/index.json");
        let payloads = index["payloads"].as_array().expect("payloads");
        assert!(!payloads.is_empty(), "an empty index");
        for item in payloads {
            let members: Vec<&str> = item
                .as_object()
                .expect("an entry is an object")
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(
                members,
                ["id", "version", "path", "title", "product", "telemetry"],
                "{item}"
            );
            let path = item["path"].as_str().expect("a path");
            let file = json_file::read(&schemas.join(path)).expect("an indexed file");
            assert_eq!(item["telemetry"], file[catalog::KEYWORD], "{path}");
        }
    }
}
