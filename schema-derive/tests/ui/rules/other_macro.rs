use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::other!(at_least_one("user")))]
pub struct Call {
    pub user: Option<String>,
}

fn main() {}
