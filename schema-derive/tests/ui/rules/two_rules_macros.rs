use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(at_least_one("a")))]
#[schemars(transform = schema_runtime::rules!(at_least_one("b")))]
pub struct Pair {
    pub a: Option<String>,
    pub b: Option<String>,
}

fn main() {}
