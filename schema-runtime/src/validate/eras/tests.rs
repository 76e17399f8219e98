use super::clues::Clues;
use super::trial_order;
use crate::validate::{Era, Limits, ObjectMembers, Validate};

fn era(name: &'static str, documented: bool) -> Era {
    Era::of::<String>(name, documented)
}

#[test]
fn the_documented_era_is_tried_first_then_the_newest() {
    let eras = [era("2019", false), era("2021", true), era("2023", false)];
    assert_eq!(trial_order(&eras).collect::<Vec<_>>(), [1, 2, 0]);
    let undocumented = [era("2019", false), era("2021", false)];
    assert_eq!(trial_order(&undocumented).collect::<Vec<_>>(), [1, 0]);
    let _ = <String as Validate>::ERAS;
}

/// Three eras: the newest names a nested member of its own, the middle one a member of its
/// own, and both the members of the oldest.
mod shapes {
    #![allow(dead_code)] // only validated, never built

    use crate::validate::Validate;

    #[derive(Validate)]
    #[serde(deny_unknown_fields)]
    pub struct Old {
        pub a: u64,
        pub note: Option<String>,
    }

    #[derive(Validate)]
    #[serde(deny_unknown_fields)]
    pub struct Middle {
        #[serde(flatten)]
        pub old: Old,
        pub b: u64,
    }

    #[derive(Validate)]
    #[serde(deny_unknown_fields)]
    pub struct Inner {
        pub c: u64,
        #[serde(rename = "d/e")]
        pub d: u64,
    }

    #[derive(Validate)]
    #[serde(deny_unknown_fields)]
    pub struct New {
        pub a: u64,
        pub inner: Inner,
    }

    #[derive(Validate)]
    #[serde(untagged)]
    pub enum Doc {
        #[schemars(extend("x-era" = { "name": "old", "documented": true }))]
        Old(Old),
        #[schemars(extend("x-era" = "middle"))]
        Middle(Middle),
        #[schemars(extend("x-era" = "new"))]
        New(New),
    }
}

/// Two eras: the oldest, and one that requires three more members of the document and two
/// of an object within it.
mod wide {
    #![allow(dead_code)] // only validated, never built

    use crate::validate::Validate;

    #[derive(Validate)]
    #[serde(deny_unknown_fields)]
    pub struct Within {
        pub x: u64,
        pub y: u64,
    }

    #[derive(Validate)]
    #[serde(deny_unknown_fields)]
    pub struct Wide {
        pub a: u64,
        pub p: u64,
        pub q: u64,
        pub r: u64,
        pub within: Within,
    }

    #[derive(Validate)]
    #[serde(untagged)]
    pub enum Doc {
        #[schemars(extend("x-era" = { "name": "old", "documented": true }))]
        Old(super::shapes::Old),
        #[schemars(extend("x-era" = "wide"))]
        Wide(Wide),
    }
}

use shapes::Doc;

fn clue_names(eras: &[Era]) -> Vec<Vec<String>> {
    let clues = Clues::new();
    let names = clues.of(eras);
    (0..eras.len())
        .map(|index| names.clue_names(index))
        .collect()
}

#[test]
fn an_era_asks_for_the_required_names_other_eras_do_not_all_ask_for() {
    let members = |of: fn(&mut ObjectMembers)| {
        let mut members = ObjectMembers::new();
        of(&mut members);
        members
            .required()
            .iter()
            .map(|(at, name)| (at.join("/"), *name))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        members(<shapes::Middle as Validate>::object_members),
        [(String::new(), "a"), (String::new(), "b")],
        "a flattened struct's members, of the same object; not an optional one"
    );
    assert_eq!(
        members(<shapes::New as Validate>::object_members),
        [
            (String::new(), "a"),
            (String::new(), "inner"),
            ("inner".to_owned(), "c"),
            ("inner".to_owned(), "d/e"),
        ]
    );
    // `a` is asked for by every era; `d/e` may be written `d\/e`.
    assert_eq!(
        clue_names(Doc::ERAS),
        [
            Vec::<String>::new(),
            vec!["b".to_owned()],
            vec!["c".to_owned(), "inner".to_owned()]
        ]
    );
}

