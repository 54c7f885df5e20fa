//! Whom the claims are to be about: `--person NAME` (the name and its surname) and `--people
//! FILE`, one person a line with their aliases: `Kim Cattrall, Cattrall, Kim`.

use std::path::Path;

use super::article::shown;
use super::names::contains_word;
use crate::error::{Error, Result};

/// A person asked for, and the names that find them (lower-case).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Person {
    name: String,
    aliases: Vec<String>,
}

/// The people asked for; empty when none was.
#[derive(Debug, Clone, Default)]
pub struct People {
    people: Vec<Person>,
}

impl People {
    /// From the `--person` values and an optional `--people` file.
    pub fn new(names: &[String], file: Option<&Path>) -> Result<People> {
        let mut people = People::default();
        for name in names {
            let name = name.trim();
            if name.is_empty() {
                return Err(Error::Usage("--person: the name is empty".into()));
            }
            let mut aliases = vec![name.to_string()];
            if let Some((_, surname)) = name.rsplit_once(' ') {
                aliases.push(surname.to_string());
            }
            people.push(name, aliases);
        }
        if let Some(path) = file {
            let path_name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| Error::File {
                path: path_name.clone(),
                message: format!("cannot read the people file: {e}"),
            })?;
            for (i, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let mut parts = line.split(',').map(str::trim).filter(|p| !p.is_empty());
                let Some(name) = parts.next() else {
                    return Err(Error::File {
                        path: path_name,
                        message: format!(
                            "line {}: expected `Name, alias, alias`, got {}",
                            i + 1,
                            shown(line)
                        ),
                    });
                };
                let mut aliases: Vec<String> = vec![name.to_string()];
                aliases.extend(parts.map(str::to_string));
                people.push(name, aliases);
            }
        }
        Ok(people)
    }

    fn push(&mut self, name: &str, aliases: Vec<String>) {
        let aliases = aliases.into_iter().map(|a| a.to_lowercase()).collect();
        self.people.push(Person {
            name: name.to_string(),
            aliases,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// The person asked for that `name` (a full name) is, if any.
    pub fn find(&self, name: &str) -> Option<&str> {
        let name = name.to_lowercase();
        if name.is_empty() {
            return None;
        }
        self.people
            .iter()
            .find(|p| {
                p.aliases
                    .iter()
                    .any(|a| *a == name || contains_word(&name, a))
            })
            .map(|p| p.name.as_str())
    }

    /// The first person asked for that `text` names, by any alias (whole words, any case).
    pub fn named_in(&self, text: &str) -> Option<&str> {
        let text = text.to_lowercase();
        self.people
            .iter()
            .find(|p| p.aliases.iter().any(|a| contains_word(&text, a)))
            .map(|p| p.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_is_found_by_name_or_surname_and_aliases_from_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("people.txt");
        std::fs::write(&file, "# who\nDara Quill, Quill, DQ\n\n").unwrap();
        let p = People::new(&["Orin Marsh".into()], Some(&file)).unwrap();
        assert_eq!(p.named_in("Then marsh left."), Some("Orin Marsh"));
        assert_eq!(p.named_in("DQ said no."), Some("Dara Quill"));
        assert_eq!(p.named_in("Orinoco said no."), None);
        assert_eq!(p.find("Dara Quill"), Some("Dara Quill"));
        assert_eq!(p.find("Someone Else"), None);
    }
}
