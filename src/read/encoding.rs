//! Text that is not UTF-8: `--encoding NAME` (a WHATWG label, as browsers know them:
//! windows-1252, latin1, iso-8859-15, shift_jis, utf-16, ...) decodes it through encoding_rs, and
//! UTF-16 is recognised by its byte-order mark without the flag. Plain UTF-8 input is not
//! touched, so it costs nothing.

use std::io::Read;

use encoding_rs::{Encoding, UTF_8};
use encoding_rs_io::DecodeReaderBytesBuilder;

/// The encoding a `--encoding` value names.
pub fn parse_label(name: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(name.trim().as_bytes()).ok_or_else(|| {
        format!(
            "unknown encoding `{}`: use a WHATWG label such as windows-1252, latin1, \
             iso-8859-15, utf-16, utf-16be, shift_jis or gb18030",
            name.escape_debug()
        )
    })
}

/// The encoding to decode the input from, when it needs decoding: an encoding given, or a
/// UTF-16 byte-order mark at the start (`head`); with a note saying so. `None` to read the
/// bytes as they are (UTF-8, or no encoding given).
pub fn needed(
    head: &[u8],
    given: Option<&'static Encoding>,
) -> Option<(&'static Encoding, String)> {
    let from_bom = Encoding::for_bom(head).map(|(e, _)| e);
    let (encoding, how) = match (given, from_bom) {
        // A byte-order mark tells more than a guess; UTF-8 needs no decoding.
        (_, Some(bom)) if bom != UTF_8 => (bom, "by its byte-order mark"),
        (Some(given), _) if given != UTF_8 => (given, "from --encoding"),
        _ => return None,
    };
    Some((
        encoding,
        format!("decoded from {} ({how})", encoding.name()),
    ))
}

/// The stream decoded to UTF-8, its byte-order mark removed. Bytes that do not belong to the
/// encoding become U+FFFD.
pub fn decode(stream: Box<dyn Read + Send>, encoding: &'static Encoding) -> Box<dyn Read + Send> {
    Box::new(
        DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding))
            .bom_override(true)
            .strip_bom(true)
            .build(stream),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn decode(bytes: &[u8], given: Option<&'static Encoding>) -> Option<String> {
        let stream: Box<dyn Read + Send> = Box::new(Cursor::new(bytes.to_vec()));
        let (encoding, _) = needed(bytes, given)?;
        let mut stream = super::decode(stream, encoding);
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        Some(text)
    }

    #[test]
    fn labels_boms_and_plain_utf8() {
        let latin1 = parse_label("latin1").unwrap();
        assert_eq!(latin1.name(), "windows-1252");
        assert_eq!(parse_label(" UTF-16 ").unwrap().name(), "UTF-16LE");
        assert!(parse_label("klingon").unwrap_err().contains("windows-1252"));
        assert_eq!(decode(b"Bj\xf6rn", Some(latin1)).as_deref(), Some("Björn"));
        assert_eq!(
            decode(b"\xff\xfeB\0j\0\xf6\0", None).as_deref(),
            Some("Bjö")
        );
        assert_eq!(
            decode(b"\xfe\xff\0B\0j\0\xf6", Some(latin1)).as_deref(),
            Some("Bjö")
        );
        assert_eq!(decode("Björn".as_bytes(), None), None);
        assert_eq!(decode("Björn".as_bytes(), Some(UTF_8)), None);
    }
}
