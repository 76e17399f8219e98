use schema_types::validate::Validate;

#[derive(Validate)]
pub struct Account {
    #[serde(alias = "username")]
    pub name: String,
}

fn main() {}
