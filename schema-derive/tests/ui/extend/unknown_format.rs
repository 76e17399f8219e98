use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(extend("format" = "uint64"))]
pub struct Count(pub u64);

fn main() {}
