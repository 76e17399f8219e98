//! [`Pattern`]: a `pattern` constraint, matched without a regex engine when it is simple.
//!
//! The patterns of these payloads are anchored sequences of character classes and literals with
//! fixed counts (`^[0-9a-f]{8}-[0-9a-f]{4}-...$`, `^[A-Z]{2}$`). On an ingestion hot path a
//! general regex engine costs more than the rest of a document's checks, so such a pattern is
//! compiled once into a table of byte sets and counts; anything else falls back to the `regex`
//! crate. Both give the same verdicts (a test compares them).

/// A compiled `pattern`.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    matcher: Matcher,
}

#[derive(Debug)]
enum Matcher {
    /// Anchored at both ends, every count fixed: the length of every match, and for each piece
    /// its count and the table of the bytes it accepts.
    Fixed {
        length: usize,
        runs: Vec<(usize, [bool; 256])>,
    },
    /// Anchored at both ends: each piece matches from `min` to `max` characters of its set.
    Simple(Vec<Piece>),
    Regex(regex::Regex),
}

#[derive(Debug)]
struct Piece {
    /// Which ASCII bytes the piece accepts, one bit per byte value.
    set: u128,
    min: usize,
    max: usize,
}

impl Pattern {
    /// Compiles `source`. A source that is not a valid regular expression never reaches here:
    /// the derive checks every pattern when it runs.
    pub fn new(source: &'static str) -> Self {
        let matcher = match simple(source) {
            Some(pieces) if pieces.iter().all(|piece| piece.min == piece.max) => {
                let runs = pieces
                    .iter()
                    .map(|piece| (piece.min, table(piece.set)))
                    .collect();
                let length = pieces.iter().map(|piece| piece.min).sum();
                Matcher::Fixed { length, runs }
            }
            Some(pieces) => Matcher::Simple(pieces),
            None => {
                Matcher::Regex(regex::Regex::new(source).expect("the derive checked this pattern"))
            }
        };
        Self { source, matcher }
    }

    /// The pattern's source text.
    pub fn as_str(&self) -> &'static str {
        self.source
    }

    /// Whether `text` matches, as JSON Schema's `pattern` says (a search, here anchored).
    #[inline]
    pub fn is_match(&self, text: &str) -> bool {
        match &self.matcher {
            Matcher::Fixed { length, runs } => {
                let bytes = text.as_bytes();
                if bytes.len() != *length {
                    return false;
                }
                // One table per run, so the inner loop loads one byte and one table entry; it
                // runs to the run's end without a branch per byte (`&`, not `&&`), which costs
                // less than leaving at the first refused byte: most texts checked match.
                let mut rest = bytes;
                runs.iter().all(|(count, table)| {
                    let Some((run, after)) = rest.split_at_checked(*count) else {
                        return false;
                    };
                    rest = after;
                    run.iter()
                        .fold(true, |matched, &byte| matched & table[usize::from(byte)])
                })
            }
            Matcher::Simple(pieces) => matches_simple(pieces, text.as_bytes()),
            Matcher::Regex(regex) => regex.is_match(text),
        }
    }

    /// Whether the pattern runs without the regex engine.
    pub fn is_simple(&self) -> bool {
        !matches!(self.matcher, Matcher::Regex(_))
    }
}

/// Greedy matching is exact here because consecutive pieces either have fixed counts or sets
/// that the next piece does not share; [`simple`] only admits such sequences.
fn matches_simple(pieces: &[Piece], bytes: &[u8]) -> bool {
    let mut at = 0;
    for piece in pieces {
        let mut taken = 0;
        while taken < piece.max && at < bytes.len() && accepts(piece.set, bytes[at]) {
            at += 1;
            taken += 1;
        }
        if taken < piece.min {
            return false;
        }
    }
    at == bytes.len()
}

/// The set as a lookup table over every byte value.
fn table(set: u128) -> [bool; 256] {
    let mut table = [false; 256];
    for (byte, accepted) in table.iter_mut().enumerate().take(128) {
        *accepted = set & (1u128 << byte) != 0;
    }
    table
}

