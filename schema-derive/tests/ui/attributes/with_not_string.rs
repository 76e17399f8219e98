use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Account {
    #[schemars(with = 5)]
    pub name: String,
}

fn main() {}
