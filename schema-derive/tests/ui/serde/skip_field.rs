use schema_types::validate::Validate;

#[derive(Validate)]
pub struct Account {
    pub name: String,
    #[serde(skip)]
    pub cache: String,
}

fn main() {}
