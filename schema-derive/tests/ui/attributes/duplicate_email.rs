use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Address(#[schemars(email, email)] pub String);

fn main() {}
