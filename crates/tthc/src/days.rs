//! Exact numbers of working days.
//!
//! Decisions print allotments such as `0,5`, `1/4` and `10,5` working days. They are
//! kept as reduced fractions of `i64` so that sums and comparisons are exact: a
//! floating-point `0.1 + 0.2` would make a correct catalogue fail its own checks.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, AddAssign};

/// A non-negative exact number of working days, always stored in lowest terms.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Days {
    num: i64,
    den: i64,
}

/// Why a written number of days could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DaysError {
    /// The text is not a number of the accepted forms.
    Malformed,
    /// A fraction with zero below the bar, such as `1/0`.
    ZeroDenominator,
    /// The number does not fit the exact representation.
    TooLarge,
}

impl Days {
    /// Zero days.
    pub const ZERO: Days = Days { num: 0, den: 1 };

    /// `num / den` days, reduced. Returns `None` when `den` is zero or the value is negative.
    pub fn new(num: i64, den: i64) -> Option<Days> {
        if den == 0 || (num < 0) != (den < 0) && num != 0 {
            return None;
        }
        let (num, den) = (num.abs(), den.abs());
        let g = gcd(num, den).max(1);
        Some(Days {
            num: num / g,
            den: den / g,
        })
    }

    /// A whole number of days.
    pub fn whole(n: i64) -> Days {
        Days { num: n, den: 1 }
    }

    /// The numerator in lowest terms.
    pub fn numer(self) -> i64 {
        self.num
    }

    /// The denominator in lowest terms (always at least 1).
    pub fn denom(self) -> i64 {
        self.den
    }

    /// True for zero days.
    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    /// Reads the forms legal staff write: `2`, `03`, `0.5`, `0,5`, `10,5`, `1/4`.
    /// The value is exact: `0,1 + 0,2` is `0,3`, as the decision means.
    ///
    /// ```
    /// use tthc::days::Days;
    /// let half = Days::parse("0,5").unwrap();
    /// assert_eq!(half, Days::parse("1/2").unwrap());
    /// let sum = Days::parse("0,1").unwrap().checked_add(Days::parse("0.2").unwrap()).unwrap();
    /// assert_eq!(sum, Days::parse("0,3").unwrap());
    /// assert_eq!(Days::parse("10,5").unwrap().to_string(), "10.5");
    /// assert!(Days::parse("1/0").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Days, DaysError> {
        let text = text.trim();
        if let Some((a, b)) = text.split_once('/') {
            let num = parse_digits(a)?;
            let den = parse_digits(b)?;
            if den == 0 {
                return Err(DaysError::ZeroDenominator);
            }
            return Days::new(num, den).ok_or(DaysError::Malformed);
        }
        let (int, frac) = match text.split_once(['.', ',']) {
            Some((i, f)) => (i, f),
            None => (text, ""),
        };
        let int = parse_digits(int)?;
        if frac.is_empty() {
            if text.ends_with(['.', ',']) {
                return Err(DaysError::Malformed);
            }
            return Ok(Days::whole(int));
        }
        let frac_num = parse_digits(frac)?;
        let scale = 10i64
            .checked_pow(u32::try_from(frac.len()).map_err(|_| DaysError::TooLarge)?)
            .ok_or(DaysError::TooLarge)?;
        let num = int
            .checked_mul(scale)
            .and_then(|v| v.checked_add(frac_num))
            .ok_or(DaysError::TooLarge)?;
        Days::new(num, scale).ok_or(DaysError::Malformed)
    }

    /// Adds exactly, or `None` on overflow.
    pub fn checked_add(self, other: Days) -> Option<Days> {
        let g = gcd(self.den, other.den).max(1);
        let den = (self.den / g).checked_mul(other.den)?;
        let num = self
            .num
            .checked_mul(den / self.den)?
            .checked_add(other.num.checked_mul(den / other.den)?)?;
        Days::new(num, den)
    }

    /// This many days times `per_day` units (e.g. working minutes in a day), as an exact
    /// fraction `(numerator, denominator)` in lowest terms, or `None` on overflow.
    pub fn times(self, per_day: i64) -> Option<(i64, i64)> {
        let num = self.num.checked_mul(per_day)?;
        let g = gcd(num.abs(), self.den).max(1);
        Some((num / g, self.den / g))
    }
}

