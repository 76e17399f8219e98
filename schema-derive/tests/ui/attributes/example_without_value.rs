use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(example)]
pub struct Code(pub String);

fn main() {}
