//! Exact decimals for output. Figures are carried as integer units of 10^-places and printed
//! without floating point, so every printed digit is exact, ties round to even, and a mean or a
//! share computed here equals the one a spreadsheet computes from the printed values.

/// `num / den` in units of 10^-places, rounded half to even; `None` when `den` is 0.
pub fn ratio(num: i64, den: i64, places: u8) -> Option<i64> {
    let scaled = i128::from(num) * 10i128.pow(u32::from(places));
    divide(scaled, i128::from(den))
}

/// `num / den` rounded half to even; `None` when `den` is 0.
pub fn divide(num: i128, den: i128) -> Option<i64> {
    if den == 0 {
        return None;
    }
    let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
    let (q, r) = (num.div_euclid(den), num.rem_euclid(den));
    let q = match (2 * r).cmp(&den) {
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal => q + (q & 1),
    };
    i64::try_from(q).ok()
}

/// The units of a score that already holds at most `places` decimals (VADER's rounded scores):
/// the nearest double to such a value, scaled, is within far less than half a unit of it.
pub fn units(x: f64, places: u8) -> i64 {
    (x * 10f64.powi(i32::from(places))).round() as i64
}

/// Writes `units` × 10^-places in plain decimal notation: `-4676, 4` is `-0.4676`.
pub fn write(out: &mut String, units: i64, places: u8) {
    let negative = units < 0;
    let magnitude = units.unsigned_abs();
    let scale = 10u64.pow(u32::from(places));
    if negative {
        out.push('-');
    }
    push_digits(out, magnitude / scale, 1);
    if places > 0 {
        out.push('.');
        push_digits(out, magnitude % scale, usize::from(places));
    }
}

/// Writes `n` with at least `width` digits, zero-padded.
fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut i = digits.len();
    while n > 0 || digits.len() - i < width {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(units: i64, places: u8) -> String {
        let mut out = String::new();
        write(&mut out, units, places);
        out
    }

    #[test]
    fn writes_plain_decimals() {
        assert_eq!(text(-4676, 4), "-0.4676");
        assert_eq!(text(4310, 4), "0.4310");
        assert_eq!(text(0, 4), "0.0000");
        assert_eq!(text(265, 1), "26.5");
        assert_eq!(text(12, 0), "12");
        assert_eq!(text(-120_000, 4), "-12.0000");
        assert_eq!(text(i64::MIN, 2), "-92233720368547758.08");
    }

    #[test]
    fn ratios_round_half_to_even() {
        assert_eq!(ratio(3, 5, 4), Some(6000));
        assert_eq!(ratio(2, 3, 4), Some(6667));
        assert_eq!(ratio(1, 8, 2), Some(12)); // 0.125 → 0.12
        assert_eq!(ratio(3, 8, 2), Some(38)); // 0.375 → 0.38
        assert_eq!(ratio(-1, 8, 2), Some(-12));
        assert_eq!(ratio(1, 0, 4), None);
        assert_eq!(divide(-11285, 2), Some(-5642));
    }

    #[test]
    fn units_of_rounded_scores_are_exact() {
        assert_eq!(units(0.4404, 4), 4404);
        assert_eq!(units(-0.3412, 4), -3412);
        assert_eq!(units(0.812, 3), 812);
        assert_eq!(units(1.0, 3), 1000);
    }
}
