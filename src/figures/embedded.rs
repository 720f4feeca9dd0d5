//! The figures compiled into stance: one YAML file per figure under `assets/figures/`.
//!
//! They belong to the built-in article, so the loader attaches them to the
//! document whose id is [`DOCUMENT`] (the article itself, or its JSON dump);
//! another article's paragraphs are not theirs to cite. A test checks that
//! every file in `assets/figures/` is listed here, under its own id.

/// The id of the document the embedded figures belong to.
pub const DOCUMENT: &str = "deepseek-industrial-policy";

/// `("assets/figures/<id>.yaml", <its text>)`: the name in messages is the file's path in the project.
macro_rules! figure_file {
    ($id:literal) => {
        (
            concat!("assets/figures/", $id, ".yaml"),
            include_str!(concat!("../../assets/figures/", $id, ".yaml")),
        )
    };
}

/// Each embedded figure file, in the order the figures are listed: its name in messages, and its text.
pub const FILES: [(&str, &str); 9] = [
    figure_file!("deepseek-users"),
    figure_file!("us-money"),
    figure_file!("diffusion-tiers"),
    figure_file!("team-size"),
    figure_file!("china-compute"),
    figure_file!("occupancy"),
    figure_file!("h100-rent"),
    figure_file!("revenue"),
    figure_file!("market-share"),
];
