use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Count(#[schemars(range(min = 10, max = 1))] pub u64);

fn main() {}
