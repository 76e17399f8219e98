use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(email, email)]
pub struct Address(pub String);

fn main() {}
