use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(range(min = 10, max = 1))]
pub struct Count(pub u64);

fn main() {}
