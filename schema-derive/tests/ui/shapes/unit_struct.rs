use schema_types::validate::Validate;

#[derive(Validate)]
pub struct Nothing;

fn main() {}
