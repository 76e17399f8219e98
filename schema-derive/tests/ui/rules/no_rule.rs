use schema_runtime::validate::Validate;

#[derive(Validate)]
#[serde(rename_all = "camelCase")]
#[schemars(transform = schema_runtime::rules!())]
pub struct Call {
    pub user_id: Option<String>,
    pub anonymous_id: Option<String>,
    pub view_mode: bool,
    pub is_anonymous: bool,
}

fn main() {}
