//! The derives and their runtime on types of a user's own, which have nothing to do with
//! telemetry: a crate that depends only on `schema-runtime` (and serde, schemars) gets a
//! validator that agrees with the `jsonschema` crate on the schema schemars writes for the same
//! type, document for document, on both validation paths.

use std::collections::BTreeSet;

use schema_runtime::{Fixture, Nullable, Validate, optional_members};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// An order id: a constrained newtype, declared once.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(transparent)]
#[schemars(example = "ord-0042")]
struct OrderId(#[schemars(regex(pattern = r"^ord-[0-9]{4}$"))] String);

/// An e-mail address.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(transparent)]
#[schemars(example = "ada@example.com", extend("format" = "email"))]
struct Email(String);

/// A quantity between 1 and 99.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(transparent)]
#[schemars(example = 1, extend("minimum" = 1, "maximum" = 99))]
struct Quantity(u64);

/// How the order is paid.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(rename_all = "kebab-case")]
enum Payment {
    Card,
    BankTransfer,
}

/// One line of an order.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
struct Line {
    /// The article.
    sku: String,
    /// How many.
    quantity: Quantity,
}

/// Where the order goes: an open object (other members are allowed).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
struct Address {
    /// The city.
    city: String,
}

/// An order, as a web shop of one's own might receive it.
#[optional_members]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Order {
    /// The order's id.
    order_id: OrderId,
    /// Who ordered.
    customer_email: Email,
    /// How it is paid.
    payment: Payment,
    /// What was ordered: at least one line.
    #[schemars(length(min = 1))]
    lines: Vec<Line>,
    /// Where it goes; `null` for a pick-up.
    shipping: Nullable<Address>,
    /// A note, when the customer left one, or `null` (the member states its own reading of
    /// `None`, so `#[optional_members]` leaves it as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// A message to print on the gift wrap, when there is one: absent otherwise, never `null`
    /// (`#[optional_members]`).
    gift_message: Option<String>,
}

/// The schema schemars writes for `Order`, compiled by `jsonschema` with formats checked.
fn oracle() -> jsonschema::Validator {
    let schema = serde_json::to_value(schemars::schema_for!(Order)).expect("a schema serialises");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schemars writes a valid schema")
}

/// The instance paths of the violations the derived validator reports on both paths (which
/// must agree), and whether the document is valid.
fn ours(document: &Value) -> (bool, BTreeSet<String>) {
    let parsed = Order::validate(document);
    let bytes = serde_json::to_vec(document).expect("a value serialises");
    let streamed = Order::validate_slice(&bytes);
    let pointers = |report: &schema_runtime::validate::Report| -> BTreeSet<String> {
        report
            .violations()
            .iter()
            .map(|v| v.pointer.clone())
            .collect()
    };
    assert_eq!(pointers(&parsed), pointers(&streamed), "{document}");
    assert_eq!(parsed.total(), streamed.total(), "{document}");
    (parsed.is_valid(), pointers(&parsed))
}

fn theirs(oracle: &jsonschema::Validator, document: &Value) -> (bool, BTreeSet<String>) {
    let pointers: BTreeSet<String> = oracle
        .iter_errors(document)
        .map(|error| error.instance_path().as_str().to_owned())
        .collect();
    (pointers.is_empty(), pointers)
}

/// A valid order, from the fixture builders.
fn valid() -> Value {
    let order = Order::fixture()
        .lines(vec![Line::fixture().sku("A-1").build()])
        .shipping(Address::fixture().city("Lyon").build())
        .build();
    serde_json::to_value(order).expect("an order serialises")
}

/// Documents of `Order`: valid ones first (`VALID` of them), then documents each breaking one
/// or several of its constraints.
fn documents() -> Vec<Value> {
    let base = valid();
    let edit = |change: &dyn Fn(&mut Value)| {
        let mut document = base.clone();
        change(&mut document);
        document
    };
    vec![
        base.clone(),
        edit(&|d| d["shipping"] = Value::Null),
        edit(&|d| d["note"] = json!("leave it at the door")),
        edit(&|d| d["shipping"]["floor"] = json!(3)),
        edit(&|d| d["note"] = Value::Null),
        edit(&|d| d["giftMessage"] = json!("Happy birthday")),
        edit(&|d| d["giftMessage"] = Value::Null),
        edit(&|d| d["giftMessage"] = json!(5)),
        edit(&|d| d["orderId"] = json!("ORD-42")),
        edit(&|d| d["customerEmail"] = json!("not an e-mail")),
        edit(&|d| d["payment"] = json!("cash")),
        edit(&|d| d["payment"] = json!(7)),
        edit(&|d| d["lines"] = json!([])),
        edit(&|d| d["lines"][0]["quantity"] = json!(100)),
        edit(&|d| d["lines"][0]["quantity"] = json!(0.5)),
        edit(&|d| d["lines"][0]["extra"] = json!(true)),
        edit(&|d| {
            d.as_object_mut().expect("an object").remove("shipping");
        }),
        edit(&|d| d["coupon"] = json!("SUMMER")),
        json!([]),
        json!({}),
    ]
}

/// How many of [`documents`] come first as valid ones.
const VALID: usize = 6;

#[test]
fn the_derived_validator_agrees_with_jsonschema_on_a_users_own_type() {
    let oracle = oracle();
    for (index, document) in documents().iter().enumerate() {
        let ours = ours(document);
        assert_eq!(ours, theirs(&oracle, document), "{document}");
        assert_eq!(ours.0, index < VALID, "{document}");
    }
}

#[test]
fn what_the_validator_accepts_deserialises() {
    for document in documents() {
        if Order::validate(&document).is_valid() {
            serde_json::from_value::<Order>(document.clone())
                .unwrap_or_else(|error| panic!("{document}: {error}"));
        }
    }
}

#[test]
fn the_fixture_default_is_valid() {
    let default = serde_json::to_value(Order::fixture_default()).expect("serialises");
    assert!(Order::validate(&default).is_valid(), "{default}");
    assert!(oracle().is_valid(&default));
}

#[test]
fn an_option_member_under_optional_members_is_optional_and_never_null() {
    let schema = serde_json::to_value(schemars::schema_for!(Order)).expect("a schema serialises");
    let required = schema["required"].as_array().expect("required members");
    assert!(!required.contains(&json!("giftMessage")), "{schema}");
    assert_eq!(schema["properties"]["giftMessage"]["type"], "string");
    // The member that states its own reading keeps it: optional, and `null` allowed.
    assert!(!required.contains(&json!("note")), "{schema}");
    assert_eq!(
        schema["properties"]["note"]["type"],
        json!(["string", "null"])
    );
    // Absent when `None`, as serde writes it.
    let default = serde_json::to_value(Order::fixture_default()).expect("serialises");
    assert!(default.get("giftMessage").is_none(), "{default}");
}
