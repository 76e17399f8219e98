use schema_runtime::optional_members;

#[optional_members]
pub enum Plan {
    Free,
    Paid(Option<String>),
}

fn main() {}
