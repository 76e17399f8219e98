use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(extend("maximum" = "10"))]
pub struct Count(pub u64);

fn main() {}
