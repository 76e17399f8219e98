use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Nothing;

fn main() {}
