//! Looking a payload kind up by its id, with suggestions for an id that names none, and a kind
//! or one of its eras by `ID` or `ID@ERA`.

use std::fmt;

use serde_json::Value;

use crate::registry::{PAYLOADS, PayloadKind, find};
use crate::validate::{Era, Limits, Report};

/// The payload kind with id `id` (`hasura/server-telemetry`, the ids of `schemas/index.json`),
/// or an error naming the nearest ids.
pub fn kind(id: &str) -> Result<&'static PayloadKind, UnknownKind> {
    find(id).ok_or_else(|| UnknownKind {
        id: id.to_owned(),
        suggestions: nearest_ids(id),
        eras: None,
    })
}

/// What separates a kind's id from an era's name in `ID@ERA`.
pub const ERA_SEPARATOR: char = '@';

/// The name that stands for a kind's documented era in `ID@ERA`, whatever its own name.
pub const DOCUMENTED: &str = "documented";

/// The kind, or one era of a kind, that `text` names: `ID` (every era of the kind),
/// `ID@ERA` (that era only) or `ID@documented` (the era the upstream page prints).
///
/// ```
/// use schema_types::api;
///
/// let strict = api::select("appsmith/backend-call-event@documented").unwrap();
/// assert_eq!(strict.to_string(), "appsmith/backend-call-event@2021");
/// assert_eq!(api::select("appsmith/backend-call-event").unwrap().era(), None);
/// assert_eq!(
///     api::select("appsmith/backend-call-event@1999").unwrap_err().to_string(),
///     "payload kind `appsmith/backend-call-event` has no era `1999`; its eras: `2021` (documented), `2023`, `2023-10`, `2024`, `2024-anonymous`, `2025`, `2025-anonymous`"
/// );
/// ```
pub fn select(text: &str) -> Result<Selection, UnknownKind> {
    let Some((id, era)) = text.split_once(ERA_SEPARATOR) else {
        return kind(text).map(|kind| Selection { kind, era: None });
    };
    let kind = kind(id)?;
    let found = if era == DOCUMENTED {
        kind.documented_era()
    } else {
        kind.era(era)
    };
    match found {
        Some(found) => Ok(Selection {
            kind,
            era: Some(found),
        }),
        None => Err(UnknownKind {
            id: kind.id.to_owned(),
            suggestions: Vec::new(),
            eras: Some((era.to_owned(), kind.eras)),
        }),
    }
}

/// A payload kind, or one era of it: what a document is checked as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    kind: &'static PayloadKind,
    era: Option<&'static Era>,
}

impl Selection {
    /// The kind as a whole: every era of it.
    pub fn of(kind: &'static PayloadKind) -> Self {
        Self { kind, era: None }
    }

    /// One era of the kind.
    pub fn of_era(kind: &'static PayloadKind, era: &'static Era) -> Self {
        Self {
            kind,
            era: Some(era),
        }
    }

    /// The kind and the era a report of it was held against ([`Report::era`]): what the
    /// verdict on a document names (`appsmith/backend-call-event@2023`).
    pub fn held(kind: &'static PayloadKind, report: &Report) -> Self {
        Self {
            kind,
            era: report.era().and_then(|name| kind.era(name)),
        }
    }

    /// The kind.
    pub fn kind(&self) -> &'static PayloadKind {
        self.kind
    }

    /// The era, when one era only is selected.
    pub fn era(&self) -> Option<&'static Era> {
        self.era
    }

    /// Checks a parsed document as the selection: the kind (every era), or the one era.
    pub fn validate_with(&self, document: &Value, limits: Limits) -> Report {
        match self.era {
            Some(era) => era.validate_with(document, limits),
            None => self.kind.validate_with(document, limits),
        }
    }

    /// Checks a document given as bytes as the selection.
    pub fn validate_slice_with(&self, bytes: &[u8], limits: Limits) -> Report {
        match self.era {
            Some(era) => era.validate_slice_with(bytes, limits),
            None => self.kind.validate_slice_with(bytes, limits),
        }
    }
}

/// `ID`, or `ID@ERA` for one era.
impl fmt::Display for Selection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.id)?;
        if let Some(era) = self.era {
            write!(f, "{ERA_SEPARATOR}{}", era.name())?;
        }
        Ok(())
    }
}

/// An id that names no payload kind, with the ids it most resembles; or an era that a kind does
/// not have, with the eras it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKind {
    id: String,
    suggestions: Vec<&'static str>,
    /// For an unknown era: the era asked for and the kind's eras.
    eras: Option<(String, &'static [Era])>,
}

