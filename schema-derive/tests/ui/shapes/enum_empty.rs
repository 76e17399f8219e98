use schema_runtime::validate::Validate;

#[derive(Validate)]
pub enum Never {}

fn main() {}
