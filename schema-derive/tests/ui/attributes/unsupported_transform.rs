use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = add_title)]
pub struct Account {
    pub name: String,
}

fn main() {}
