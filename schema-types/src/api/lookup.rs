//! Looking a payload kind up by its id, with suggestions for an id that names none.

use std::fmt;

use crate::registry::{PAYLOADS, PayloadKind, find};

/// The payload kind with id `id` (`hasura/server-telemetry`, the ids of `schemas/index.json`),
/// or an error naming the nearest ids.
pub fn kind(id: &str) -> Result<&'static PayloadKind, UnknownKind> {
    find(id).ok_or_else(|| UnknownKind {
        id: id.to_owned(),
        suggestions: nearest_ids(id),
    })
}

/// An id that names no payload kind, with the ids it most resembles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKind {
    id: String,
    suggestions: Vec<&'static str>,
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
                &["appsmith/keep-alive-ping", "appsmith/server-setup-ping"],
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
            "unknown payload kind `ping`; did you mean `appsmith/keep-alive-ping` or \
             `appsmith/server-setup-ping`?"
        );
        assert_eq!(
            kind("prometheus").unwrap_err().to_string(),
            "unknown payload kind `prometheus`"
        );
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_and_substitutions() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("é", "e"), 1);
    }
}
