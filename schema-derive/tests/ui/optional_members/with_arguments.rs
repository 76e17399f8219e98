use schema_runtime::optional_members;

#[optional_members(nullable)]
pub struct Account {
    pub note: Option<String>,
}

fn main() {}
