use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(extend("minLength" = "3"))]
pub struct Code(pub String);

fn main() {}
