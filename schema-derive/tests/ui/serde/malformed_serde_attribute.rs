use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Account {
    #[serde(rename = 5)]
    pub id: String,
}

fn main() {}
