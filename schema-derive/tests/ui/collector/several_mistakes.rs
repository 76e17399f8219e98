use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = add_title)]
pub struct Report {
    #[schemars(regex(pattern = "["))]
    pub name: String,
    #[schemars(length(min = 5, max = 2))]
    pub items: Vec<String>,
    #[serde(skip)]
    pub cache: String,
    #[serde(flatten)]
    pub rest: String,
}

fn main() {}
