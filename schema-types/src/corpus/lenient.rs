//! Reads a printed example into a JSON value: manual repairs, then the lenient reading, then
//! strict JSON (the steps and the leniency are described in the [module docs](super)).
//!
//! Every step keeps page coordinates. The text handed to serde_json carries, for each of its
//! bytes, the page line and column of the character it came from (an inserted character carries
//! its insertion point), so a parse error, and every repair, is reported where a reader of the
//! page finds it. Removed characters are blanked out byte for byte (newlines kept), so the
//! parsed text has the layout of the page.

use std::fmt;
use std::ops::Range;

use serde_json::Value;

use super::Page;
use super::errata::{Repair, SYNTAX_ERRATA, SyntaxDefect, SyntaxErratum};
use super::extract::{Example, example_at};
use super::lexer::{Token, TokenKind, tokens};
use crate::payload::ExampleLocation;

/// An example read into a JSON value, with the repairs that reading it took.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadExample {
    /// The document, members in the page's order.
    pub value: Value,
    /// The manual repairs and the lenient removals applied, sorted by line and column.
    pub repairs: Vec<AppliedRepair>,
}

/// A repair applied while reading an example, at its page position.
#[derive(PartialEq, Eq, Hash, Debug, Clone)]
pub struct AppliedRepair {
    /// The page.
    pub page: Page,
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters: where the removed `//`, `/*` or `,` starts, or where
    /// the text was inserted.
    pub column: usize,
    /// The defect repaired.
    pub defect: SyntaxDefect,
}

/// Why an example cannot be read, at a page position.
///
/// It displays as `upstream/PAGE.md:LINE:COLUMN: what is wrong`, the form editors and terminals
/// turn into a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    page: Page,
    line: usize,
    column: usize,
    message: String,
}

impl ReadError {
    /// The page.
    pub fn page(&self) -> Page {
        self.page
    }

    /// The page line of the problem, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The page column of the problem, from 1, in characters.
    pub fn column(&self) -> usize {
        self.column
    }

