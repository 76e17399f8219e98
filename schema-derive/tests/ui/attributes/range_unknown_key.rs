use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Count(#[schemars(range(minimum = 1))] pub u64);

fn main() {}
