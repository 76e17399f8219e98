//! The report of one comparison: every change in the order of the walk, the overall verdict and
//! the bump it requires, rendered for people (`render`, and `summary` for the lock's messages)
//! and for programs (`to_json`, the output of `--format json` and what the case folders check).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::bump::Bump;
use super::change::{Change, ChangeKind};
use super::verdict::Verdict;

/// Every change between two schemas, in the order of the walk.
#[derive(Clone, Debug, Default)]
pub struct Comparison {
    /// The changes.
    pub changes: Vec<Change>,
}

impl Comparison {
    /// The worst verdict of all changes (compatible both ways when there are none).
    pub fn verdict(&self) -> Verdict {
        Verdict::worst_of(self.changes.iter().map(|change| change.verdict))
    }

    /// The smallest bump that publishes the new schema as a later version of the old one.
    pub fn required_bump(&self) -> Bump {
        self.changes
            .iter()
            .map(|change| change.verdict.bump())
            .max()
            .unwrap_or(Bump::None)
    }

    /// Whether both schemas accept exactly the same documents.
    pub fn accepts_same_documents(&self) -> bool {
        self.verdict() == Verdict::SAME
    }

    /// The report as JSON: the changes, the overall verdict and the required bump.
    pub fn to_json(&self) -> Value {
        let verdict = self.verdict();
        json!({
            "changes": self.changes.iter().map(Change::to_json).collect::<Vec<_>>(),
            "verdict": verdict.label(),
            "readers": verdict.readers.name(),
            "writers": verdict.writers.name(),
            "accepts_same_documents": self.accepts_same_documents(),
            "required_bump": self.required_bump().name(),
        })
    }

    /// Why the required bump is what it is, in one sentence.
    pub fn bump_reason(&self) -> &'static str {
        match self.required_bump() {
            Bump::None => "the schemas are the same apart from their `$id`",
            Bump::Addition if self.accepts_same_documents() => {
                "the schemas accept the same documents, but a published file never changes: any change to its bytes is a new version, at least an ADDITION"
            }
            Bump::Addition => "every document valid under the old version stays valid",
            Bump::Revision => {
                "some documents valid under the old version may be refused by the new one (the changes that may break readers)"
            }
            Bump::Model => "some documents valid under the old version are refused by the new one",
        }
    }

    /// One line per change, for messages; annotation changes are counted by what changed.
    pub fn summary(&self, indent: &str) -> String {
        let mut text = String::new();
        let mut annotations: BTreeMap<&str, usize> = BTreeMap::new();
        for change in &self.changes {
            if change.kind == ChangeKind::AnnotationChanged {
                *annotations.entry(change.detail.as_str()).or_default() += 1;
                continue;
            }
            let _ = writeln!(
                text,
                "{indent}{} at {}: {}: {}",
                change.kind.name(),
                shown_path(&change.path),
                change.detail,
                change.verdict.describe()
            );
        }
        if !annotations.is_empty() {
            let counted: Vec<String> = annotations
                .iter()
                .map(|(detail, count)| format!("{detail} ({count}×)"))
                .collect();
            let _ = writeln!(
                text,
                "{indent}annotation-changed: {}: {}",
                counted.join(", "),
                Verdict::SAME.describe()
            );
        }
        text
    }

    /// The report for people: every change with its verdict, then the verdict and the bump.
    pub fn render(&self, old_label: &str, new_label: &str) -> String {
        let mut text = format!("{old_label} → {new_label}\n");
        if self.changes.is_empty() {
            text.push_str("no change\n");
        } else {
            let _ = writeln!(text, "{} change(s):", self.changes.len());
        }
        for change in &self.changes {
            let _ = writeln!(
                text,
                "\n  {}  {}\n    {}\n    at {}",
                change.kind.name(),
                shown_path(&change.path),
                change.detail,
                change.location
            );
            match &change.content_model {
                Some((model, otherwise)) => {
                    let _ = writeln!(
                        text,
                        "    {} object: {}",
                        model.name(),
                        change.verdict.describe()
                    );
                    for (model, verdict) in otherwise {
                        let _ = writeln!(
                            text,
                            "    if the object were {}: {}",
                            model.name(),
                            verdict.describe()
                        );
                    }
                }
                None => {
                    let _ = writeln!(text, "    {}", change.verdict.describe());
                }
            }
        }
        let verdict = self.verdict();
        let _ = writeln!(
            text,
            "\nverdict: {} (readers {}, writers {})",
            verdict.label(),
            verdict.readers.words(),
            verdict.writers.words()
        );
        let _ = writeln!(
            text,
            "required bump: {}: {}",
            self.required_bump().name(),
            self.bump_reason()
        );
        text
    }
}

/// A change's document path, with a name for the document itself.
fn shown_path(path: &str) -> &str {
    if path.is_empty() { "(document)" } else { path }
}
