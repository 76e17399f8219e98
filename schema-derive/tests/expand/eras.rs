//! An untagged enum of eras: one newtype variant per shape an emitter has sent, oldest first,
//! the documented one marked. A document is valid when one era accepts it and its report names
//! that era; an invalid one gets the violations of the closest era (fewest, ties to the newest).

use schema_runtime::fixture::Fixture;
use schema_runtime::validate::Validate;
use serde::Serialize;
use serde_json::json;

mod support;
use support::{fixtures_are_valid, found};

/// The first shape: a name.
#[derive(Debug, PartialEq, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct First {
    name: String,
}

/// The second shape: a name and a count.
#[derive(Debug, PartialEq, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct Second {
    name: String,
    count: u64,
}

/// The third shape: a name, a count and a flag.
#[derive(Debug, PartialEq, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct Third {
    name: String,
    count: u64,
    flag: bool,
}

#[derive(Debug, PartialEq, Serialize, Validate, Fixture)]
#[serde(untagged)]
pub enum Ping {
    #[schemars(extend("x-era" = "2019"))]
    First(First),
    #[schemars(extend("x-era" = { "name": "2021", "documented": true }))]
    Second(Second),
    #[schemars(extend("x-era" = "2023"))]
    Third(Third),
}

fn main() {
    let names: Vec<(&str, bool)> = Ping::ERAS
        .iter()
        .map(|era| (era.name(), era.is_documented()))
        .collect();
    assert_eq!(names, [("2019", false), ("2021", true), ("2023", false)]);

    for (document, era) in [
        (json!({"name": "a"}), "2019"),
        (json!({"name": "a", "count": 1}), "2021"),
        (json!({"name": "a", "count": 1, "flag": true}), "2023"),
    ] {
        let parsed = Ping::validate(&document);
        let streamed = Ping::validate_slice(document.to_string().as_bytes());
        assert!(parsed.is_valid(), "{document}: {parsed}");
        assert_eq!(parsed.era(), Some(era));
        assert_eq!(parsed, streamed);
    }

    // One violation for the 2021 era (the count's type) and for the 2019 era (an unknown
    // member), two for 2023's: the tie goes to the newer, 2021.
    let wrong_count = json!({"name": "a", "count": "1"});
    let parsed = Ping::validate(&wrong_count);
    assert_eq!(parsed.era(), Some("2021"));
    assert_eq!(found(&parsed), [("/count".to_owned(), "type")]);
    assert_eq!(parsed, Ping::validate_slice(wrong_count.to_string().as_bytes()));

    // No member: one violation for 2019, two for 2021, three for 2023.
    let nameless = json!({});
    assert_eq!(Ping::validate(&nameless).era(), Some("2019"));

    // A tie goes to the newest: a flag of the wrong type is one violation for 2023, one (an
    // unknown member) for 2021.
    let wrong_flag = json!({"name": "a", "count": 1, "flag": 1});
    let parsed = Ping::validate(&wrong_flag);
    assert_eq!(parsed.era(), Some("2023"));
    assert_eq!(found(&parsed), [("/flag".to_owned(), "type")]);

    // Bytes that are no document name no era.
    let syntax = Ping::validate_slice(b"{");
    assert!(!syntax.is_valid());
    assert_eq!(syntax.era(), None);

    // One era alone, as a strict reader asks.
    let documented = Ping::ERAS.iter().find(|era| era.is_documented()).unwrap();
    let first = json!({"name": "a"});
    let report = documented.validate(&first);
    assert_eq!(report.era(), Some("2021"));
    assert_eq!(found(&report), [(String::new(), "required")]);
    assert_eq!(report, documented.validate_slice(first.to_string().as_bytes()));

    assert!(matches!(Ping::fixture_default(), Ping::Second(_)));
    fixtures_are_valid::<Ping>();
}