fn parse_digits(s: &str) -> Result<i64, DaysError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DaysError::Malformed);
    }
    s.parse::<i64>().map_err(|_| DaysError::TooLarge)
}

fn gcd(mut a: i64, mut b: i64) -> i64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

impl Add for Days {
    type Output = Days;
    /// Panics only on `i64` overflow, which catalogue values cannot reach; use
    /// [`Days::checked_add`] on untrusted input.
    fn add(self, other: Days) -> Days {
        self.checked_add(other).expect("Days overflow")
    }
}

impl AddAssign for Days {
    fn add_assign(&mut self, other: Days) {
        *self = *self + other;
    }
}

impl Ord for Days {
    fn cmp(&self, other: &Days) -> Ordering {
        (i128::from(self.num) * i128::from(other.den))
            .cmp(&(i128::from(other.num) * i128::from(self.den)))
    }
}

impl PartialOrd for Days {
    fn partial_cmp(&self, other: &Days) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Prints whole numbers as `3`, finite decimals as `0.5` / `10.25`, other fractions as `1/3`.
impl fmt::Display for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            return write!(f, "{}", self.num);
        }
        let mut d = self.den;
        let mut twos = 0u32;
        let mut fives = 0u32;
        while d % 2 == 0 {
            d /= 2;
            twos += 1;
        }
        while d % 5 == 0 {
            d /= 5;
            fives += 1;
        }
        if d != 1 {
            return write!(f, "{}/{}", self.num, self.den);
        }
        let places = twos.max(fives);
        let scale = 10i128.pow(places);
        let scaled = i128::from(self.num) * scale / i128::from(self.den);
        let int = scaled / scale;
        let frac = scaled % scale;
        write!(f, "{int}.{frac:0width$}", width = places as usize)
    }
}

impl serde::Serialize for Days {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_written_form() {
        let half = Days::new(1, 2).unwrap();
        assert_eq!(Days::parse("0.5"), Ok(half));
        assert_eq!(Days::parse("0,5"), Ok(half));
        assert_eq!(Days::parse("1/2"), Ok(half));
        assert_eq!(Days::parse("03"), Ok(Days::whole(3)));
        assert_eq!(Days::parse("10,5"), Ok(Days::new(21, 2).unwrap()));
        assert_eq!(Days::parse("1/4"), Ok(Days::new(1, 4).unwrap()));
        assert_eq!(Days::parse("1/0"), Err(DaysError::ZeroDenominator));
        assert_eq!(Days::parse("1,"), Err(DaysError::Malformed));
        assert_eq!(Days::parse("-1"), Err(DaysError::Malformed));
        assert_eq!(
            Days::parse("99999999999999999999"),
            Err(DaysError::TooLarge)
        );
    }

    #[test]
    fn sums_are_exact() {
        let tenth = Days::parse("0.1").unwrap();
        let fifth = Days::parse("0.2").unwrap();
        assert_eq!(tenth + fifth, Days::parse("0,3").unwrap());
        let q = Days::parse("1/4").unwrap();
        assert_eq!(q + q + Days::parse("1.5").unwrap(), Days::whole(2));
    }

    #[test]
    fn prints_readably() {
        assert_eq!(Days::parse("0,5").unwrap().to_string(), "0.5");
        assert_eq!(Days::parse("1/4").unwrap().to_string(), "0.25");
        assert_eq!(Days::parse("1/3").unwrap().to_string(), "1/3");
        assert_eq!(Days::parse("23,5").unwrap().to_string(), "23.5");
        assert_eq!(Days::whole(12).to_string(), "12");
    }

    #[test]
    fn converts_to_minutes_exactly() {
        assert_eq!(Days::parse("1/4").unwrap().times(480), Some((120, 1)));
        assert_eq!(Days::parse("1/3").unwrap().times(500), Some((500, 3)));
    }
}
