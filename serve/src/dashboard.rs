//! `GET /`: a page for people, written by the binary (no front-end build): the documents per
//! kind with the share invalid, the most frequent violations, and the latest invalid documents
//! with their violations. It reloads itself when a new document is stored (a long poll on
//! `/api/wait`, not a timer).
//!
//! Invariant: unless the receiver was started with `--show-values`, the page shows no value of a
//! member whose privacy class can point at a person or a machine (`schema_types::privacy`), nor
//! any value at a place the kind's schema does not classify: such a violation says what kind of
//! value was found (`a string`), as a masked report does.

use std::collections::HashMap;
use std::fmt::Write as _;

use schema_types::privacy::{self, Identifies, Inventory};
use schema_types::registry;
use serde_json::Value;

use crate::store::{Filter, Store, StoreError, Stored};

/// How many violations and documents the page lists.
const LISTED: usize = 10;

/// `text` escaped for HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(character),
        }
    }
    out
}

/// Whether the concrete `pointer` is an instance of the inventory's `template` (`*` for an array
/// item, `{name}` for any member of an open map).
fn matches(template: &str, pointer: &str) -> bool {
    let (mut template, mut pointer) = (template.split('/'), pointer.split('/'));
    loop {
        match (template.next(), pointer.next()) {
            (None, None) => return true,
            (Some(expected), Some(token)) => {
                let any_item = expected == "*" && token.bytes().all(|byte| byte.is_ascii_digit());
                let any_member = expected.starts_with('{') && expected.ends_with('}');
                if !(expected == token || any_item || any_member) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// Whether a value at `pointer` of a document of the inventory's kind may be shown: its class
/// points at neither a person nor a machine.
fn shown(inventory: Option<&Inventory>, pointer: &str) -> bool {
    let Some(inventory) = inventory else {
        return false;
    };
    inventory
        .members
        .iter()
        .filter(|member| matches(&member.pointer, pointer))
        .map(|member| member.identifies)
        .next_back()
        .is_some_and(|identifies| {
            !matches!(
                identifies,
                Identifies::Person | Identifies::PersonOrMachine | Identifies::Machine
            )
        })
}

/// The page.
pub async fn page(store: &Store, show_values: bool) -> Result<String, StoreError> {
    let counts = store.counts().await?;
    let top = store.top_violations(LISTED).await?;
    let invalid = Filter {
        valid: Some(false),
        ..Filter::default()
    };
    let latest = store.latest(&invalid, LISTED).await?;
    let total: u64 = counts.iter().map(|count| count.documents).sum();

    let mut html = String::new();
    html.push_str(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>telemetry-spec serve</title>\
         <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}\
         td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}\
         .invalid{color:#a00}code{font-size:90%}</style></head><body>\n",
    );
    let _ = writeln!(
        html,
        "<h1>telemetry-spec serve</h1>\n<p id=\"total\" data-total=\"{total}\">{total} documents</p>"
    );

    html.push_str("<h2>Kinds</h2>\n<table id=\"kinds\"><tr><th>kind</th><th>version</th><th>documents</th><th>invalid</th></tr>\n");
    let mut per_kind: Vec<(String, String, u64, u64)> = Vec::new();
    for count in &counts {
        let kind = count.kind.clone().unwrap_or_else(|| "(no kind)".to_owned());
        let version = count.version.clone().unwrap_or_default();
        let entry = match per_kind
            .iter_mut()
            .find(|entry| entry.0 == kind && entry.1 == version)
        {
            Some(entry) => entry,
            None => {
                per_kind.push((kind, version, 0, 0));
                per_kind.last_mut().expect("just pushed")
            }
        };
        entry.2 += count.documents;
        if !count.valid {
            entry.3 += count.documents;
        }
    }
    for (kind, version, documents, invalid) in &per_kind {
        let share = if *documents == 0 {
            0.0
        } else {
            *invalid as f64 * 100.0 / *documents as f64
        };
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{documents}</td><td>{invalid} ({share:.0}%)</td></tr>",
            escape(kind),
            escape(version)
        );
    }
    html.push_str("</table>\n");

    html.push_str("<h2>Most frequent violations</h2>\n<table id=\"violations\"><tr><th>rule</th><th>pointer</th><th>documents</th></tr>\n");
    for (rule, pointer, count) in &top {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td><code>{}</code></td><td>{count}</td></tr>",
            escape(rule),
            escape(pointer)
        );
    }
    html.push_str("</table>\n");

    html.push_str("<h2>Latest invalid documents</h2>\n<ol id=\"latest\">\n");
    let mut inventories: HashMap<String, Option<Inventory>> = HashMap::new();
    for document in &latest {
        latest_item(&mut html, document, show_values, &mut inventories);
    }
    html.push_str("</ol>\n");
    // Reloads once a document more than shown is stored.
    let _ = writeln!(
        html,
        "<script>fetch('/api/wait?count={}&timeout=600').then(function (answer) {{ \
         if (answer.ok) {{ location.reload(); }} }});</script>",
        total + 1
    );
    html.push_str("</body></html>\n");
    Ok(html)
}

/// One invalid document: when, where, its kind, and each violation (values masked as the
/// module says).
fn latest_item(
    html: &mut String,
    document: &Stored,
    show_values: bool,
    inventories: &mut HashMap<String, Option<Inventory>>,
) {
    let kind = document.kind.as_deref().and_then(registry::find);
    let inventory = kind.and_then(|kind| {
        inventories
            .entry(kind.id.to_owned())
            .or_insert_with(|| privacy::inventory(kind).ok())
            .as_ref()
    });
    let verdict: Value = serde_json::from_str(&document.verdict).unwrap_or(Value::Null);
    let _ = writeln!(
        html,
        "<li class=\"invalid\" data-id=\"{}\"><b>{}</b> on <code>{}</code>",
        document.id,
        escape(document.kind.as_deref().unwrap_or("(no kind)")),
        escape(&document.endpoint)
    );
    if let Some(message) = verdict["detection"]["message"].as_str() {
        let _ = writeln!(html, "<p>{}</p>", escape(message));
    }
    // The masked text of each violation, from the kind's own masked report.
    let masked = kind.map(|kind| kind.validate_slice(&document.body).masked());
    html.push_str("<ul>\n");
    let violations = verdict["report"]["violations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for (index, violation) in violations.iter().enumerate() {
        let pointer = violation["pointer"].as_str().unwrap_or_default();
        let found = if show_values || shown(inventory, pointer) {
            violation["found"].as_str().unwrap_or_default().to_owned()
        } else {
            masked
                .as_ref()
                .and_then(|report| report.violations().get(index))
                .filter(|masked| masked.pointer == pointer)
                .map_or_else(
                    || "a value (masked)".to_owned(),
                    |masked| masked.found.clone(),
                )
        };
        let _ = writeln!(
            html,
            "<li class=\"violation\"><code>{}</code>: {}: expected {}, found <span class=\"found\">{}</span></li>",
            escape(if pointer.is_empty() {
                "(document)"
            } else {
                pointer
            }),
            escape(violation["rule"].as_str().unwrap_or_default()),
            escape(violation["expected"].as_str().unwrap_or_default()),
            escape(&found)
        );
    }
    html.push_str("</ul></li>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_match_their_templates() {
        assert!(matches("/usageData/*/user", "/usageData/12/user"));
        assert!(!matches("/usageData/*/user", "/usageData/x/user"));
        assert!(matches("/labels/{name}", "/labels/anything"));
        assert!(!matches("/properties/email", "/properties/email/0"));
        assert!(!matches("/properties/email", "/properties"));
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn a_contact_is_masked_and_a_version_shown() {
        let kind = registry::find("appsmith/server-setup-ping").unwrap();
        let inventory = privacy::inventory(kind).unwrap();
        assert!(!shown(Some(&inventory), "/properties/email"));
        assert!(shown(Some(&inventory), "/properties/version"));
        assert!(!shown(Some(&inventory), "/properties/not-declared"));
        assert!(!shown(None, "/properties/version"));
    }
}
