//! `--stats`: what a team watching its intake reads first, at the end of a run: how many
//! documents of each kind were valid and invalid, and the most frequent violations, grouped by
//! kind, rule and pointer (and member, for a missing or unknown one), each with its count and
//! the first document where it was found.
//!
//! Each batch of documents counts into its own [`Stats`], and the batches' stats are merged in
//! input order, so the example of a group is its first occurrence in the input and the figures
//! are the same whatever the number of jobs.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use schema_types::api::Detection;
use schema_types::validate::{Rule, Violation};
use serde::Serialize;

use super::judgement::Judgement;
use crate::output::printable;

/// How many groups of violations are listed, the most frequent first.
pub const MOST_FREQUENT: usize = 10;

/// Where a document is counted in the table of kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Group {
    /// Judged as this kind (detected, or given with `--kind`).
    Kind(&'static str),
    /// No `--kind`, and detection named no single kind: `unknown` or `ambiguous`.
    Undetected(&'static str),
    /// No `--kind`, and the bytes are not one JSON document within the size limit.
    Unreadable,
}

/// Valid and invalid documents of a group.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    valid: u64,
    invalid: u64,
}

/// A group of violations: the kind of its documents (none when no kind was detected), the rule,
/// the pointer and the member.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Key {
    kind: Option<&'static str>,
    rule: Rule,
    pointer: String,
    member: Option<String>,
}

/// How often a group was found, and where first: the input's index and the document's line.
#[derive(Clone, Copy, Debug)]
struct Found {
    count: u64,
    input: usize,
    line: usize,
}

/// The figures of a run, or of one batch of it.
#[derive(Debug, Default)]
pub struct Stats {
    kinds: BTreeMap<Group, Counts>,
    violations: HashMap<Key, Found>,
}

impl Stats {
    /// Counts one document: its group, and each violation kept in its report (`violations`, as
    /// printed).
    pub fn count(
        &mut self,
        input: usize,
        line: usize,
        judgement: &Judgement,
        violations: &[Violation],
    ) {
        let kind = judgement.kind().map(|kind| kind.id);
        let group = match (judgement, kind) {
            (_, Some(id)) => Group::Kind(id),
            (Judgement::Undetected(Detection::Ambiguous(_)), None) => {
                Group::Undetected("ambiguous")
            }
            (Judgement::Undetected(_), None) => Group::Undetected("unknown"),
            (_, None) => Group::Unreadable,
        };
        let counts = self.kinds.entry(group).or_default();
        if judgement.is_valid() {
            counts.valid += 1;
        } else {
            counts.invalid += 1;
        }
        for violation in violations {
            let key = Key {
                kind,
                rule: violation.rule,
                pointer: violation.pointer.clone(),
                member: violation.member.clone(),
            };
            self.violations
                .entry(key)
                .or_insert(Found {
                    count: 0,
                    input,
                    line,
                })
                .count += 1;
        }
    }

    /// Adds the figures of the batch that follows; a group's example stays the earlier one.
    pub fn merge(&mut self, later: Self) {
        for (group, counts) in later.kinds {
            let total = self.kinds.entry(group).or_default();
            total.valid += counts.valid;
            total.invalid += counts.invalid;
        }
        for (key, found) in later.violations {
            self.violations
                .entry(key)
                .and_modify(|earlier| earlier.count += found.count)
                .or_insert(found);
        }
    }

    /// The groups of violations, the most frequent first (ties in the order of kind, rule,
    /// pointer and member), at most [`MOST_FREQUENT`].
    fn most_frequent(&self) -> Vec<(&Key, &Found)> {
        let mut groups: Vec<(&Key, &Found)> = self.violations.iter().collect();
        groups.sort_unstable_by(|(a_key, a), (b_key, b)| {
            b.count.cmp(&a.count).then_with(|| a_key.cmp(b_key))
        });
        groups.truncate(MOST_FREQUENT);
        groups
    }

