use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(with = "String")]
pub struct Code(pub String);

fn main() {}