    /// What is wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    fn at(page: Page, position: Position, message: impl Into<String>) -> Self {
        Self {
            page,
            line: position.line,
            column: position.column,
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.page.repo_path(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for ReadError {}

/// Reads `example`: applies the manual repairs of [`SYNTAX_ERRATA`] that fall inside it, then
/// the lenient reading, then parses strict JSON.
///
/// # Errors
///
/// If an erratum's insertion point is not in the example's text, if a block comment is not
/// closed, or if the repaired text is not JSON; the error gives the page position.
pub fn read(example: &Example) -> Result<ReadExample, ReadError> {
    let errata: Vec<SyntaxErratum> = SYNTAX_ERRATA
        .iter()
        .filter(|erratum| {
            erratum.page == example.page
                && (example.line..=example.end_line).contains(&erratum.line)
        })
        .copied()
        .collect();
    read_text(example.page, opening(example), example.text, &errata)
}

/// The document of the example that opens at `location`: [`example_at`], then [`read`].
///
/// # Errors
///
/// If no example opens on that line, or if the example cannot be read.
pub fn example_document(location: ExampleLocation) -> Result<Value, ReadError> {
    let example = example_at(location).ok_or_else(|| {
        ReadError::at(
            location.page,
            Position {
                line: location.line,
                column: 1,
            },
            "no example opens on this line",
        )
    })?;
    read(&example).map(|read| read.value)
}

/// A page position: line and column from 1, the column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Position {
    line: usize,
    column: usize,
}

impl Position {
    /// The position of the character after `character`, which stands here.
    fn after(self, character: char) -> Self {
        if character == '\n' {
            Self {
                line: self.line + 1,
                column: 1,
            }
        } else {
            Self {
                line: self.line,
                column: self.column + 1,
            }
        }
    }
}

/// Text with the page position of the character each byte belongs to.
struct Located {
    text: String,
    /// One entry per byte of `text`.
    origins: Vec<Position>,
    /// The position just past the text's last character.
    end: Position,
}

impl Located {
    fn push(&mut self, character: char, origin: Position) {
        self.text.push(character);
        self.origins
            .extend(std::iter::repeat_n(origin, character.len_utf8()));
    }

    /// The page position of the byte at `offset`, or of the end for an offset past it.
    fn origin(&self, offset: usize) -> Position {
        self.origins.get(offset).copied().unwrap_or(self.end)
    }
}

/// The page position of the example's opening `{`: the first non-blank character of its line.
fn opening(example: &Example) -> Position {
    let blanks = example.page.line(example.line).map_or(0, |line| {
        line.chars()
            .take_while(|character| character.is_whitespace())
            .count()
    });
    Position {
        line: example.line,
        column: blanks + 1,
    }
}

/// Reads `text`, which starts at `start` in `page`, applying the [`Repair::Insert`] errata among
/// `errata`; the other errata are the lenient reading's to find.
fn read_text(
    page: Page,
    start: Position,
    text: &str,
    errata: &[SyntaxErratum],
) -> Result<ReadExample, ReadError> {
    let (located, mut repairs) = insert(page, start, text, errata)?;
    let (located, removals) = remove_lenient(page, located)?;
    repairs.extend(removals);
    repairs.sort_by_key(|repair| (repair.line, repair.column));
    let value =
        serde_json::from_str(&located.text).map_err(|error| json_error(page, &located, &error))?;
    Ok(ReadExample { value, repairs })
}

/// Copies `text` with its page positions, inserting the text of each [`Repair::Insert`] erratum
/// before the character at its position.
fn insert(
    page: Page,
    start: Position,
    text: &str,
    errata: &[SyntaxErratum],
) -> Result<(Located, Vec<AppliedRepair>), ReadError> {
    let insertions: Vec<(Position, &str, &SyntaxErratum)> = errata
        .iter()
        .filter_map(|erratum| match erratum.repair {
            Repair::Insert { text } => Some((
                Position {
                    line: erratum.line,
                    column: erratum.column,
                },
                text,
                erratum,
            )),
            Repair::Lenient => None,
        })
        .collect();
    let mut located = Located {
        text: String::with_capacity(text.len()),
        origins: Vec::with_capacity(text.len()),
        end: start,
    };
    let mut used = vec![false; insertions.len()];
    let mut position = start;
    let mut characters = text.chars();
    loop {
        for (index, &(at, inserted, _)) in insertions.iter().enumerate() {
            if at == position {
                inserted
                    .chars()
                    .for_each(|character| located.push(character, position));
                used[index] = true;
            }
        }
        let Some(character) = characters.next() else {
            break;
        };
        located.push(character, position);
        position = position.after(character);
    }
    located.end = position;
    if let Some(index) = used.iter().position(|&used| !used) {
        let (at, inserted, _) = insertions[index];
        return Err(ReadError::at(
            page,
            at,
            format!(
                "a syntax erratum inserts `{inserted}` here, which is not a position in the \
                 example"
            ),
        ));
    }
    let applied = insertions
        .iter()
        .map(|&(_, _, erratum)| AppliedRepair {
            page,
            line: erratum.line,
            column: erratum.column,
            defect: erratum.defect,
        })
        .collect();
    Ok((located, applied))
}

/// Blanks out the comments and trailing commas of `located`, byte for byte, newlines kept.
fn remove_lenient(
    page: Page,
    located: Located,
) -> Result<(Located, Vec<AppliedRepair>), ReadError> {
    let all: Vec<Token> = tokens(&located.text).collect();
    let mut removals: Vec<(Range<usize>, SyntaxDefect)> = Vec::new();
    for (index, token) in all.iter().enumerate() {
        let defect = match token.kind {
            TokenKind::LineComment => SyntaxDefect::LineComment,
            TokenKind::BlockComment { terminated: true } => SyntaxDefect::BlockComment,
            TokenKind::BlockComment { terminated: false } => {
                return Err(ReadError::at(
                    page,
                    located.origin(token.start),
                    "unterminated block comment: no `*/` closes this `/*`",
                ));
            }
            TokenKind::Other(',') => {
                let next = all[index + 1..]
                    .iter()
                    .find(|token| token.kind.is_significant());
                match next.map(|token| token.kind) {
                    Some(TokenKind::Other('}' | ']')) => SyntaxDefect::TrailingComma,
                    _ => continue,
                }
            }
            _ => continue,
        };
        removals.push((token.start..token.end, defect));
    }
    let repairs = removals
        .iter()
        .map(|(range, defect)| {
            let origin = located.origin(range.start);
            AppliedRepair {
                page,
                line: origin.line,
                column: origin.column,
                defect: *defect,
            }
        })
        .collect();
    let mut text = String::with_capacity(located.text.len());
    for (offset, character) in located.text.char_indices() {
        let removed = removals.iter().any(|(range, _)| range.contains(&offset));
        if removed && character != '\n' {
            text.extend(std::iter::repeat_n(' ', character.len_utf8()));
        } else {
            text.push(character);
        }
    }
    Ok((Located { text, ..located }, repairs))
}

/// A serde_json error, moved from the parsed text's coordinates to the page's.
fn json_error(page: Page, located: &Located, error: &serde_json::Error) -> ReadError {
    let full = error.to_string();
    if error.line() == 0 {
        return ReadError::at(page, located.end, full);
    }
    // serde_json counts lines from 1 and columns in bytes, the column being that of the byte
    // it stopped at (0 when it stopped right after a line break).
    let line_start = if error.line() == 1 {
        0
    } else {
        located
            .text
            .match_indices('\n')
            .nth(error.line() - 2)
            .map_or(located.text.len(), |(offset, _)| offset + 1)
    };
    let offset = line_start + error.column().saturating_sub(1);
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    ReadError::at(page, located.origin(offset), message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{SYNTAX_ERRATA, examples};

    /// Where the synthetic texts below pretend to start: not the first column, so that a
    /// position computed from the start of the line rather than of the text is caught.
    const START: Position = Position {
        line: 10,
        column: 5,
    };

    fn lenient(text: &str) -> Result<ReadExample, ReadError> {
        read_text(Page::Hasura, START, text, &[])
    }

    /// A repair as the tests compare it: line, column and defect.
    type Repaired = (usize, usize, SyntaxDefect);

    fn repairs(read: &ReadExample) -> Vec<Repaired> {
        read.repairs
            .iter()
            .map(|repair| (repair.line, repair.column, repair.defect))
            .collect()
    }

    #[test]
    fn examples_without_errata_are_strict_json_and_need_no_repair() {
        let mut strict = 0;
        for example in examples() {
            let has_errata = SYNTAX_ERRATA.iter().any(|erratum| {
                erratum.page == example.page
                    && (example.line..=example.end_line).contains(&erratum.line)
            });
            let as_printed = serde_json::from_str::<Value>(example.text);
            let read = read(&example).unwrap_or_else(|error| panic!("{error}"));
            let at = format!("{} line {}", example.page.file_name(), example.line);
            if has_errata {
                assert!(
                    as_printed.is_err(),
                    "{at} is strict JSON despite its errata"
                );
                assert!(!read.repairs.is_empty(), "{at}");
            } else {
                strict += 1;
                assert_eq!(read.repairs, [], "{at}");
                assert_eq!(read.value, as_printed.unwrap(), "{at}");
            }
        }
        assert_eq!(strict, 7);
    }

    #[test]
    fn members_keep_the_page_order() {
        let document = example_document(Page::Hasura.at(21)).unwrap();
        let keys: Vec<&str> = document
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "id",
                "timestamp",
                "db_uid",
                "instance_uid",
                "version",
                "ci",
                "metrics"
            ]
        );
    }

    #[test]
    fn the_setup_ping_reads_with_its_two_comments_removed() {
        let example = example_at(Page::Appsmith.at(48)).unwrap();
        let read = read(&example).unwrap();
        assert_eq!(
            repairs(&read),
            [
                (70, 38, SyntaxDefect::LineComment),
                (79, 39, SyntaxDefect::LineComment)
            ]
        );
        assert_eq!(read.value["properties"]["ipAddress"], "117.211.16.3");
        assert_eq!(read.value["properties"]["subscribe-marketing"], false);
        assert_eq!(read.value["properties"]["version"], "v1.9.56");
    }

    #[test]
    fn the_usage_metrics_read_with_the_inserted_comma() {
        let example = example_at(Page::Hasura.at(127)).unwrap();
        let read = read(&example).unwrap();
        assert_eq!(repairs(&read), [(143, 102, SyntaxDefect::MissingComma)]);
        let metrics = read.value["metrics"].as_object().unwrap();
        assert_eq!(metrics.len(), 20);
        assert_eq!(
            metrics["hasura_graphql_requests_total"][0]["response_status"],
            "failed"
        );
        assert_eq!(metrics["hasura_http_connections"][0]["value"], 0);
    }

    #[test]
    fn without_its_erratum_the_missing_comma_is_reported_at_the_next_member() {
        let example = example_at(Page::Hasura.at(127)).unwrap();
        let error = read_text(example.page, opening(&example), example.text, &[]).unwrap_err();
        assert_eq!(
            (error.page(), error.line(), error.column()),
            (Page::Hasura, 144, 1)
        );
        assert_eq!(error.message(), "expected `,` or `}`");
        assert_eq!(
            error.to_string(),
            "upstream/hasura-telemetry.md:144:1: expected `,` or `}`"
        );
    }

    /// Texts the lenient reading reads: what each shows, the text (which `lenient` places at
    /// line 10, column 5), the repairs it reports and the value it reads.
    #[test]
    fn lenient_readings() {
        use SyntaxDefect::{BlockComment, LineComment, TrailingComma};
        let cases: [(&str, &str, &[Repaired], Value); 7] = [
            (
                "comment markers inside strings are text",
                r#"{"a": "// not a comment", "b": "/* nor this */"}"#,
                &[],
                serde_json::json!({"a": "// not a comment", "b": "/* nor this */"}),
            ),
            (
                // `{` is at column 5, so the `//` after the string, its 35th character, is at 39.
                "escaped quotes do not end a string",
                "{\"a\": \"say \\\"hi\\\" // still text\", // gone\n\"b\": 1}",
                &[(10, 39, LineComment)],
                serde_json::json!({"a": "say \"hi\" // still text", "b": 1}),
            ),
            (
                "a comma inside a string before a brace is text",
                r#"{"a": ",}", "b": ", ]"}"#,
                &[],
                serde_json::json!({"a": ",}", "b": ", ]"}),
            ),
            (
                "trailing commas are removed in arrays and objects",
                "{\"a\": [1, 2, ],\n\"b\": [[],],\n\"c\": {\"d\": 1,},}",
                &[
                    (10, 16, TrailingComma),
                    (11, 9, TrailingComma),
                    (12, 13, TrailingComma),
                    (12, 15, TrailingComma),
                ],
                serde_json::json!({"a": [1, 2], "b": [[]], "c": {"d": 1}}),
            ),
            (
                "a comma before a comment and a brace is trailing",
                "{\"a\": 1, // last\n/* really */ }",
                &[
                    (10, 12, TrailingComma),
                    (10, 14, LineComment),
                    (11, 1, BlockComment),
                ],
                serde_json::json!({"a": 1}),
            ),
            (
                "a comma between members stays",
                "{\"a\": 1, /* c */ \"b\": [2, /* d */ 3]}",
                &[(10, 14, BlockComment), (10, 31, BlockComment)],
                serde_json::json!({"a": 1, "b": [2, 3]}),
            ),
            (
                "comments inside comments are comment text",
                "{/* a /* b // c */ \"x\": 1, // d /* e\n\"y\": 2 /* // f */}",
                &[
                    (10, 6, BlockComment),
                    (10, 32, LineComment),
                    (11, 8, BlockComment),
                ],
                serde_json::json!({"x": 1, "y": 2}),
            ),
        ];
        for (what, text, expected_repairs, value) in cases {
            let read = lenient(text).unwrap_or_else(|error| panic!("{what}: {error}"));
            assert_eq!(repairs(&read), expected_repairs, "{what}");
            assert_eq!(read.value, value, "{what}");
        }
    }

    /// Texts the lenient reading refuses: what each shows, the text, and the page position and
    /// message of the error.
    #[test]
    fn lenient_errors() {
        let cases = [
            (
                // The first `*/` closes the comment; the second one is left in the text.
                "block comments do not nest",
                "{/* a /* b */ */ \"x\": 1}",
                (10, 19),
                "key must be a string",
            ),
            (
                "a block comment keeps its line breaks",
                "{\n/* a\nb */ \"x\": 1,\n\"y\" 2}",
                (13, 5),
                "expected `:`",
            ),
            (
                "an unterminated block comment is an error at its start",
                "{\"a\": 1\n  /* open }",
                (11, 3),
                "unterminated block comment: no `*/` closes this `/*`",
            ),
            (
                // `Â` and the no-break space are two bytes each in UTF-8, one column each.
                "error columns count characters, not bytes",
                "{\"a\": \"Â\u{a0}x\" \"b\": 1}",
                (10, 17),
                "expected `,` or `}`",
            ),
            (
                "a removed comment with multi-byte characters keeps later columns",
                "{\"a\": 1, // ofÂ\u{a0}the\n\"b\" 2}",
                (11, 5),
                "expected `:`",
            ),
        ];
        for (what, text, position, message) in cases {
            let error = lenient(text).expect_err(what);
            assert_eq!((error.line(), error.column()), position, "{what}");
            assert_eq!(error.message(), message, "{what}");
        }
    }

    fn insertion(line: usize, column: usize) -> SyntaxErratum {
        SyntaxErratum {
            page: Page::Hasura,
            line,
            column,
            defect: SyntaxDefect::MissingComma,
            reason: "test",
            repair: Repair::Insert { text: "," },
        }
    }

    #[test]
    fn an_insertion_goes_before_the_character_at_its_position() {
        // Line 10 is `{"a": 1` from column 5, so column 12 is one past its end.
        let text = "{\"a\": 1\n\"b\": 2}";
        let read = read_text(Page::Hasura, START, text, &[insertion(10, 12)]).unwrap();
        assert_eq!(read.value, serde_json::json!({"a": 1, "b": 2}));
        assert_eq!(repairs(&read), [(10, 12, SyntaxDefect::MissingComma)]);
    }

    #[test]
    fn an_insertion_outside_the_text_is_an_error() {
        let text = "{\"a\": 1\n\"b\": 2}";
        let error = read_text(Page::Hasura, START, text, &[insertion(10, 13)]).unwrap_err();
        assert_eq!((error.line(), error.column()), (10, 13));
        assert_eq!(
            error.message(),
            "a syntax erratum inserts `,` here, which is not a position in the example"
        );
    }

    #[test]
    fn lenient_errata_are_not_inserted() {
        let lenient_erratum = SyntaxErratum {
            repair: Repair::Lenient,
            ..insertion(10, 12)
        };
        let error = read_text(
            Page::Hasura,
            START,
            "{\"a\": 1\n\"b\": 2}",
            &[lenient_erratum],
        )
        .unwrap_err();
        assert_eq!((error.line(), error.column()), (11, 1));
    }

    #[test]
    fn example_document_reports_a_line_that_opens_no_example() {
        let location = Page::Appsmith.at(19);
        let error = example_document(location).unwrap_err();
        assert_eq!(
            error.to_string(),
            "upstream/appsmith-telemetry.md:19:1: no example opens on this line"
        );
        let document = example_document(Page::Appsmith.at(18)).unwrap();
        assert_eq!(document["event"], "FETCH_RELEASE_NOTES");
    }
}
