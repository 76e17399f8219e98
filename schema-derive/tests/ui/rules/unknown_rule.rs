use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(exactly_one("user")))]
pub struct Call {
    pub user: Option<String>,
}

fn main() {}
