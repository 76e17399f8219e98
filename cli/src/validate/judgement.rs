//! The verdict on one document of `validate`, from its bytes: with `--kind`, checked by that
//! kind's generated validator as it is read; without, its kind detected from the bytes and then
//! checked (the library's judge). No `Value` is built either way, so a document costs about its
//! bytes once.
//!
//! A document that is not JSON, one that matches no single kind and one over the size limit are
//! verdicts like any other, so one bad document never stops a run.

use schema_types::api::{self, Detection};
use schema_types::registry::PayloadKind;
use schema_types::validate::Report;

use super::Options;

/// The verdict on one document.
pub enum Judgement {
    /// Judged by a kind's validator, or refused by the parser (then `kind` is the one asked for
    /// with `--kind`, if any).
    Checked {
        kind: Option<&'static PayloadKind>,
        report: Report,
    },
    /// No `--kind`, and detection named no single kind.
    Undetected(Detection),
    /// Larger than the limit: counted, not read.
    Oversize { size: u64 },
}

impl Judgement {
    pub fn is_valid(&self) -> bool {
        matches!(self, Self::Checked { report, .. } if report.is_valid())
    }

    pub fn kind(&self) -> Option<&'static PayloadKind> {
        match self {
            Self::Checked { kind, .. } => *kind,
            _ => None,
        }
    }

    /// The kind, and the era its report was held against (`KIND@ERA`, the library's
    /// [`api::Selection`]); `""` without a kind.
    pub fn label(&self) -> String {
        match self {
            Self::Checked {
                kind: Some(kind),
                report,
            } => api::Selection::held(kind, report).to_string(),
            _ => String::new(),
        }
    }
}

/// The verdict on the document `bytes`: the one place bytes become a [`Judgement`]. With
/// `--kind`, that kind's validator reads them; without, the library's judge detects the kind from
/// the bytes and then validates them ([`api::judge_with`]): neither builds a `Value`.
pub fn judge(bytes: &[u8], options: &Options) -> Judgement {
    if let Some(selection) = options.kind {
        return Judgement::Checked {
            kind: Some(selection.kind()),
            report: selection.validate_slice_with(bytes, options.limits),
        };
    }
    match api::judge_with(bytes, options.limits) {
        api::Judgement::Checked { kind, report } => Judgement::Checked {
            kind: Some(kind),
            report,
        },
        api::Judgement::Undetected(detection) => Judgement::Undetected(detection),
        api::Judgement::Unreadable(report) => Judgement::Checked { kind: None, report },
    }
}