    /// The figures as text: a table of kinds, then the most frequent violations. `names` are the
    /// inputs' names as printed.
    pub fn write_human(&self, out: &mut Vec<u8>, names: &[String]) {
        let documents: u64 = self.kinds.values().map(|c| c.valid + c.invalid).sum();
        let _ = writeln!(out, "stats: {documents} documents");
        let _ = writeln!(
            out,
            "  {:>10} {:>10} {:>10}  kind",
            "documents", "valid", "invalid"
        );
        for (group, counts) in &self.kinds {
            let label = match group {
                Group::Kind(id) => (*id).to_owned(),
                Group::Undetected(verdict) => format!("({verdict} kind)"),
                Group::Unreadable => "(not one JSON document within the size limit)".to_owned(),
            };
            let _ = writeln!(
                out,
                "  {:>10} {:>10} {:>10}  {label}",
                counts.valid + counts.invalid,
                counts.valid,
                counts.invalid
            );
        }
        let groups = self.most_frequent();
        if groups.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "most frequent violations ({} of {} groups by kind, rule and pointer):",
            groups.len(),
            self.violations.len()
        );
        let _ = writeln!(out, "  {:>10}  kind: rule: pointer (first at)", "count");
        for (key, found) in groups {
            let kind = key.kind.unwrap_or("(no kind)");
            let pointer = if key.pointer.is_empty() {
                "(document)"
            } else {
                &key.pointer
            };
            let member = key
                .member
                .as_deref()
                .map(|member| format!(" `{}`", printable(member)))
                .unwrap_or_default();
            let file = names.get(found.input).map_or("", String::as_str);
            let _ = writeln!(
                out,
                "  {:>10}  {kind}: {}: {}{member} ({file}:{})",
                found.count,
                key.rule,
                printable(pointer),
                found.line
            );
        }
    }

    /// The figures as one JSON object, `{"stats": {...}}`, and a line feed. `names` are the
    /// inputs' names.
    pub fn write_json(&self, out: &mut Vec<u8>, names: &[String]) {
        #[derive(Serialize)]
        struct KindLine {
            kind: Option<&'static str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            detection: Option<&'static str>,
            documents: u64,
            valid: u64,
            invalid: u64,
        }
        #[derive(Serialize)]
        struct Example<'a> {
            file: &'a str,
            line: usize,
        }
        #[derive(Serialize)]
        struct ViolationLine<'a> {
            kind: Option<&'static str>,
            rule: Rule,
            pointer: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            member: Option<&'a str>,
            count: u64,
            example: Example<'a>,
        }
        #[derive(Serialize)]
        struct Figures<'a> {
            documents: u64,
            kinds: Vec<KindLine>,
            violation_groups: usize,
            violations: Vec<ViolationLine<'a>>,
        }
        #[derive(Serialize)]
        struct Line<'a> {
            stats: Figures<'a>,
        }
        let kinds: Vec<KindLine> = self
            .kinds
            .iter()
            .map(|(group, counts)| {
                let (kind, detection) = match group {
                    Group::Kind(id) => (Some(*id), None),
                    Group::Undetected(verdict) => (None, Some(*verdict)),
                    Group::Unreadable => (None, Some("unreadable")),
                };
                KindLine {
                    kind,
                    detection,
                    documents: counts.valid + counts.invalid,
                    valid: counts.valid,
                    invalid: counts.invalid,
                }
            })
            .collect();
        let violations = self
            .most_frequent()
            .into_iter()
            .map(|(key, found)| ViolationLine {
                kind: key.kind,
                rule: key.rule,
                pointer: &key.pointer,
                member: key.member.as_deref(),
                count: found.count,
                example: Example {
                    file: names.get(found.input).map_or("", String::as_str),
                    line: found.line,
                },
            })
            .collect();
        let line = Line {
            stats: Figures {
                documents: kinds.iter().map(|kind| kind.documents).sum(),
                kinds,
                violation_groups: self.violations.len(),
                violations,
            },
        };
        // Serialising plain structs of strings and numbers into a `Vec` cannot fail.
        let _ = serde_json::to_writer(&mut *out, &line);
        out.push(b'\n');
    }
}