fn accepts(set: u128, byte: u8) -> bool {
    byte < 128 && set & (1u128 << byte) != 0
}

/// Parses `^(atom{n} | atom{n,m} | atom)*$` with ASCII classes and literals, or `None`.
fn simple(source: &str) -> Option<Vec<Piece>> {
    let body = source.strip_prefix('^')?.strip_suffix('$')?;
    let chars: Vec<char> = body.chars().collect();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut set = 0u128;
        match chars[i] {
            '[' => {
                i += 1;
                if chars.get(i) == Some(&'^') {
                    return None;
                }
                while *chars.get(i)? != ']' {
                    let start = ascii(*chars.get(i)?)?;
                    if chars.get(i + 1) == Some(&'-') && chars.get(i + 2).is_some_and(|c| *c != ']')
                    {
                        let end = ascii(chars[i + 2])?;
                        for byte in start..=end {
                            set |= 1 << byte;
                        }
                        i += 3;
                    } else {
                        set |= 1 << start;
                        i += 1;
                    }
                }
                i += 1;
            }
            '\\' => {
                let escaped = *chars.get(i + 1)?;
                if escaped.is_ascii_alphanumeric() {
                    return None; // \d, \w, \b, ...: classes and assertions of their own
                }
                set |= 1 << ascii(escaped)?;
                i += 2;
            }
            c if "()|.*+?{}^$".contains(c) => return None,
            c => {
                set |= 1 << ascii(c)?;
                i += 1;
            }
        }
        let (min, max) = if chars.get(i) == Some(&'{') {
            let close = i + chars[i..].iter().position(|c| *c == '}')?;
            let counts: String = chars[i + 1..close].iter().collect();
            i = close + 1;
            match counts.split_once(',') {
                Some((min, max)) => (min.parse().ok()?, max.parse().ok()?),
                None => {
                    let n = counts.parse().ok()?;
                    (n, n)
                }
            }
        } else {
            (1, 1)
        };
        if min > max {
            return None;
        }
        // Greedy matching is exact when a variable piece cannot take what the next one needs.
        if let Some(previous) = pieces.last() {
            let overlap = previous.set & set != 0;
            if previous.min != previous.max && overlap {
                return None;
            }
        }
        pieces.push(Piece { set, min, max });
    }
    Some(pieces)
}

fn ascii(c: char) -> Option<u8> {
    u8::try_from(c).ok().filter(u8::is_ascii)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PATTERNS: &[&str] = &[
        r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        r"^[0-9a-f]{64}$",
        r"^[0-9a-f]{24}$",
        r"^[A-Z]{2}$",
        r"^[0-9A-Fa-f]{64}$",
        r"^[a-z]{1,3}x[0-9]{2,4}$",
        r"^a\.b$",
        r"^[ -~]{16}$",
        r"^[acegi]{10}$",
    ];

    #[test]
    fn the_payload_patterns_are_simple_and_others_are_not() {
        for source in PATTERNS[..5].iter().chain(&PATTERNS[7..]) {
            assert!(Pattern::new(source).is_simple(), "{source}");
        }
        for source in [
            r"^\d{3}$",
            "^(a|b)$",
            "[a-z]{3}",
            "^a+$",
            "^[^a]$",
            r"^[a-z]{1,3}[a-z]$",
        ] {
            assert!(!Pattern::new(source).is_simple(), "{source}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]
        #[test]
        fn simple_matching_agrees_with_the_regex_crate(
            index in 0..PATTERNS.len(),
            text in prop_oneof![
                "[0-9a-fA-FxX.ab-]{0,70}",
                "\\\\PC{0,40}",
                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}.?",
                "[0-9a-f]{22,25}",
                "[0-9a-f@`/:gG]{24}",
                "[ -\\u{7f}]{16}",
                "[a-j]{10}",
            ],
        ) {
            let source = PATTERNS[index];
            let regex = regex::Regex::new(source).unwrap();
            prop_assert_eq!(Pattern::new(source).is_match(&text), regex.is_match(&text), "{} on {:?}", source, text);
        }
    }
}
