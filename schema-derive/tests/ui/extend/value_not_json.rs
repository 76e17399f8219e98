use schema_runtime::validate::Validate;

const MAX: u64 = 10;

#[derive(Validate)]
#[schemars(extend("maximum" = MAX))]
pub struct Count(pub u64);

fn main() {}
