use schema_runtime::fixture::Fixture;

#[derive(Fixture)]
pub struct Account {
    #[schemars(regex(pattern = r"^[a-z]+$"))]
    pub name: String,
}

fn main() {
    let _ = Account::fixture().name("ada").build();
}
