//! The errata of the upstream examples: every place where a printed example is not JSON, and
//! every printed value that breaks a rule the schemas keep strict.
//!
//! The pages are kept as published, so their defects are facts to record, not typos to fix. They
//! are recorded here, in one place, as data: the reader applies the syntax errata it cannot guess
//! ([`Repair::Insert`]), the tests check that the reader's own repairs are exactly the listed
//! ones, and the value errata say which documented values a schema rejects on purpose.
//!
//! Positions are page positions: lines and columns counted from 1, a column counting characters
//! (Unicode scalar values) of its line, as an editor shows them.

use super::Page;

/// A kind of syntax defect: something a JavaScript reader accepts and JSON does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SyntaxDefect {
    /// A `//` comment, up to the end of its line.
    LineComment,
    /// A `/* */` comment.
    BlockComment,
    /// A `,` after the last member of an object or the last element of an array.
    TrailingComma,
    /// Two members or elements with no `,` between them.
    MissingComma,
}

impl SyntaxDefect {
    /// Every kind of defect, in declaration order.
    pub const ALL: [SyntaxDefect; 4] = [
        Self::LineComment,
        Self::BlockComment,
        Self::TrailingComma,
        Self::MissingComma,
    ];

    /// A stable name for generated files and messages: `line-comment`, `block-comment`,
    /// `trailing-comma`, `missing-comma`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::LineComment => "line-comment",
            Self::BlockComment => "block-comment",
            Self::TrailingComma => "trailing-comma",
            Self::MissingComma => "missing-comma",
        }
    }
}

/// How the reader repairs a syntax defect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Repair {
    /// The lenient reading removes it; listing it here documents it and lets the tests check
    /// that the reader removes exactly what is listed.
    Lenient,
    /// Not guessable: `text` is inserted at the erratum's position, before the character that
    /// stands there (or at the end of the line when the column is one past its last character).
    Insert {
        /// The text to insert.
        text: &'static str,
    },
}

/// A place where a printed example is not JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SyntaxErratum {
    /// The page that prints the defect.
    pub page: Page,
    /// Its line, from 1.
    pub line: usize,
    /// Its column, from 1: the first character of the `//`, `/*` or `,`, or the point of
    /// insertion for a missing character.
    pub column: usize,
    /// What is wrong.
    pub defect: SyntaxDefect,
    /// The defect in words: what the page prints and what it means.
    pub reason: &'static str,
    /// How the reader repairs it.
    pub repair: Repair,
}

/// Every syntax defect of the printed examples, in page order.
pub static SYNTAX_ERRATA: &[SyntaxErratum] = &[
    SyntaxErratum {
        page: Page::Hasura,
        line: 143,
        column: 102,
        defect: SyntaxDefect::MissingComma,
        reason: "the member `hasura_graphql_requests_total` ends its line with the `]` of its \
                 array and no comma, so the next member `hasura_http_connections` follows it \
                 without a separator",
        repair: Repair::Insert { text: "," },
    },
    SyntaxErratum {
        page: Page::Appsmith,
        line: 70,
        column: 38,
        defect: SyntaxDefect::LineComment,
        reason: "a JavaScript comment after `ipAddress` says it is the address of the server \
                 that hosts the instance, not the client's; its text also carries a \
                 mis-encoded no-break space, the bytes C3 82 C2 A0 shown as \"Â \", between \
                 \"of\" and \"the\"",
        repair: Repair::Lenient,
    },
    SyntaxErratum {
        page: Page::Appsmith,
        line: 79,
        column: 39,
        defect: SyntaxDefect::LineComment,
        reason: "a JavaScript comment after `subscribe-marketing` says that a user who \
                 subscribes to marketing updates also sends a name and email address",
        repair: Repair::Lenient,
    },
    SyntaxErratum {
        page: Page::Appsmith,
        line: 95,
        column: 28,
        defect: SyntaxDefect::LineComment,
        reason: "a JavaScript comment after `viewMode` says it tells whether the action was \
                 done in the edit mode or the view mode of the application",
        repair: Repair::Lenient,
    },
    SyntaxErratum {
        page: Page::Appsmith,
        line: 96,
        column: 35,
        defect: SyntaxDefect::LineComment,
        reason: "a JavaScript comment after `isAnonymousUser` says it tells whether a logged-in \
                 user or an anonymous user triggered the pulse",
        repair: Repair::Lenient,
    },
    SyntaxErratum {
        page: Page::Appsmith,
        line: 182,
        column: 73,
        defect: SyntaxDefect::TrailingComma,
        reason: "the last member, `userId`, is followed by a comma before the closing `}`, \
                 which JavaScript allows and JSON does not",
        repair: Repair::Lenient,
    },
];

