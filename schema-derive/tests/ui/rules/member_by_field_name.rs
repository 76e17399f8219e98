use schema_runtime::validate::Validate;

#[derive(Validate)]
#[serde(rename_all = "camelCase")]
#[schemars(transform = schema_runtime::rules!(at_least_one("user_id")))]
pub struct Call {
    pub user_id: Option<String>,
}

fn main() {}
