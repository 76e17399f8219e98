use schema_types::validate::Validate;

use schema_types::fixture::Fixture;

#[derive(Validate, Fixture)]
#[schemars(transform = add_title)]
pub struct Account {
    pub name: String,
}

fn main() {}