/// A value printed in an example that breaks a rule the payload's schema keeps strict.
///
/// The schema is not relaxed to admit it: the rule describes what the software sends, and the
/// value is a defect of the documentation (a shortened or mistyped identifier). The sample
/// documents the project generates, and the schema's `examples`, must therefore be judged with
/// these values in mind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ValueErratum {
    /// The id of the payload the example documents (`appsmith/usage-pulse`).
    pub payload: &'static str,
    /// The page that prints the value.
    pub page: Page,
    /// The line on which the value is printed, from 1.
    pub line: usize,
    /// Where the value stands in the example document, as an RFC 6901 JSON Pointer.
    pub pointer: &'static str,
    /// The value as printed, without its quotes.
    pub value: &'static str,
    /// The rule it breaks, with the keywords that reject it.
    pub rule: StrictRule,
    /// What is wrong with the value, and why the rule stays strict.
    pub reason: &'static str,
}

/// A rule of a constrained value type that a printed value breaks: in words with its regular
/// expression, and the JSON Schema keywords of the type that reject a value breaking it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StrictRule {
    /// The rule in words, with its regular expression.
    pub text: &'static str,
    /// The keywords that reject the value: `pattern`, and `format` where the type declares one.
    pub keywords: &'static [&'static str],
}

impl StrictRule {
    /// A MongoDB ObjectId in hex, as the `ObjectId` type states it.
    pub const OBJECT_ID: Self = Self {
        text: "ObjectId: 24 lowercase hex digits, `^[0-9a-f]{24}$`",
        keywords: &["pattern"],
    };
    /// A hex SHA-256 digest, as the `Sha256Hex` type states it.
    pub const SHA_256_HEX: Self = Self {
        text: "SHA-256 digest: 64 lowercase hex digits, `^[0-9a-f]{64}$`",
        keywords: &["pattern"],
    };
    /// A UUID, as the `Uuid` type states it (a pattern and a format).
    pub const UUID: Self = Self {
        text: "UUID: lowercase hex digits in groups of 8-4-4-4-12, \
               `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`",
        keywords: &["pattern", "format"],
    };
}

