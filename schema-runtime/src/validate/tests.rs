//! The runtime's own checks: pointers, recorded violations, limits, masking, bounds, and the
//! texts the derive writes for each kind of check.

use std::borrow::Cow;

use serde_json::{Number, Value};

use super::bound::{NON_NEGATIVE, compare};
use super::pointer::has_tilde_or_slash;
use super::*;
use serde_json::json;

#[test]
fn pointers_escape_tilde_and_slash() {
    let value = json!(1);
    let mut checker = Checker::new(Limits::DEFAULT);
    checker.enter_member("a/b");
    checker.enter_member("x~y");
    checker.enter_index(3);
    checker.wrong_type("a string", &Seen::of(&value));
    assert_eq!(checker.finish().violations()[0].pointer, "/a~1b/x~0y/3");
}

/// Types with every check the derive writes a text for.
mod derived {
    #![allow(dead_code)] // only validated, never built

    use serde_json::Number;

    use crate::validate::Validate;

    #[derive(Validate)]
    #[serde(transparent)]
    #[schemars(extend("format" = "uuid"))]
    pub struct Id(pub String);

    #[derive(Validate)]
    #[serde(transparent)]
    pub struct Code(#[schemars(regex(pattern = r"^[a-z]+/[0-9]{2}$"))] pub String);

    #[derive(Validate)]
    #[serde(rename_all = "kebab-case")]
    pub enum Mode {
        Edit,
        #[serde(rename = "a \"quoted\" \\ name")]
        Quoted,
    }

    #[derive(Validate)]
    pub enum Only {
        #[serde(rename = "only/one")]
        One,
    }

    #[derive(Validate)]
    #[serde(deny_unknown_fields)]
    pub struct Page {
        pub id: Id,
        pub code: Code,
        pub mode: Mode,
        pub only: Only,
        #[schemars(range(min = -1, max = 5))]
        pub between: Number,
        #[schemars(range(min = 0.5))]
        pub at_least: Number,
        #[schemars(range(max = 9_007_199_254_740_991u64))]
        pub at_most: u64,
        #[schemars(length(min = 1, max = 3))]
        pub short: String,
        #[schemars(length(min = 2))]
        pub many: Vec<bool>,
        #[schemars(length(max = 1))]
        pub few: Vec<String>,
        #[serde(rename = "a~b/c")]
        pub escaped: bool,
    }
}

/// Each check the derive generates states the text `schema_vocabulary` gives for its
/// constraint, under its rule and at its pointer, on both paths.
#[test]
fn derived_checks_state_the_vocabulary_texts() {
    use schema_vocabulary::{self as words, Unit};
    let cases: Vec<(&str, Rule, String)> = vec![
        ("/id", Rule::Format, words::format("uuid")),
        ("/code", Rule::Pattern, words::pattern(r"^[a-z]+/[0-9]{2}$")),
        (
            "/mode",
            Rule::Enum,
            words::variants(&["edit", "a \"quoted\" \\ name"]).1,
        ),
        ("/only", Rule::Const, words::variants(&["only/one"]).1),
        (
            "/between",
            Rule::Range,
            words::range(Some(Bound::Integer(-1)), Some(Bound::Integer(5))),
        ),
        (
            "/at_least",
            Rule::Range,
            words::range(Some(Bound::Float(0.5)), None),
        ),
        (
            "/at_most",
            Rule::Range,
            words::range(None, Some(Bound::Integer(9_007_199_254_740_991))),
        ),
        (
            "/short",
            Rule::Length,
            words::length(Some(1), Some(3), Unit::Characters),
        ),
        (
            "/many",
            Rule::Length,
            words::length(Some(2), None, Unit::Items),
        ),
        (
            "/few",
            Rule::Length,
            words::length(None, Some(1), Unit::Items),
        ),
    ];
    let document = json!({
        "id": "x",
        "code": "X",
        "mode": "x",
        "only": "x",
        "between": 9,
        "at_least": 0,
        "at_most": u64::MAX,
        "short": "long",
        "many": [true],
        "few": ["a", "b"],
    });
    let bytes = serde_json::to_vec(&document).expect("a value serialises");
    for report in [
        derived::Page::validate(&document),
        derived::Page::validate_slice(&bytes),
    ] {
        let found: Vec<(&str, Rule, &str)> = report
            .violations()
            .iter()
            .filter(|violation| violation.rule != Rule::Required)
            .map(|v| (v.pointer.as_str(), v.rule, &*v.expected))
            .collect();
        let wanted: Vec<(&str, Rule, &str)> = cases
            .iter()
            .map(|(pointer, rule, expected)| (*pointer, *rule, &**expected))
            .collect();
        assert_eq!(found, wanted);
        let missing: Vec<(&str, &str)> = report
            .violations()
            .iter()
            .filter(|violation| violation.rule == Rule::Required)
            .map(|v| (v.member.as_deref().unwrap_or_default(), &*v.expected))
            .collect();
        let expected = schema_vocabulary::member("a~b/c");
        assert_eq!(missing, [("a~b/c", expected.as_str())]);
    }
}

/// The derive pushes a member name without `~` or `/` as it is, and escapes any other.
#[test]
fn derived_member_pointers_are_escaped_where_needed() {
    let document = json!({"a~b/c": 1, "short": 2, "many": [3]});
    let bytes = serde_json::to_vec(&document).expect("a value serialises");
    for report in [
        derived::Page::validate(&document),
        derived::Page::validate_slice(&bytes),
    ] {
        // In declaration order on the parsed path, in document order when streaming.
        let mut wrong_types: Vec<&str> = report
            .violations()
            .iter()
            .filter(|violation| violation.rule == Rule::Type)
            .map(|violation| violation.pointer.as_str())
            .collect();
        wrong_types.sort_unstable();
        assert_eq!(wrong_types, ["/a~0b~1c", "/many/0", "/short"]);
    }
}

#[test]
fn pointers_and_texts_render_as_before() {
    let value = json!("a\u{1}b");
    let mut checker = Checker::new(Limits::DEFAULT);
    checker.enter_member("");
    checker.enter_index(0);
    checker.enter_index(10);
    checker.enter_member("~/~");
    checker.enter_index(usize::MAX);
    checker.wrong_type("something else", &Seen::of(&value));
    checker.wrong_type("an array", &Seen::of(&value));
    let report = checker.finish();
    let pointer = format!("//0/10/~0~1~0/{}", usize::MAX);
    assert_eq!(report.violations()[0].pointer, pointer);
    assert_eq!(
        report.violations()[0].to_string(),
        format!(r#"{pointer}: type: expected something else, found string "a\u0001b""#)
    );
    assert!(matches!(
        report.violations()[1].expected,
        Cow::Borrowed("an array")
    ));
}

#[test]
fn recorded_violations_are_read_as_violations() {
    let mut checker = Checker::new(Limits::DEFAULT);
    checker.enter_member("a/b");
    checker.missing("", "member ``", &Seen::Object(2));
    checker.enter_index(7);
    checker.unknown("x", &Seen::Null);
    checker.leave();
    checker.violation(Rule::Enum, String::from("owned"), &Seen::Bool(true));
    let report = checker.finish();
    let violation =
        |pointer: &str, member: Option<&str>, rule, expected: &str, found: &str| Violation {
            pointer: pointer.to_owned(),
            member: member.map(str::to_owned),
            rule,
            expected: Cow::Owned(expected.to_owned()),
            found: found.to_owned(),
            position: None,
            // Every pointer starts with `a/b`, a name the checker was given as a document's.
            chosen_names: 1,
        };
    let copy = report.clone();
    assert_eq!(
        report.violations(),
        [
            violation(
                "/a~1b",
                Some(""),
                Rule::Required,
                "member ``",
                "an object with 2 members"
            ),
            violation(
                "/a~1b/7",
                Some("x"),
                Rule::UnknownProperty,
                "no other members",
                "null"
            ),
            violation("/a~1b", None, Rule::Enum, "owned", "boolean true"),
        ]
    );
    assert_eq!(copy, report);
    assert_eq!(
        format!("{copy:?}"),
        format!(
            "Report {{ valid: false, total: 3, violations: {:?} }}",
            report.violations()
        )
    );
    assert_eq!(
        report.to_json().to_string(),
        json!({
            "valid": false,
            "total": 3,
            "violations": report.violations(),
        })
        .to_string()
    );
    assert!(
        Checker::new(Limits::DEFAULT)
            .finish()
            .violations()
            .is_empty()
    );
}

#[test]
fn a_report_after_a_dropped_one_records_only_its_own_violations() {
    let report_of = |found: &str, violations: usize| {
        let value = json!(found);
        let mut checker = Checker::new(Limits::DEFAULT);
        for index in 0..violations {
            checker.enter_index(index);
            checker.wrong_type("a number", &Seen::of(&value));
            checker.leave();
        }
        checker.finish()
    };
    // Many violations, then few, then many again on this thread: each report's buffers may be
    // the last dropped report's, emptied.
    let first = report_of("a long text that fills the first report's buffer", 40);
    let expected_first = first.violations().to_vec();
    drop(first);
    let second = report_of("b", 2);
    assert_eq!(second.total(), 2);
    assert_eq!(
        second.violations()[1].to_string(),
        r#"/1: type: expected a number, found string "b""#
    );
    drop(second);
    assert_eq!(
        report_of("a long text that fills the first report's buffer", 40).violations(),
        expected_first
    );
}

#[test]
fn tildes_and_slashes_are_found_at_every_offset() {
    for length in 0..20 {
        for at in 0..length {
            for special in [b'~', b'/'] {
                let mut bytes = vec![b'a'; length];
                bytes[at] = special;
                assert!(has_tilde_or_slash(&bytes), "{bytes:?}");
            }
        }
        assert!(!has_tilde_or_slash(&vec![b'a'; length]));
    }
    let near: Vec<u8> = (0..=255u8).filter(|b| !matches!(b, b'~' | b'/')).collect();
    assert!(!has_tilde_or_slash(&near));
    assert!(!has_tilde_or_slash("~".repeat(0).as_bytes()));
    assert!(has_tilde_or_slash("é漢字🦀/".as_bytes()));
}

#[test]
fn violations_beyond_the_limit_are_counted() {
    let limits = Limits {
        max_violations: 1,
        ..Limits::DEFAULT
    };
    let mut checker = Checker::new(limits);
    for _ in 0..3 {
        checker.missing("a", "member `a`", &Seen::Object(0));
        checker.check_range(&Seen::Number(3u64.into()), None, NON_NEGATIVE, "x");
    }
    let report = checker.finish();
    assert_eq!((report.total(), report.violations().len()), (6, 1));
    assert!(!report.is_valid());
}

#[test]
fn reports_keep_at_most_the_limit_and_count_the_rest() {
    let limits = Limits {
        max_violations: 2,
        ..Limits::DEFAULT
    };
    let report = <Vec<String>>::validate_with(&json!([1, 2, 3, 4, 5]), limits);
    assert_eq!(report.total(), 5);
    assert_eq!(report.violations().len(), 2);
    assert!(report.is_truncated());
    assert!(report.to_string().contains("... and 3 more"), "{report}");
}

#[test]
fn masking_keeps_pointers_and_rules_and_drops_values() {
    let report = <Vec<bool>>::validate(&json!(["alice@example.com"]));
    let masked = report.masked();
    assert!(report.violations()[0].found.contains("alice@example.com"));
    assert_eq!(masked.violations()[0].found, "string");
    assert_eq!(masked.violations()[0].pointer, "/0");
    assert_eq!(masked.violations()[0].rule, Rule::Type);
    assert!(!masked.to_json().to_string().contains("alice"));
}

#[test]
fn integers_in_json_schema_sense() {
    assert!(<u64>::validate(&json!(2.0)).is_valid());
    assert!(!<u64>::validate(&json!(2.5)).is_valid());
    assert_eq!(
        <u64>::validate(&json!(-1)).violations()[0].rule,
        Rule::Range
    );
    assert_eq!(
        <u64>::validate(&json!("1")).violations()[0].rule,
        Rule::Type
    );
}

#[test]
fn bounds_compare_exactly() {
    use std::cmp::Ordering::*;
    let max = Bound::Integer(9_007_199_254_740_991);
    assert_eq!(
        compare(&Number::from(9_007_199_254_740_992u64), max),
        Greater
    );
    assert_eq!(
        compare(&Number::from_f64(9_007_199_254_740_992.0).unwrap(), max),
        Greater
    );
    assert_eq!(
        compare(&Number::from_f64(0.5).unwrap(), Bound::Integer(0)),
        Greater
    );
    assert_eq!(
        compare(&Number::from_f64(-0.5).unwrap(), Bound::Integer(0)),
        Less
    );
    assert_eq!(compare(&Number::from(0u64), Bound::Float(0.5)), Less);
    assert_eq!(compare(&Number::from_f64(1e300).unwrap(), max), Greater);
}

#[test]
fn bytes_that_are_not_a_document_are_reported_with_their_position() {
    let report = String::validate_slice(b"\"ok\"\n  \"\xff\"");
    let violation = &report.violations()[0];
    assert_eq!(violation.rule, Rule::Syntax);
    assert_eq!(
        violation.position,
        Some(TextPosition { line: 2, column: 4 })
    );

    let report = String::validate_slice(b"{\n  \"a\": 1e400\n}");
    assert_eq!(report.violations()[0].rule, Rule::Syntax);
    assert_eq!(report.violations()[0].position.map(|p| p.line), Some(2));

    let deep = "[".repeat(100_000);
    assert_eq!(
        Value::validate_slice(deep.as_bytes()).violations()[0].rule,
        Rule::Syntax
    );

    let limits = Limits {
        max_bytes: 4,
        ..Limits::DEFAULT
    };
    let report = String::validate_slice_with(b"\"12345\"", limits);
    assert_eq!(report.violations()[0].rule, Rule::Size);
}
