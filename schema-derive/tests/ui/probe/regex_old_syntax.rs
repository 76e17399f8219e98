use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(regex = "^a$")]
pub struct Code(pub String);

fn main() {}