/// Every printed value that breaks a strict rule, in page order.
pub static VALUE_ERRATA: &[ValueErratum] = &[
    ValueErratum {
        payload: "appsmith/usage-pulse",
        page: Page::Appsmith,
        line: 94,
        pointer: "/usageData/0/tenantId",
        value: "6fh76357fbe7e44f3a47a",
        rule: StrictRule::OBJECT_ID,
        reason: "the tenant id has 21 characters and contains the non-hex letter `h`, where \
                 the server sends tenant ids as 24-digit ObjectIds like every other id the page \
                 prints in full",
    },
    ValueErratum {
        payload: "appsmith/usage-pulse",
        page: Page::Appsmith,
        line: 99,
        pointer: "/message",
        value: "hash-message",
        rule: StrictRule::UUID,
        reason: "the message is a placeholder naming what it is for, where the licensed server \
                 signs a random UUID, new for each batch, so the message always has the \
                 8-4-4-4-12 form of a UUID",
    },
    ValueErratum {
        payload: "appsmith/usage-pulse",
        page: Page::Appsmith,
        line: 101,
        pointer: "/instanceId",
        value: "63ef757fbe7e44f3a47a",
        rule: StrictRule::OBJECT_ID,
        reason: "the instance id has 20 hex digits, a shortened ObjectId, where the pings on the \
                 same page print instance ids in full with 24",
    },
    ValueErratum {
        payload: "appsmith/backend-call-event",
        page: Page::Appsmith,
        line: 155,
        pointer: "/messageId",
        value: "0f6b07ee-0717-413-808c-c25b09c0468",
        rule: StrictRule::UUID,
        reason: "the message id has groups of 8-4-3-4-11 hex digits, where analytics-java sets \
                 `messageId` to `UUID.randomUUID()`, which always prints groups of 8-4-4-4-12",
    },
    ValueErratum {
        payload: "appsmith/backend-call-event",
        page: Page::Appsmith,
        line: 158,
        pointer: "/properties/appId",
        value: "612465f87b2230debedfc6",
        rule: StrictRule::OBJECT_ID,
        reason: "the application id has 22 hex digits, a shortened ObjectId, where the server \
                 sends application ids as 24-digit ObjectIds",
    },
    ValueErratum {
        payload: "appsmith/backend-call-event",
        page: Page::Appsmith,
        line: 164,
        pointer: "/properties/instanceId",
        value: "612460418944011a10fa5b",
        rule: StrictRule::OBJECT_ID,
        reason: "the instance id has 22 hex digits, a shortened ObjectId, where the pings on the \
                 same page print instance ids in full with 24",
    },
    ValueErratum {
        payload: "appsmith/backend-call-event",
        page: Page::Appsmith,
        line: 168,
        pointer: "/properties/orgId",
        value: "612464f7f230debedfc4",
        rule: StrictRule::OBJECT_ID,
        reason: "the organisation id has 20 hex digits, a shortened ObjectId, where the server \
                 sends organisation ids as 24-digit ObjectIds",
    },
    ValueErratum {
        payload: "appsmith/backend-call-event",
        page: Page::Appsmith,
        line: 170,
        pointer: "/properties/pageId",
        value: "612465802230debedfc8",
        rule: StrictRule::OBJECT_ID,
        reason: "the page id has 20 hex digits, a shortened ObjectId, where the server sends \
                 page ids as 24-digit ObjectIds",
    },
    ValueErratum {
        payload: "appsmith/backend-call-event",
        page: Page::Appsmith,
        line: 176,
        pointer: "/properties/username",
        value: "70280e5d07e61e5e915e5d26ac8704bbd68d3f75ebad67ba439f4c354d7",
        rule: StrictRule::SHA_256_HEX,
        reason: "the hashed username has 59 hex digits, where the server sends `sha256Hex` of \
                 the username, which always has 64",
    },
    ValueErratum {
        payload: "appsmith/backend-call-event",
        page: Page::Appsmith,
        line: 182,
        pointer: "/userId",
        value: "70280e5dd9e61e5e91526ac8704bbd68d3f75ebad67ba439f4c354d7",
        rule: StrictRule::SHA_256_HEX,
        reason: "the hashed user id has 56 hex digits, where the server sends `sha256Hex` of \
                 the username, which always has 64",
    },
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::corpus::{examples, read};

    /// The page line an erratum points into.
    fn page_line(page: Page, line: usize) -> &'static str {
        page.line(line)
            .unwrap_or_else(|| panic!("{} has no line {line}", page.file_name()))
    }

    /// The characters of `line` from column `column` (from 1) on.
    fn from_column(line: &str, column: usize) -> String {
        line.chars().skip(column - 1).collect()
    }

    #[test]
    fn defect_names_are_distinct_kebab_case_words() {
        let names: BTreeSet<&str> = SyntaxDefect::ALL
            .iter()
            .map(|defect| defect.name())
            .collect();
        assert_eq!(names.len(), SyntaxDefect::ALL.len());
        for name in names {
            assert!(
                name.bytes()
                    .all(|byte| byte.is_ascii_lowercase() || byte == b'-'),
                "{name}"
            );
        }
    }

    #[test]
    fn each_syntax_erratum_points_at_its_defect() {
        for erratum in SYNTAX_ERRATA {
            let line = page_line(erratum.page, erratum.line);
            let rest = from_column(line, erratum.column);
            let before: String = line.chars().take(erratum.column - 1).collect();
            let at = format!("{}:{}", erratum.page.file_name(), erratum.line);
            match erratum.defect {
                SyntaxDefect::LineComment => assert!(rest.starts_with("//"), "{at}"),
                SyntaxDefect::BlockComment => assert!(rest.starts_with("/*"), "{at}"),
                SyntaxDefect::TrailingComma => assert!(rest.starts_with(','), "{at}"),
                SyntaxDefect::MissingComma => {
                    assert_eq!(erratum.repair, Repair::Insert { text: "," }, "{at}");
                    // Between the end of one value and the start of the next member.
                    assert!(before.trim_end().ends_with([']', '}', '"']), "{at}");
                    assert_eq!(rest.trim(), "", "{at}: the insertion point ends its line");
                }
            }
            let manual = matches!(erratum.repair, Repair::Insert { .. });
            assert_eq!(
                manual,
                erratum.defect == SyntaxDefect::MissingComma,
                "{at}: only a missing comma needs a manual repair"
            );
        }
    }

    #[test]
    fn the_hasura_missing_comma_stands_right_after_the_requests_total_array() {
        let line = page_line(Page::Hasura, 143);
        assert!(line.starts_with("\"hasura_graphql_requests_total\": [{"));
        assert_eq!(line.chars().count() + 1, 102);
        assert!(line.ends_with("\"value\": 0}]"));
        assert!(page_line(Page::Hasura, 144).starts_with("\"hasura_http_connections\""));
    }

    #[test]
    fn the_setup_ping_comment_carries_the_mis_encoded_no_break_space() {
        let line = page_line(Page::Appsmith, 70);
        let comment = &line[line.find("//").unwrap()..];
        assert!(
            comment
                .as_bytes()
                .windows(6)
                .any(|bytes| bytes == b"of\xC3\x82\xC2\xA0"),
            "{comment:?}"
        );
        // The comment's multi-byte characters stand after the `//`, so its column equals its
        // byte offset plus one.
        assert_eq!(line.find("//").unwrap() + 1, 38);
    }

    #[test]
    fn the_reader_repairs_exactly_the_listed_syntax_errata() {
        for example in examples() {
            let listed: BTreeSet<_> = SYNTAX_ERRATA
                .iter()
                .filter(|erratum| {
                    erratum.page == example.page
                        && (example.line..=example.end_line).contains(&erratum.line)
                })
                .map(|erratum| (erratum.page, erratum.line, erratum.column, erratum.defect))
                .collect();
            let read = read(&example).unwrap_or_else(|error| panic!("{error}"));
            let repaired: BTreeSet<_> = read
                .repairs
                .iter()
                .map(|repair| (repair.page, repair.line, repair.column, repair.defect))
                .collect();
            assert_eq!(
                repaired.len(),
                read.repairs.len(),
                "a repair is reported twice"
            );
            assert_eq!(
                repaired,
                listed,
                "{} line {}",
                example.page.file_name(),
                example.line
            );
        }
    }

    #[test]
    fn every_syntax_erratum_falls_inside_an_example() {
        let all = examples();
        for erratum in SYNTAX_ERRATA {
            assert!(
                all.iter().any(|example| example.page == erratum.page
                    && (example.line..=example.end_line).contains(&erratum.line)),
                "{erratum:?}"
            );
        }
    }

    #[test]
    fn errata_are_listed_in_page_order_without_duplicates() {
        let syntax: Vec<_> = SYNTAX_ERRATA
            .iter()
            .map(|erratum| (erratum.page, erratum.line, erratum.column))
            .collect();
        assert!(
            syntax.windows(2).all(|pair| pair[0] < pair[1]),
            "{syntax:?}"
        );
        let values: Vec<_> = VALUE_ERRATA
            .iter()
            .map(|erratum| (erratum.page, erratum.line, erratum.pointer))
            .collect();
        assert!(
            values.windows(2).all(|pair| pair[0] < pair[1]),
            "{values:?}"
        );
    }

    #[test]
    fn each_value_erratum_is_printed_on_its_line_and_found_at_its_pointer() {
        for erratum in VALUE_ERRATA {
            let quoted = format!("\"{}\"", erratum.value);
            let line = page_line(erratum.page, erratum.line);
            assert!(line.contains(&quoted), "{erratum:?} is not on its line");
            let example = examples()
                .into_iter()
                .find(|example| {
                    example.page == erratum.page
                        && (example.line..=example.end_line).contains(&erratum.line)
                })
                .unwrap_or_else(|| panic!("no example holds {erratum:?}"));
            let document = read(&example).unwrap().value;
            assert_eq!(
                document
                    .pointer(erratum.pointer)
                    .and_then(|value| value.as_str()),
                Some(erratum.value),
                "{erratum:?}"
            );
        }
    }

    /// The rules restated as plain code, so that the test does not share a regex engine (or a
    /// mistake) with the schemas.
    fn breaks_rule(erratum: &ValueErratum) -> bool {
        let hex = |text: &str, length: usize| {
            text.len() == length
                && text
                    .bytes()
                    .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
        };
        let value = erratum.value;
        if erratum.rule == StrictRule::OBJECT_ID {
            !hex(value, 24)
        } else if erratum.rule == StrictRule::SHA_256_HEX {
            !hex(value, 64)
        } else if erratum.rule == StrictRule::UUID {
            let groups: Vec<&str> = value.split('-').collect();
            let lengths = [8, 4, 4, 4, 12];
            !(groups.len() == 5
                && groups
                    .iter()
                    .zip(lengths)
                    .all(|(group, length)| hex(group, length)))
        } else {
            panic!("unknown rule {:?}", erratum.rule)
        }
    }

    #[test]
    fn each_value_erratum_breaks_its_rule() {
        for erratum in VALUE_ERRATA {
            assert!(breaks_rule(erratum), "{erratum:?} satisfies its rule");
        }
    }

    /// Each rule's keywords are the ones its type's schema declares of `pattern` and `format`.
    #[test]
    fn each_rule_names_the_keywords_its_type_declares() {
        let declared = |schema: schemars::Schema| -> Vec<String> {
            ["pattern", "format"]
                .into_iter()
                .filter(|keyword| schema.get(*keyword).is_some())
                .map(String::from)
                .collect()
        };
        for (rule, schema) in [
            (
                StrictRule::OBJECT_ID,
                schemars::schema_for!(crate::common::ObjectId),
            ),
            (
                StrictRule::SHA_256_HEX,
                schemars::schema_for!(crate::common::Sha256Hex),
            ),
            (StrictRule::UUID, schemars::schema_for!(crate::common::Uuid)),
        ] {
            assert_eq!(declared(schema), rule.keywords, "{rule:?}");
        }
    }

    #[test]
    fn the_counts_the_reasons_give_are_the_printed_counts() {
        let length = |pointer: &str| {
            VALUE_ERRATA
                .iter()
                .find(|erratum| erratum.pointer == pointer)
                .unwrap()
                .value
                .len()
        };
        assert_eq!(length("/usageData/0/tenantId"), 21);
        assert_eq!(length("/instanceId"), 20);
        assert_eq!(length("/properties/appId"), 22);
        assert_eq!(length("/properties/instanceId"), 22);
        assert_eq!(length("/properties/orgId"), 20);
        assert_eq!(length("/properties/pageId"), 20);
        assert_eq!(length("/properties/username"), 59);
        assert_eq!(length("/userId"), 56);
        for erratum in VALUE_ERRATA {
            let count = erratum.value.len().to_string();
            assert!(
                erratum.reason.contains(&count) || erratum.rule == StrictRule::UUID,
                "the reason of {erratum:?} does not state its length"
            );
        }
    }
}