impl UnknownKind {
    /// The id asked for.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The known ids nearest to it, nearest first (at most three; empty when none is close).
    pub fn suggestions(&self) -> &[&'static str] {
        &self.suggestions
    }
}

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((era, eras)) = &self.eras {
            write!(f, "payload kind `{}` has no era `{era}`", self.id)?;
            if eras.is_empty() {
                return f.write_str(" (it has one shape: name it without `@`)");
            }
            f.write_str("; its eras: ")?;
            for (index, known) in eras.iter().enumerate() {
                let separator = if index == 0 { "" } else { ", " };
                let documented = if known.is_documented() {
                    " (documented)"
                } else {
                    ""
                };
                write!(f, "{separator}`{}`{documented}", known.name())?;
            }
            return Ok(());
        }
        write!(f, "unknown payload kind `{}`", self.id)?;
        if let Some((last, first)) = self.suggestions.split_last() {
            f.write_str("; did you mean ")?;
            for (index, suggestion) in first.iter().enumerate() {
                let separator = if index == 0 { "" } else { ", " };
                write!(f, "{separator}`{suggestion}`")?;
            }
            let separator = if first.is_empty() { "" } else { " or " };
            write!(f, "{separator}`{last}`?")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownKind {}

/// The ids close to `id`: those fewest edits away from the whole id or from its payload name
/// (the part after `vendor/`), when that is only a few edits; otherwise those that contain it.
/// Nearest first, at most three.
fn nearest_ids(id: &str) -> Vec<&'static str> {
    let wanted = id.trim().to_lowercase();
    let threshold = (wanted.chars().count() / 4).max(2);
    let mut scored: Vec<(usize, usize, &'static str)> = PAYLOADS
        .iter()
        .enumerate()
        .map(|(order, kind)| {
            let name = kind.id.split_once('/').map_or(kind.id, |(_, name)| name);
            let distance = edit_distance(&wanted, kind.id).min(edit_distance(&wanted, name));
            (distance, order, kind.id)
        })
        .collect();
    scored.sort_unstable();
    let nearest = scored[0].0;
    let close: Vec<&'static str> = if nearest <= threshold {
        scored
            .iter()
            .take_while(|(distance, _, _)| *distance == nearest)
            .map(|&(_, _, id)| id)
            .collect()
    } else if wanted.chars().count() >= 3 {
        scored
            .iter()
            .filter(|(_, _, id)| id.contains(wanted.as_str()))
            .map(|&(_, _, id)| id)
            .collect()
    } else {
        Vec::new()
    };
    close.into_iter().take(3).collect()
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, a_char) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, b_char) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_char != *b_char);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_finds_every_registered_id() {
        for payload in PAYLOADS {
            assert_eq!(kind(payload.id).unwrap().id, payload.id);
        }
    }

    #[test]
    fn kind_suggests_the_nearest_id() {
        let cases: &[(&str, &[&str])] = &[
            ("hasura/server-telemetri", &["hasura/server-telemetry"]),
            ("server-telemetry", &["hasura/server-telemetry"]),
            ("HASURA/CLI-CONFIG", &["hasura/cli-config"]),
            ("appsmith/usage-pulses", &["appsmith/usage-pulse"]),
            ("appsmith/navigaton-event", &["appsmith/navigation-event"]),
            (
                "ping",
                &[
                    "appsmith/keep-alive-ping",
                    "appsmith/server-setup-ping",
                    "appsmith/instance-stats-ping",
                ],
            ),
            ("prometheus", &[]),
            ("", &[]),
        ];
        for (asked, expected) in cases {
            let error = kind(asked).unwrap_err();
            assert_eq!(error.id(), *asked);
            assert_eq!(error.suggestions(), *expected, "for {asked:?}");
        }
    }

    #[test]
    fn unknown_kind_messages_read_as_one_sentence() {
        assert_eq!(
            kind("hasura/server-telemetri").unwrap_err().to_string(),
            "unknown payload kind `hasura/server-telemetri`; did you mean `hasura/server-telemetry`?"
        );
        assert_eq!(
            kind("ping").unwrap_err().to_string(),
            "unknown payload kind `ping`; did you mean `appsmith/keep-alive-ping`, \
             `appsmith/server-setup-ping` or `appsmith/instance-stats-ping`?"
        );
        assert_eq!(
            kind("prometheus").unwrap_err().to_string(),
            "unknown payload kind `prometheus`"
        );
    }

    #[test]
    fn a_selection_names_a_kind_or_one_of_its_eras() {
        let whole = select("appsmith/backend-call-event").unwrap();
        assert_eq!(
            (whole.kind().id, whole.era()),
            ("appsmith/backend-call-event", None)
        );
        let era = select("appsmith/backend-call-event@2023").unwrap();
        assert_eq!(era.era().map(Era::name), Some("2023"));
        assert_eq!(era.to_string(), "appsmith/backend-call-event@2023");
        assert_eq!(
            select("hasura/cli-config@2021").unwrap_err().to_string(),
            "payload kind `hasura/cli-config` has no era `2021` (it has one shape: name it \
             without `@`)"
        );
        assert_eq!(
            select("hasura/server-telemetri@2021")
                .unwrap_err()
                .to_string(),
            "unknown payload kind `hasura/server-telemetri`; did you mean `hasura/server-telemetry`?"
        );
        for kind in PAYLOADS {
            for era in kind.eras {
                let text = format!("{}@{}", kind.id, era.name());
                assert_eq!(select(&text).unwrap().to_string(), text);
            }
        }
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_and_substitutions() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("é", "e"), 1);
    }
}
