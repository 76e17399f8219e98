use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(extend(format = "uuid"))]
pub struct Id(pub String);

fn main() {}
