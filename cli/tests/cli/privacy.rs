//! `privacy`: the JSON form is the library's inventory, the human form lists what identifies and
//! leaves out what does not.

use schema_types::registry::PAYLOADS;
use serde_json::Value;

use crate::support::run;

#[test]
fn privacy_json_is_the_library_inventory() {
    let run = run(&["privacy", "--all", "--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let printed: Value = serde_json::from_str(&run.stdout).unwrap();
    let expected: Vec<Value> = PAYLOADS
        .iter()
        .map(|kind| serde_json::to_value(schema_types::privacy::inventory(kind).unwrap()).unwrap())
        .collect();
    assert_eq!(printed["payloads"], Value::Array(expected));
    let human = self::run(&["privacy", "hasura/cli-execution"]);
    assert!(human.stdout.contains("/execution_id"), "{}", human.stdout);
    assert!(
        !human.stdout.contains("/is_error"),
        "flags identify nothing: {}",
        human.stdout
    );
    let unknown = self::run(&["privacy", "hasura/cli"]);
    assert_eq!(unknown.status, 2);
}
