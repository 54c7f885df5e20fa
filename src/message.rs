//! Input text shown in a message, made safe: a field's content must not forge a log line (a
//! quoted line break), drive the terminal (an ESC sequence), reorder what is shown (bidi
//! controls), or flood the log (a 10 MB bad date).

use std::fmt;

/// At most this many characters of a field are shown; a longer one is cut and its size given.
pub const SHOWN_CHARS: usize = 60;

/// `text` for a message: control and invisible format characters escaped (`\n`, `\r`, `\t`,
/// `\x1b`, `\u{202e}`; a backslash as `\\`), and cut after `SHOWN_CHARS` characters with the
/// field's size: `aaaa… (10000000 bytes)`.
pub fn field(text: &str) -> Field<'_> {
    Field(text)
}

pub struct Field<'a>(&'a str);

impl fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        for (shown, c) in text.chars().enumerate() {
            if shown == SHOWN_CHARS {
                return write!(f, "… ({} bytes)", text.len());
            }
            // A backslash doubled, so that an escape in a message is never the input's own.
            match c {
                '\\' => f.write_str("\\\\")?,
                c => escape_char(c, f)?,
            }
        }
        Ok(())
    }
}

/// Writes one character safe to show: line breaks and tabs as `\n`, `\r`, `\t`, other control
/// characters as `\x1b` (C1 ones as `\u{85}`), invisible format characters (bidi controls,
/// zero-width, BOM) as `\u{202e}`; any other character as itself. Shared by messages and the
/// terminal table.
pub fn escape_char(c: char, out: &mut impl fmt::Write) -> fmt::Result {
    match c {
        '\n' => out.write_str("\\n"),
        '\r' => out.write_str("\\r"),
        '\t' => out.write_str("\\t"),
        c if c.is_ascii_control() => write!(out, "\\x{:02x}", c as u32),
        c if c.is_control() || is_format(c) => write!(out, "\\u{{{:x}}}", c as u32),
        c => out.write_char(c),
    }
}

/// A list of fields for a message (a header's names): each made safe, at most 20 shown.
pub fn list(items: &[String]) -> String {
    let mut shown: Vec<String> = items
        .iter()
        .take(20)
        .map(|i| field(i).to_string())
        .collect();
    if items.len() > 20 {
        shown.push(format!("... ({} in all)", items.len()));
    }
    shown.join(", ")
}

/// Invisible characters that matter in names and on terminals: the format characters
/// (category Cf: the soft hyphen, the Arabic letter mark, zero-width spaces and joiners,
/// direction marks, embeddings, overrides and isolates, word joiners and invisible operators,
/// the byte-order mark, interlinear annotation marks, the tag characters) and the other
/// Default_Ignorable_Code_Points that render as nothing: the combining grapheme joiner, the
/// Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the Khmer inherent vowels, the Mongolian
/// vowel separator, the musical symbol controls, the shorthand format controls, and the
/// reserved ignorable code points (U+2065, U+FFF0–U+FFF8, U+E0080–U+E0FFF less the variation
/// selectors). Variation selectors are not here: they choose how a visible character looks
/// (an emoji, an ideograph), so a message or the terminal table shows them as they are; names
/// drop them too (`is_ignorable`).
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fffb}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e00ff}'
            | '\u{e01f0}'..='\u{e0fff}'
    )
}

/// What names ignore when they are matched and grouped: `is_format`, and the variation
/// selectors (Mongolian U+180B–U+180D and U+180F, U+FE00–U+FE0F, U+E0100–U+E01EF), which
/// change a glyph, not the name. With `is_format` this is every Default_Ignorable_Code_Point of
/// Unicode 16 (DerivedCoreProperties.txt).
pub fn is_ignorable(c: char) -> bool {
    is_format(c)
        || matches!(
            c,
            '\u{180b}'..='\u{180d}'
                | '\u{180f}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{e0100}'..='\u{e01ef}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_long_fields_cut() {
        assert_eq!(
            field("a\nb\x1b[31m\u{202e}").to_string(),
            "a\\nb\\x1b[31m\\u{202e}"
        );
        assert_eq!(field("plain 'text'").to_string(), "plain 'text'");
        let long = "x".repeat(1000);
        let shown = field(&long).to_string();
        assert_eq!(shown, format!("{}… (1000 bytes)", "x".repeat(SHOWN_CHARS)));
        assert_eq!(
            field(&"é".repeat(SHOWN_CHARS)).to_string(),
            "é".repeat(SHOWN_CHARS)
        );
    }
}
