use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(with = "String")]
pub struct Code(pub String);

fn main() {}
