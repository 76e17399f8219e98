use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Account {
    #[schemars(required)]
    pub name: Option<String>,
}

fn main() {}
