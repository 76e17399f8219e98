use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Account {
    pub name: String,
    #[serde(skip)]
    pub cache: String,
}

fn main() {}
