//! Every kind of declaration the derives read, together on types that must compile.

use std::collections::BTreeMap;

use schema_runtime::fixture::Fixture;
use schema_runtime::validate::Validate;

#[derive(Validate, Fixture)]
#[serde(transparent)]
#[schemars(example = 3, extend("minimum" = -1, "maximum" = 5))]
pub struct Level(pub u64);

#[derive(Validate, Fixture)]
#[serde(transparent)]
#[schemars(example = "abc", extend("minLength" = 1, "maxLength" = 5, "x-note" = "kept"))]
pub struct Code(#[schemars(regex(pattern = r"^[a-z]+$"))] pub String);

#[derive(Validate, Fixture)]
#[serde(transparent)]
#[schemars(example = "::1", extend("anyOf" = [{ "format": "ipv4" }, { "format": "ipv6" }]))]
pub struct Address(pub String);

#[derive(Validate, Fixture)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mode {
    Edit,
    #[serde(rename = "view")]
    View,
}

#[derive(Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Page {
    pub level: Level,
    pub code_name: Code,
    pub mode: Mode,
    #[schemars(length(min = 1, max = 3))]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "bool")]
    pub flag: Option<bool>,
}

#[derive(Validate, Fixture)]
pub struct Open {
    pub page: Page,
    #[serde(flatten)]
    pub other: BTreeMap<String, Vec<Code>>,
}

fn main() {
    let page = Page::fixture().code_name(Code("xyz".to_owned())).build();
    assert_eq!(page.addresses.len(), 1);
    let _ = Open::fixture().page(Page::fixture()).build();
}
