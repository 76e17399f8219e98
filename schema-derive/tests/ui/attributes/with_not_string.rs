use schema_types::validate::Validate;

#[derive(Validate)]
pub struct Account {
    #[schemars(with = 5)]
    pub name: String,
}

fn main() {}
