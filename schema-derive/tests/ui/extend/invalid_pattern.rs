use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(extend("pattern" = "["))]
pub struct Code(pub String);

fn main() {}
