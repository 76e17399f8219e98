//! The verdict on one change: its effect on readers (does the new schema still accept every old
//! document? backward compatibility) and on writers (does the old schema accept every new
//! document? forward compatibility), and the bump that follows from the effect on readers.

use serde_json::{Value, json};

use super::bump::Bump;

/// How a change affects the documents of one side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Effect {
    /// Every document is still accepted.
    Compatible,
    /// Some documents may be refused; the schemas alone cannot tell whether any exist.
    MayBreak,
    /// Some documents are refused.
    Breaks,
}

impl Effect {
    /// The effect's name in the JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Self::Compatible => "compatible",
            Self::MayBreak => "may-break",
            Self::Breaks => "breaks",
        }
    }

    /// The effect in a sentence: `readers may break`.
    pub(super) fn words(self) -> &'static str {
        match self {
            Self::Compatible => "compatible",
            Self::MayBreak => "may break",
            Self::Breaks => "break",
        }
    }
}

/// The effect of a change on readers and on writers.
///
/// Readers: a validator on the new schema, given a document valid under the old one (a stored
/// document, or one from an emitter that has not upgraded). Writers: a validator still on the old
/// schema, given a document valid under the new one (from an emitter that has upgraded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Verdict {
    /// Whether the new schema accepts every old document (backward compatibility).
    pub readers: Effect,
    /// Whether the old schema accepts every new document (forward compatibility).
    pub writers: Effect,
}

impl Verdict {
    /// Both schemas accept the same documents.
    pub(super) const SAME: Self = Self::new(Effect::Compatible, Effect::Compatible);
    /// The new schema accepts more.
    pub(super) const WIDER: Self = Self::new(Effect::Compatible, Effect::Breaks);
    /// The new schema accepts less.
    pub(super) const NARROWER: Self = Self::new(Effect::Breaks, Effect::Compatible);
    /// The new schema accepts other documents.
    pub(super) const OTHER: Self = Self::new(Effect::Breaks, Effect::Breaks);
    /// The new schema may accept other documents; the diff cannot tell.
    pub(super) const UNDECIDED: Self = Self::new(Effect::MayBreak, Effect::MayBreak);

    pub(super) const fn new(readers: Effect, writers: Effect) -> Self {
        Self { readers, writers }
    }

    /// The worse of two verdicts, side by side.
    pub(super) fn worst(self, other: Self) -> Self {
        Self::new(
            self.readers.max(other.readers),
            self.writers.max(other.writers),
        )
    }

    /// The worst of many verdicts, side by side: the same documents both ways when there are none.
    pub(super) fn worst_of(verdicts: impl IntoIterator<Item = Self>) -> Self {
        verdicts.into_iter().fold(Self::SAME, Self::worst)
    }

    /// `breaking`, `compatible for readers`, `compatible for writers` or both.
    pub fn label(self) -> &'static str {
        match (
            self.readers == Effect::Compatible,
            self.writers == Effect::Compatible,
        ) {
            (true, true) => "compatible for readers and writers",
            (true, false) => "compatible for readers",
            (false, true) => "compatible for writers",
            (false, false) => "breaking",
        }
    }

    /// The SchemaVer bump a change with this verdict requires: it follows the effect on readers.
    pub fn bump(self) -> Bump {
        match self.readers {
            Effect::Compatible => Bump::Addition,
            Effect::MayBreak => Bump::Revision,
            Effect::Breaks => Bump::Model,
        }
    }

    /// The verdict in words, with the bump it requires: for one line of a report.
    pub(super) fn describe(self) -> String {
        format!(
            "{} (readers {}, writers {}) → {}",
            self.label(),
            self.readers.words(),
            self.writers.words(),
            self.bump().name()
        )
    }

    /// The verdict's members in a change's JSON.
    pub(super) fn to_json(self) -> Value {
        json!({
            "verdict": self.label(),
            "readers": self.readers.name(),
            "writers": self.writers.name(),
            "bump": self.bump().name(),
        })
    }
}
