use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Account {
    #[serde(alias = "username")]
    pub name: String,
}

fn main() {}
