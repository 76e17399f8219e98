use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Count(#[schemars(range(min = "x"))] pub u64);

fn main() {}