#[test]
fn each_document_is_named_after_the_era_it_is_of_whatever_the_order_of_trial() {
    for (document, era) in [
        (r#"{"a": 1}"#, "old"),
        (r#"{"a": 1, "b": 2}"#, "middle"),
        (r#"{"a": 1, "inner": {"c": 3, "d/e": 4}}"#, "new"),
        // An escape may spell any name: the bytes rule no era out.
        (r#"{"a": 1, "\u0062": 2}"#, "middle"),
        (r#"{"a": 1, "\u0069nner": {"c": 3, "d/e": 4}}"#, "new"),
        (r#"{"a": 1, "inner": {"c": 3, "d\/e": 4}}"#, "new"),
        // Every pass gives up at the first `a`; the last one wins.
        (r#"{"a": "x", "b": 2, "a": 1}"#, "middle"),
        (
            r#"{"a": "x", "a": 1, "inner": {"c": "y", "d/e": 4, "c": 5}}"#,
            "new",
        ),
    ] {
        let report = Doc::validate_slice(document.as_bytes());
        assert!(report.is_valid(), "{document}: {report}");
        assert_eq!(report.era(), Some(era), "{document}");
        let parsed: serde_json::Value = serde_json::from_str(document).unwrap();
        assert_eq!(Doc::validate(&parsed).era(), Some(era), "{document}");
    }
}

#[test]
fn an_invalid_document_is_held_against_the_closest_era_whether_or_not_it_names_its_members() {
    for (document, era, total) in [
        // Closest: `new` (one wrong type) though `old` is tried first and `middle` lacks
        // nothing it can tell.
        (r#"{"a": 1, "inner": {"c": "3", "d/e": 4}}"#, "new", 1),
        // `b` is named by the bytes, but as a value: `middle` is judged in full and refuses
        // it with two violations, `old` with one (the unknown `x`).
        (r#"{"a": 1, "x": "b"}"#, "old", 1),
        (r#"{"note": "n", "a": 1, "z": 0}"#, "old", 1),
        (r#"{"a": "1"}"#, "old", 1),
        (r#"{}"#, "old", 1),
        // One violation in every era: the newest, whose names are not there, is only
        // counted at first, then judged in full.
        (r#"[]"#, "new", 1),
        // Names spelled with escapes: the bytes rule no era out, the reports still do.
        (r#"{"a": 1, "\u0069nner": {"c": "3", "d/e": 4}}"#, "new", 1),
        (r#"{"\u0061": "1"}"#, "old", 1),
        (r#"{"a": 1, "x": "\u0062"}"#, "old", 1),
    ] {
        let parsed: serde_json::Value = serde_json::from_str(document).unwrap();
        for report in [
            Doc::validate_slice(document.as_bytes()),
            Doc::validate(&parsed),
        ] {
            assert!(!report.is_valid(), "{document}");
            assert_eq!(report.era(), Some(era), "{document}: {report}");
            assert_eq!(report.total(), total, "{document}: {report}");
            assert_eq!(
                report.violations().len(),
                total,
                "{document}: rendered in full"
            );
        }
    }
    let counted = Doc::validate_slice_with(
        br#"{"q": 1}"#,
        Limits {
            max_violations: 0,
            ..Limits::DEFAULT
        },
    );
    assert_eq!((counted.total(), counted.violations().len()), (2, 0));
}

#[test]
fn an_era_owes_a_violation_for_each_member_lacking_from_an_object_another_report_shows() {
    let eras = wide::Doc::ERAS;
    let clues = Clues::new();
    let clues = clues.of(eras);
    let wide = &clues.eras[1];
    assert_eq!(clues.objects_of(0), [""]);
    assert_eq!(clues.objects_of(1), ["", "within"]);
    let (root, within) = (clues.object(&[]), clues.object(&["within"]));
    // The document's root is an object for `old` (its one violation is at `/a`): `wide`
    // owes `p`, `q`, `r` and `within` there, and nothing within `within`, an object `old`
    // knows nothing of. `old` admits no member but `a` and `note`, and its report finds no
    // other: the document has none of the four, which the report settles alone, whatever
    // bytes are asked (here bytes that hold them all).
    let bytes = br#"{"a": "x"}"#;
    let report = eras[0].validate_slice(bytes);
    let shown = clues.shown_by(0, &report, false);
    assert!(shown.shows(root));
    assert!(!shown.shows(within));
    assert!(shown.admits_only_named(root));
    let holding_all = br#"{"p": 1, "q": 1, "r": 1, "within": 1}"#;
    let mut held = clues.held_searching(holding_all, 0);
    assert_eq!(wide.owed_at_least(&mut held, shown, 5), 4);
    assert!(wide.refused_by(shown));
    // A report that finds a member `old` does not allow at the root settles nothing there:
    // the bytes are asked.
    let report = eras[0].validate_slice(br#"{"a": "x", "zz": 0}"#);
    let shown = clues.shown_by(0, &report, false);
    assert!(shown.shows(root));
    assert!(!shown.admits_only_named(root));
    assert!(!wide.refused_by(shown));
    let owed = |bytes: &[u8], enough| {
        wide.owed_at_least(&mut clues.held_searching(bytes, 0), shown, enough)
    };
    assert_eq!(owed(bytes, 5), 4);
    // Counted up to what is asked, no further.
    assert_eq!(owed(bytes, 2), 2);
    assert_eq!(owed(bytes, 9), 4);
    assert_eq!(owed(holding_all, 9), 0);
    // A member name is not owed, wherever it is; a name written as a value is.
    let named = br#"{"a": "x", "note": "p", "q": 1}"#;
    assert_eq!(owed(named, 5), 3);
    let elsewhere = br#"{"a": "x", "note": {"p": 1}, "within" : 2}"#;
    assert_eq!(owed(elsewhere, 5), 2);
    // A string with an escape names nothing; bytes that are no JSON text hold what they pair.
    assert_eq!(owed(br#"{"a": "x", "\"q\"": 1, "r\n": 2}"#, 5), 4);
    assert_eq!(owed(br#"{"p": 1, "q"#, 5), 3);
    // Searched for one by one, a name is held wherever it is between quotes, then walked.
    let searching = |bytes: &'static [u8], searches| {
        let mut held = clues.held_searching(bytes, searches);
        wide.owed_at_least(&mut held, clues.shown_by(0, &report, false), 5)
    };
    let as_values = br#"{"a": "x", "note": ["p", "q"]}"#;
    assert_eq!(searching(as_values, 4), 2);
    assert_eq!(searching(as_values, 1), 3);
    assert_eq!(searching(as_values, 0), 4);
    // Quotes are found past the first 64 bytes, and a name after an escaped backslash counts.
    let long = format!(r#"{{"note": "{}\\", "p": 1, "q": 2}}"#, "n".repeat(100));
    assert_eq!(owed(long.as_bytes(), 5), 2);
    // A document that is no object: `old` reports a `type` at the root, which shows nothing.
    let array = eras[0].validate_slice(b"[]");
    assert!(!clues.shown_by(0, &array, false).shows(root));
    // The era of `wide` itself: `within` is shown unless it is of another type or lacking.
    for (bytes, shows_within) in [
        (
            &br#"{"a": 1, "p": 1, "q": 1, "r": 1, "within": {}}"#[..],
            true,
        ),
        (br#"{"a": 1, "p": 1, "q": 1, "r": 1, "within": 5}"#, false),
        (br#"{"a": 1, "p": 1, "q": 1, "r": 1}"#, false),
    ] {
        let report = eras[1].validate_slice(bytes);
        assert_eq!(
            clues.shown_by(1, &report, false).shows(within),
            shows_within,
            "{report}"
        );
    }
}

#[test]
fn an_era_that_owes_more_than_the_closest_has_is_not_counted_and_the_verdict_stands() {
    for (document, era, total) in [
        // `wide` owes `p`, `q`, `r`, `within` (and has the wrong `a`): `old` with one.
        (r#"{"a": "x"}"#, "old", 1),
        (r#"{"a": 1, "zz": 0}"#, "old", 1),
        // `old` has four unknown members, `wide` owes nothing it can tell and has one wrong
        // type within `within`.
        (
            r#"{"a": 1, "p": 1, "q": 1, "r": 1, "within": {"x": 1, "y": "2"}}"#,
            "wide",
            1,
        ),
        // Both lack their object's members: `old` one unknown member, `wide` four owed.
        (r#"{"a": 1, "within": {}}"#, "old", 1),
    ] {
        let parsed: serde_json::Value = serde_json::from_str(document).unwrap();
        let by_bytes = wide::Doc::validate_slice(document.as_bytes());
        let by_value = wide::Doc::validate(&parsed);
        for report in [&by_bytes, &by_value] {
            assert_eq!(report.era(), Some(era), "{document}: {report}");
            assert_eq!(report.total(), total, "{document}: {report}");
        }
        assert_eq!(by_bytes.violations(), by_value.violations(), "{document}");
    }
}

#[test]
fn bytes_that_are_no_document_get_the_report_of_no_era() {
    for bytes in [&b"{\"a\": "[..], b"[1, 2", b"\xff"] {
        let report = Doc::validate_slice(bytes);
        assert!(report.is_about_bytes(), "{report}");
        assert_eq!(report.era(), None);
    }
}
