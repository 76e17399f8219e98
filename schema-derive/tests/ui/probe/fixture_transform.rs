use schema_types::fixture::Fixture;

#[derive(Fixture)]
#[schemars(transform = add_title)]
pub struct Account {
    pub name: String,
}

fn main() {}
