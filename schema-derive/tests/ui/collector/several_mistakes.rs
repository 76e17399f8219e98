use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(transform = add_title)]
pub struct Report<T> {
    #[schemars(regex(pattern = "["))]
    pub name: String,
    #[schemars(length(min = 5, max = 2))]
    pub items: Vec<T>,
    #[serde(flatten)]
    pub rest: String,
}

fn main() {}
