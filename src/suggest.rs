//! "Did you mean": the closest allowed value to a mistyped one, as clap offers for `--by`.

/// The allowed value closest to `typed` (Jaro-Winkler, as clap uses), if any is close enough
/// to be a likely typo.
pub fn closest<'a>(typed: &str, allowed: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.trim().to_lowercase();
    allowed
        .into_iter()
        .map(|a| (strsim::jaro_winkler(&typed, &a.to_lowercase()), a))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, a)| a)
}

/// `use one of: …`, led by `did you mean 'x'?` when one of them is close to `typed`.
pub fn use_one_of<'a>(typed: &str, allowed: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let list: Vec<&str> = allowed.clone().into_iter().collect();
    match closest(typed, allowed) {
        Some(near) => format!("did you mean '{near}'? use one of: {}", list.join(", ")),
        None => format!("use one of: {}", list.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_value_and_strangers_find_none() {
        let allowed = ["anonymous", "exclusive-anonymous", "secondhand"];
        assert_eq!(closest("anonymus", allowed), Some("anonymous"));
        assert_eq!(closest("Secondhnad", allowed), Some("secondhand"));
        assert_eq!(closest("zzz", allowed), None);
        assert!(use_one_of("anonymus", allowed).starts_with("did you mean 'anonymous'?"));
    }
}
