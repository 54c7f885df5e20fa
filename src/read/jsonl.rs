//! JSON Lines input: one object per line, read as a table whose columns are the keys, in the
//! order they first appear. Strings are taken as they are, numbers and booleans as written,
//! null as empty, arrays and objects as their JSON text.

use serde_json::{Map, Value};

/// The objects as CSV bytes; or the line (1-based) that is not an object, with the message.
pub fn to_csv(bytes: &[u8]) -> Result<Vec<u8>, (usize, String)> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut rows: Vec<Map<String, Value>> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let object = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(object)) => object,
            Ok(_) => {
                return Err((
                    i + 1,
                    "not a JSON object: JSON Lines input needs one object per line".to_string(),
                ));
            }
            Err(e) => {
                return Err((
                    i + 1,
                    format!("not valid JSON ({e}): JSON Lines input needs one object per line"),
                ));
            }
        };
        for key in object.keys() {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
        rows.push(object);
    }
    let write_error = |e: csv::Error| (0, format!("cannot convert: {e}"));
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&keys).map_err(write_error)?;
    for row in &rows {
        let fields = keys.iter().map(|k| match row.get(k) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        });
        out.write_record(fields).map_err(write_error)?;
    }
    out.into_inner()
        .map_err(|e| (0, format!("cannot convert: {}", e.error())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_become_rows_under_the_union_of_their_keys() {
        let csv = to_csv(
            b"{\"date\":\"2022-02-01\",\"person\":\"Kim\",\"n\":3}\n\n{\"person\":\"Ann\",\"x\":null,\"tags\":[1]}\n",
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            "date,person,n,x,tags\n2022-02-01,Kim,3,,\n,Ann,,,[1]\n"
        );
        assert_eq!(to_csv(b"{\"a\":1}\n[1]\n").unwrap_err().0, 2);
        assert_eq!(to_csv(b"{\"a\":1\n").unwrap_err().0, 1);
    }
}
