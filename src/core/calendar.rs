//! Dates, Chinese working days (法定节假日 and 调休 make-up days) and the period rules of
//! 民法典 第201–203条.
//!
//! Built-in holiday data comes from the maintained `chinese_holiday` crate (State Council
//! notices, 2004-01-01 to 2026-12-25). A date outside the covered range is an error, never a
//! weekends-only guess (a payment schedule shows such a due date as 待定, awaiting the year's
//! arrangement); the host adds further years at run time with
//! [`Calendar::add_holiday_cn_json`] or [`Calendar::add_year`].

use super::error::{Error, Problem, Result};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

pub use chrono::NaiveDate as Date;

/// First and last day of the built-in holiday data.
pub const BUILTIN_FIRST: (i32, u32, u32) = (2004, 1, 1);
pub const BUILTIN_LAST: (i32, u32, u32) = (2026, 12, 25);

fn builtin_range() -> (NaiveDate, NaiveDate) {
    let f = BUILTIN_FIRST;
    let l = BUILTIN_LAST;
    // Both are valid constant dates.
    (
        NaiveDate::from_ymd_opt(f.0, f.1, f.2).unwrap_or(NaiveDate::MIN),
        NaiveDate::from_ymd_opt(l.0, l.1, l.2).unwrap_or(NaiveDate::MIN),
    )
}

/// Whether counting is in calendar days or working days.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    #[default]
    Calendar,
    Working,
}

/// What happens to a deadline that falls on a rest day.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RestDayRule {
    /// 民法典 第203条: the deadline moves to the next working day (the default).
    #[default]
    NextWorkingDay,
    /// The parties agreed the date stands even on a rest day.
    Keep,
}

/// A computed deadline: the date, and the date before a rest-day move if there was one.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub date: NaiveDate,
    /// The date the counting gave before 第203条 moved it (equal to `date` if not moved).
    pub unadjusted: NaiveDate,
}

impl Deadline {
    pub fn moved(&self) -> bool {
        self.date != self.unadjusted
    }
}

/// The working-day calendar: built-in data plus whatever the host added.
///
/// Days are precomputed into a table with running counts of working days and the position of
/// every working day, so "N working days after" and "working days between" are a lookup and
/// a subtraction.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Host-supplied special days: date → (is it a working day, the year whose arrangement
    /// listed it). Overrides built-in data.
    extra: BTreeMap<NaiveDate, (bool, i32)>,
    /// Years for which the host supplied the complete arrangement.
    extra_years: BTreeSet<i32>,
    table: DayTable,
}

/// Day `i` of the table is `first + i`.
#[derive(Debug, Clone)]
struct DayTable {
    first: NaiveDate,
    /// Working days in `[first, first + i]`. Uncovered days count as not working.
    working_upto: Vec<u32>,
    /// Uncovered days in `[first, first + i]` (gaps between host-added years).
    uncovered_upto: Vec<u32>,
    /// Table position of each working day in order: the `k`th working day of the table
    /// (counting from 1) is at `working_days[k - 1]`.
    working_days: Vec<u32>,
}

impl Default for Calendar {
    /// The built-in calendar. Its table is computed once per program and cloned after that.
    fn default() -> Self {
        static BUILTIN: OnceLock<DayTable> = OnceLock::new();
        let table = BUILTIN
            .get_or_init(|| {
                let mut cal = Calendar {
                    extra: BTreeMap::new(),
                    extra_years: BTreeSet::new(),
                    table: DayTable {
                        first: builtin_range().0,
                        working_upto: Vec::new(),
                        uncovered_upto: Vec::new(),
                        working_days: Vec::new(),
                    },
                };
                cal.rebuild();
                cal.table
            })
            .clone();
        Calendar {
            extra: BTreeMap::new(),
            extra_years: BTreeSet::new(),
            table,
        }
    }
}

/// One day of a holiday-cn style JSON file. Any other key is refused (a misspelt
/// `isOffDay` must not pass unnoticed).
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayCnDay {
    /// The holiday's name (元旦, 春节 …): allowed, not used.
    #[serde(default)]
    #[cfg_attr(feature = "npm", tsify(optional))]
    pub name: Option<String>,
    pub date: String,
    /// `true` for a holiday, `false` for a 调休 working day.
    #[serde(rename = "isOffDay")]
    pub is_off_day: bool,
}

/// One year of holiday data in the holiday-cn JSON format: the year's complete official
/// arrangement (see [`Calendar::add_year`]). The file's `$schema`, `$id` and `papers` (the
/// State Council notices) are allowed and not used; any other key is refused.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayCnYear {
    #[serde(default, rename = "$schema")]
    #[cfg_attr(feature = "npm", tsify(optional))]
    pub schema: Option<String>,
    #[serde(default, rename = "$id")]
    #[cfg_attr(feature = "npm", tsify(optional))]
    pub id: Option<String>,
    pub year: i32,
    /// The notices the arrangement comes from (addresses).
    #[serde(default)]
    #[cfg_attr(feature = "npm", tsify(optional))]
    pub papers: Option<Vec<String>>,
    pub days: Vec<HolidayCnDay>,
}

impl Calendar {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add one year's complete official arrangement: the listed days override the weekday
    /// rule (`true` = a working day such as a 调休 Saturday, `false` = a holiday); every day
    /// not listed follows the weekday rule. The whole year then counts as covered.
    ///
    /// It replaces what the calendar had for that year: the built-in data if the year is
    /// built in (or partly, as 2026), or the arrangement added before for the same year.
    /// Days of December of the year before may be listed too (the 元旦 调休 can fall there,
    /// e.g. 2018-12-29 worked and 12-31 off for 2019). Adding the year after the built-in data
    /// covers the built-in data's last days (2026-12-26 … 31).
    pub fn add_year(&mut self, year: i32, special_days: &[(NaiveDate, bool)]) -> Result<()> {
        if !(2000..=2100).contains(&year) {
            return Err(Error::new(
                "year",
                Problem::OutOfRange {
                    min: "2000".into(),
                    max: "2100".into(),
                },
            ));
        }
        for (i, (d, _)) in special_days.iter().enumerate() {
            let december_before = d.year() == year - 1 && d.month() == 12;
            if d.year() != year && !december_before {
                return Err(Error::rule(
                    format!("days.{i}.date"),
                    format!("{d}不属于{year}年（也不是{}年12月的调休）", year - 1),
                    format!("{d} is not in {year} (nor in December {})", year - 1),
                ));
            }
        }
        // Replace: forget what an earlier arrangement of this year listed.
        self.extra.retain(|_, (_, from)| *from != year);
        for &(d, working) in special_days {
            self.extra.insert(d, (working, year));
        }
        self.extra_years.insert(year);
        self.rebuild();
        Ok(())
    }

    /// Add a year in the holiday-cn JSON format:
    /// `{"year":2027,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}, …]}`.
    pub fn add_holiday_cn_json(&mut self, json: &str) -> Result<i32> {
        let parsed: HolidayCnYear = serde_json::from_str(json).map_err(|e| {
            Error::rule(
                "holidays",
                format!("节假日数据格式错误：{e}"),
                format!("Holiday data is not valid: {e}"),
            )
        })?;
        let mut days = Vec::with_capacity(parsed.days.len());
        for (i, day) in parsed.days.iter().enumerate() {
            let d = parse_date(&day.date)
                .map_err(|p| Error::new(format!("holidays.days.{i}.date"), p))?;
            days.push((d, !day.is_off_day));
        }
        self.add_year(parsed.year, &days)?;
        Ok(parsed.year)
    }

    /// Describe the covered range for error messages.
    pub fn coverage(&self) -> String {
        let (first, last) = builtin_range();
        let last = if self.extra_years.contains(&(last.year() + 1)) {
            NaiveDate::from_ymd_opt(last.year(), 12, 31).unwrap_or(last)
        } else {
            last
        };
        let mut s = format!("{first} – {last}");
        for y in &self.extra_years {
            s.push_str(&format!(", {y}"));
        }
        s
    }

    fn is_covered(&self, d: NaiveDate) -> bool {
        builtin_covers(d) || self.extra_years.contains(&d.year()) || self.closes_builtin_gap(d)
    }

    /// The built-in data ends on 12-25 (the next year's 元旦 调休 may fall after it): the rest of
    /// that December is covered once the next year's arrangement is added, which lists any such
    /// 调休. Those days follow the weekday rule otherwise.
    fn closes_builtin_gap(&self, d: NaiveDate) -> bool {
        let (_, last) = builtin_range();
        d > last && d.year() == last.year() && self.extra_years.contains(&(d.year() + 1))
    }

    /// Working day by the data, for a covered date.
    fn lookup(&self, d: NaiveDate) -> bool {
        if let Some(&(working, _)) = self.extra.get(&d) {
            return working;
        }
        if self.extra_years.contains(&d.year()) || !builtin_covers(d) {
            return !is_weekend(d);
        }
        let ymd = chinese_holiday::Ymd::new(d.year() as u16, d.month() as u8, d.day() as u8);
        chinese_holiday::chinese_holiday(ymd).is_workday()
    }

    fn rebuild(&mut self) {
        let (builtin_first, builtin_last) = builtin_range();
        // From the earliest covered year (a host may add years before the built-in data).
        let first = self
            .extra_years
            .first()
            .and_then(|y| NaiveDate::from_ymd_opt(*y, 1, 1))
            .map_or(builtin_first, |d| d.min(builtin_first));
        let last = self
            .extra_years
            .last()
            .and_then(|y| NaiveDate::from_ymd_opt(*y, 12, 31))
            .map_or(builtin_last, |d| d.max(builtin_last));
        let len = (last - first).num_days().max(0) as usize + 1;
        let mut working_upto = Vec::with_capacity(len);
        let mut uncovered_upto = Vec::with_capacity(len);
        let mut working_days = Vec::with_capacity(len);
        let (mut w, mut u) = (0u32, 0u32);
        let mut day = first;
        for i in 0..len {
            if self.is_covered(day) {
                if self.lookup(day) {
                    w += 1;
                    working_days.push(i as u32);
                }
            } else {
                u += 1;
            }
            working_upto.push(w);
            uncovered_upto.push(u);
            day = day.succ_opt().unwrap_or(day);
        }
        self.table = DayTable {
            first,
            working_upto,
            uncovered_upto,
            working_days,
        };
    }

    fn not_covered(&self, d: NaiveDate) -> Error {
        Error::new(
            "date",
            Problem::DateNotCovered {
                date: d,
                covered: self.coverage(),
            },
        )
    }

    /// Table index of a covered date. (From day numbers and the table's count of uncovered
    /// days: cheaper than subtracting dates and looking up the coverage, for every due date.)
    fn index(&self, d: NaiveDate) -> Result<usize> {
        let i = i64::from(d.num_days_from_ce()) - i64::from(self.table.first.num_days_from_ce());
        match usize::try_from(i) {
            Ok(i) if i < self.table.working_upto.len() && self.covered_at(i) => Ok(i),
            _ => Err(self.not_covered(d)),
        }
    }

    /// Whether table position `i` is covered (the same answer as [`Calendar::is_covered`],
    /// read from the running count of uncovered days).
    fn covered_at(&self, i: usize) -> bool {
        let u = &self.table.uncovered_upto;
        u[i] == if i == 0 { 0 } else { u[i - 1] }
    }

    fn date_at(&self, i: usize) -> NaiveDate {
        self.table.first + Days::new(i as u64)
    }

    /// Error if any day in table positions `(from, to]` is not covered.
    fn check_span(&self, from: usize, to: usize) -> Result<()> {
        let u = &self.table.uncovered_upto;
        if u[to] > u[from] {
            let gap = (from + 1..=to).find(|&i| u[i] > u[i - 1]).unwrap_or(to);
            return Err(self.not_covered(self.date_at(gap)));
        }
        Ok(())
    }

    /// Is `d` a working day? Weekends are rest days unless a 调休 makes them working days;
    /// statutory holidays are rest days. Errors outside the covered years.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool> {
        let i = self.index(d)?;
        let before = if i == 0 {
            0
        } else {
            self.table.working_upto[i - 1]
        };
        Ok(self.table.working_upto[i] > before)
    }

    /// `d` itself if it is a working day, else the next working day (民法典 第203条).
    pub fn next_working_day_on_or_after(&self, d: NaiveDate) -> Result<NaiveDate> {
        let mut day = d;
        while !self.is_working_day(day)? {
            day = add_days(day, 1)?;
        }
        Ok(day)
    }

    /// "N个工作日内": the Nth working day after `start` (the start day is not counted,
    /// 第201条). `n = 0` gives `start`.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate> {
        if n == 0 {
            return Ok(start);
        }
        let s = self.index(start)?;
        // The answer is the table's `target`th working day: `n` more than up to `start`.
        let target = self.table.working_upto[s].saturating_add(n) as usize;
        let Some(&j) = self.table.working_days.get(target - 1) else {
            // Past the data: name the first day it lacks, a gap after `start` if there is one.
            let len = self.table.working_upto.len();
            self.check_span(s, len - 1)?;
            return Err(self.not_covered(self.date_at(len)));
        };
        let j = j as usize;
        self.check_span(s, j)?;
        // From `start` rather than from the table's first day: usually within the same year,
        // which is chrono's fast path.
        add_days(start, (j - s) as i64)
    }

    /// Working days in `(start, end]`: the inverse of [`Calendar::add_working_days`].
    pub fn count_working_days(&self, start: NaiveDate, end: NaiveDate) -> Result<u32> {
        if end < start {
            return Err(Error::new(
                "end",
                Problem::DateOrder {
                    zh: format!("结束日{}早于开始日{}", date_zh(end), date_zh(start)),
                    en: format!("the end {end} is before the start {start}"),
                },
            ));
        }
        let (s, e) = (self.index(start)?, self.index(end)?);
        self.check_span(s, e)?;
        Ok(self.table.working_upto[e] - self.table.working_upto[s])
    }

    /// The deadline `n` calendar or working days after `start` (start day not counted), moved
    /// to the next working day if it falls on a rest day and the rule says so.
    pub fn deadline_after(
        &self,
        start: NaiveDate,
        n: u32,
        kind: DayKind,
        rule: RestDayRule,
    ) -> Result<Deadline> {
        let unadjusted = match kind {
            DayKind::Calendar => add_days(start, i64::from(n))?,
            // The Nth working day (N ≥ 1) is a working day: no rest-day move to look for.
            DayKind::Working if n > 0 => {
                let date = self.add_working_days(start, n)?;
                return Ok(Deadline {
                    date,
                    unadjusted: date,
                });
            }
            DayKind::Working => start,
        };
        self.adjust(unadjusted, rule)
    }

    /// Apply the rest-day rule to a date.
    pub fn adjust(&self, unadjusted: NaiveDate, rule: RestDayRule) -> Result<Deadline> {
        let date = match rule {
            RestDayRule::NextWorkingDay => self.next_working_day_on_or_after(unadjusted)?,
            RestDayRule::Keep => unadjusted,
        };
        Ok(Deadline { date, unadjusted })
    }
}

fn builtin_covers(d: NaiveDate) -> bool {
    let (first, last) = builtin_range();
    first <= d && d <= last
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The positions of `dates` in date order, equal dates in their given order. (A sort of
/// (date, position) pairs: one sort in the wasm for every caller.)
pub fn date_order(dates: impl Iterator<Item = NaiveDate>) -> Vec<usize> {
    let mut keyed: Vec<(NaiveDate, usize)> = dates.enumerate().map(|(i, d)| (d, i)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// For a day after the built-in holiday data: the year whose official arrangement, once
/// published, decides whether it is a working day. That is its own year, except for the last
/// days of December right after the data ends, which the next year's arrangement settles (its
/// 元旦 调休 may fall there). `None` for a day within or before the built-in data.
pub fn awaited_year(d: NaiveDate) -> Option<i32> {
    let (_, last) = builtin_range();
    if d <= last {
        None
    } else if d.year() == last.year() {
        Some(d.year() + 1)
    } else {
        Some(d.year())
    }
}

/// One due date: the date and the date before a rest-day move (`None` while a milestone
/// date is unknown), or the year whose holiday arrangement it waits for.
#[derive(Clone, Copy)]
pub(crate) struct Due {
    pub date: Option<NaiveDate>,
    pub unadjusted: Option<NaiveDate>,
    pub awaiting_holidays: Option<i32>,
}

pub(crate) const UNKNOWN: Due = Due {
    date: None,
    unadjusted: None,
    awaiting_holidays: None,
};

/// A computed deadline as a due date. A deadline that runs into days after the built-in
/// holiday data waits for that year's arrangement instead; other errors (a date before the
/// data: a typing error, most likely) stay errors.
pub(crate) fn settle(deadline: Result<Deadline>) -> Result<Due> {
    let e = match deadline {
        Ok(d) => {
            return Ok(Due {
                date: Some(d.date),
                unadjusted: Some(d.unadjusted),
                awaiting_holidays: None,
            })
        }
        Err(e) => e,
    };
    let awaited = match &e.problem {
        Problem::DateNotCovered { date, .. } => awaited_year(*date),
        _ => None,
    };
    match awaited {
        Some(year) => Ok(Due {
            awaiting_holidays: Some(year),
            ..UNKNOWN
        }),
        None => Err(e),
    }
}

/// `d + n` days, or an error if that leaves the supported date range.
pub fn add_days(d: NaiveDate, n: i64) -> Result<NaiveDate> {
    let r = if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    };
    r.ok_or_else(|| Error::new("date", Problem::Overflow))
}

/// `d + n` months with month-end clamping: Jan 31 + 1 month = Feb 28 (or 29 in a leap year).
pub fn add_months(d: NaiveDate, n: u32) -> Result<NaiveDate> {
    d.checked_add_months(Months::new(n))
        .ok_or_else(|| Error::new("date", Problem::Overflow))
}

/// The last day of a term of `months` months that starts on, and counts, `start`
/// (“自2025年9月26日起，为期一年” ends 2026-09-25): the day before the same day `months` later,
/// or, when that month has no such day, its last day (民法典 第202条: 2024-02-29 for two years
/// ends 2026-02-28; 01-31 for one month ends 02-28). An error for a term of no months.
pub fn term_end(start: NaiveDate, months: u32) -> Result<NaiveDate> {
    if months == 0 {
        return Err(Error::new(
            "months",
            Problem::OutOfRange {
                min: "1".into(),
                max: "∞".into(),
            },
        ));
    }
    let same_day = add_months(start, months)?;
    if same_day.day() == start.day() {
        add_days(same_day, -1)
    } else {
        // Clamped to the month's end: there is no corresponding day.
        Ok(same_day)
    }
}

/// Number of days in the month of `d`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = first.and_then(|f| f.checked_add_months(Months::new(1)));
    match (first, next) {
        (Some(f), Some(n)) => (n - f).num_days() as u32,
        _ => 30,
    }
}

/// "每月D日前": the last permitted day in the given month. `inclusive` = by the end of day D
/// (D日前含D日); otherwise the day before D. D is clamped to the month's length
/// (每月31日 in February = Feb 28/29).
pub fn monthly_due_date(year: i32, month: u32, day: u32, inclusive: bool) -> Result<NaiveDate> {
    if !(1..=31).contains(&day) {
        return Err(Error::new(
            "day",
            Problem::OutOfRange {
                min: "1".into(),
                max: "31".into(),
            },
        ));
    }
    let clamped = day.min(days_in_month(year, month));
    let d = NaiveDate::from_ymd_opt(year, month, clamped).ok_or_else(|| {
        Error::new(
            "month",
            Problem::InvalidDate {
                text: format!("{year}-{month}-{clamped}"),
            },
        )
    })?;
    if inclusive {
        Ok(d)
    } else {
        add_days(d, -1)
    }
}

/// Parse a date as typed: `2025-01-31`, `2025/1/31`, `2025.1.31`, `2025年1月31日`,
/// full-width digits.
pub fn parse_date(text: &str) -> std::result::Result<NaiveDate, Problem> {
    let normalized = super::money::normalize(text);
    if normalized.is_empty() {
        return Err(Problem::Empty);
    }
    let invalid = || Problem::InvalidDate {
        text: text.trim().to_string(),
    };
    let unified: String = normalized
        .trim_end_matches('日')
        .trim_end_matches('号')
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' => '-',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = unified.split('-').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return Err(invalid());
    }
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse::<u32>().ok()).collect();
    let nums = nums.ok_or_else(invalid)?;
    if parts[0].len() != 4 {
        return Err(invalid());
    }
    NaiveDate::from_ymd_opt(nums[0] as i32, nums[1], nums[2]).ok_or_else(invalid)
}

/// A date in Chinese: `2025年10月10日`.
pub fn date_zh(d: NaiveDate) -> String {
    let mut out = String::with_capacity(17);
    push_date_zh(&mut out, d);
    out
}

/// [`date_zh`], appended to `out` (the rows of a fee table, on every keystroke).
pub fn push_date_zh(out: &mut String, d: NaiveDate) {
    use crate::core::words::push_number;
    if d.year() < 0 {
        out.push('-');
    }
    push_number(out, u64::from(d.year().unsigned_abs()));
    out.push('年');
    push_number(out, u64::from(d.month()));
    out.push('月');
    push_number(out, u64::from(d.day()));
    out.push('日');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::d;

    #[test]
    fn a_term_ends_the_day_before_its_anniversary_or_on_the_month_end() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(term_end(d(2025, 9, 26), 12).unwrap(), d(2026, 9, 25));
        assert_eq!(term_end(d(2025, 7, 1), 12).unwrap(), d(2026, 6, 30));
        assert_eq!(term_end(d(2025, 1, 1), 1).unwrap(), d(2025, 1, 31));
        assert_eq!(term_end(d(2024, 2, 29), 24).unwrap(), d(2026, 2, 28));
        assert_eq!(term_end(d(2024, 2, 29), 48).unwrap(), d(2028, 2, 28));
        assert_eq!(term_end(d(2025, 1, 31), 1).unwrap(), d(2025, 2, 28));
        assert_eq!(term_end(d(2025, 1, 30), 1).unwrap(), d(2025, 2, 28));
        assert_eq!(term_end(d(2025, 1, 28), 1).unwrap(), d(2025, 2, 27));
        assert_eq!(term_end(d(2025, 3, 31), 1).unwrap(), d(2025, 4, 30));
        assert_eq!(term_end(d(2025, 12, 31), 2).unwrap(), d(2026, 2, 28));
        assert!(term_end(d(2025, 1, 1), 0).is_err());
        assert!(term_end(NaiveDate::MAX, 1).is_err());
    }

    #[test]
    fn five_working_days_after_national_day_eve() {
        // Friday 2025-09-26; Sunday 09-28 is a make-up working day; 10-01…10-08 holidays;
        // Saturday 10-11 is a make-up working day.
        let cal = Calendar::new();
        assert!(cal.is_working_day(d(2025, 9, 28)).unwrap());
        assert!(!cal.is_working_day(d(2025, 10, 8)).unwrap());
        assert_eq!(
            cal.add_working_days(d(2025, 9, 26), 5).unwrap(),
            d(2025, 10, 10)
        );
        assert_eq!(
            cal.count_working_days(d(2025, 9, 26), d(2025, 10, 10))
                .unwrap(),
            5
        );
    }

    #[test]
    fn uncovered_dates_are_errors() {
        let cal = Calendar::new();
        let err = cal.is_working_day(d(2027, 3, 1)).unwrap_err();
        assert!(matches!(err.problem, Problem::DateNotCovered { .. }));
        assert!(cal.is_working_day(d(2003, 12, 31)).is_err());
        assert!(cal.is_working_day(d(2026, 12, 28)).is_err());
    }

    #[test]
    fn host_can_add_a_year_before_the_builtin_data() {
        let mut cal = Calendar::new();
        assert!(cal.is_working_day(d(2002, 1, 2)).is_err());
        cal.add_year(2002, &[(d(2002, 1, 1), false), (d(2002, 1, 5), true)])
            .unwrap();
        assert!(!cal.is_working_day(d(2002, 1, 1)).unwrap());
        assert!(cal.is_working_day(d(2002, 1, 2)).unwrap());
        assert!(cal.is_working_day(d(2002, 1, 5)).unwrap()); // a Saturday made a working day
        assert!(!cal.is_working_day(d(2002, 1, 6)).unwrap());
        assert_eq!(
            cal.add_working_days(d(2002, 1, 4), 2).unwrap(),
            d(2002, 1, 7)
        );
        // 2001 and 2003 stay uncovered; the built-in data still reads the same.
        assert!(cal.is_working_day(d(2001, 12, 31)).is_err());
        assert!(cal.is_working_day(d(2003, 6, 2)).is_err());
        assert!(cal
            .count_working_days(d(2002, 12, 30), d(2004, 1, 5))
            .is_err());
        assert_eq!(
            cal.count_working_days(d(2025, 9, 26), d(2025, 10, 10))
                .unwrap(),
            Calendar::new()
                .count_working_days(d(2025, 9, 26), d(2025, 10, 10))
                .unwrap()
        );
        assert!(cal.coverage().contains("2002"));
    }

    #[test]
    fn host_can_add_a_year() {
        let mut cal = Calendar::new();
        let json = r#"{"year":2027,"days":[
            {"name":"元旦","date":"2027-01-01","isOffDay":true},
            {"name":"春节","date":"2027-02-20","isOffDay":false}]}"#;
        assert_eq!(cal.add_holiday_cn_json(json).unwrap(), 2027);
        assert!(!cal.is_working_day(d(2027, 1, 1)).unwrap());
        assert!(cal.is_working_day(d(2027, 2, 20)).unwrap()); // a Saturday made a working day
        assert!(cal.is_working_day(d(2027, 3, 1)).unwrap());
        assert!(cal.add_holiday_cn_json("{not json").is_err());
        // 2026-12-26…31 (after the built-in data's 12-25) are covered now that 2027 is added.
        assert!(cal.is_working_day(d(2026, 12, 28)).unwrap()); // a Monday
        assert!(!cal.is_working_day(d(2026, 12, 26)).unwrap()); // a Saturday
        assert_eq!(
            cal.add_working_days(d(2026, 12, 20), 10).unwrap(),
            d(2027, 1, 4) // 12-21…25, 12-28…31, then 01-01 is 元旦
        );
        assert_eq!(
            cal.count_working_days(d(2026, 12, 1), d(2027, 1, 5))
                .unwrap(),
            24
        );
        assert!(cal.coverage().starts_with("2004-01-01 – 2026-12-31"));
        assert_eq!(
            cal.add_working_days(d(2027, 2, 18), 2).unwrap(),
            d(2027, 2, 20)
        );
        // Without 2027 they stay uncovered: spans across the gap are errors.
        let builtin = Calendar::new();
        let err = builtin.add_working_days(d(2026, 12, 20), 10).unwrap_err();
        assert_eq!(
            err.problem,
            Problem::DateNotCovered {
                date: d(2026, 12, 26),
                covered: builtin.coverage()
            }
        );
        assert!(builtin.is_working_day(d(2026, 12, 28)).is_err());
    }

    #[test]
    fn the_next_years_data_may_list_late_december() {
        // As for 2019's 元旦: 2018-12-29 (a Saturday) worked, 12-30 and 12-31 off.
        let mut cal = Calendar::new();
        cal.add_year(
            2027,
            &[
                (d(2026, 12, 26), true),
                (d(2026, 12, 31), false),
                (d(2027, 1, 1), false),
            ],
        )
        .unwrap();
        assert!(cal.is_working_day(d(2026, 12, 26)).unwrap());
        assert!(!cal.is_working_day(d(2026, 12, 31)).unwrap());
        assert!(cal.is_working_day(d(2026, 12, 30)).unwrap());
        assert_eq!(
            cal.add_working_days(d(2026, 12, 30), 1).unwrap(),
            d(2027, 1, 4)
        );
        // Only December of the year before.
        let err = cal.add_year(2027, &[(d(2026, 11, 30), false)]).unwrap_err();
        assert_eq!(err.field, "days.0.date");
        assert!(cal.add_year(2027, &[(d(2028, 1, 1), false)]).is_err());
    }

    #[test]
    fn adding_a_year_replaces_what_the_calendar_had_for_it() {
        // A built-in year: its holidays are gone, only the listed days differ from weekdays.
        let mut cal = Calendar::new();
        assert!(!cal.is_working_day(d(2025, 10, 2)).unwrap());
        cal.add_year(2025, &[(d(2025, 10, 1), false)]).unwrap();
        assert!(!cal.is_working_day(d(2025, 10, 1)).unwrap());
        assert!(cal.is_working_day(d(2025, 10, 2)).unwrap());
        assert!(!cal.is_working_day(d(2025, 9, 28)).unwrap()); // a Sunday, no longer 调休
                                                               // A year added before: the new arrangement replaces the old one entirely.
        cal.add_year(2027, &[(d(2027, 1, 1), false), (d(2026, 12, 31), false)])
            .unwrap();
        assert!(!cal.is_working_day(d(2027, 1, 1)).unwrap());
        cal.add_year(2027, &[(d(2027, 2, 8), false)]).unwrap();
        assert!(cal.is_working_day(d(2027, 1, 1)).unwrap());
        assert!(cal.is_working_day(d(2026, 12, 31)).unwrap());
        assert!(!cal.is_working_day(d(2027, 2, 8)).unwrap());
    }

    #[test]
    fn rest_day_deadline_moves() {
        let cal = Calendar::new();
        // 2025-09-26 + 5 calendar days = 10-01 (National Day) → 10-09.
        let dl = cal
            .deadline_after(
                d(2025, 9, 26),
                5,
                DayKind::Calendar,
                RestDayRule::NextWorkingDay,
            )
            .unwrap();
        assert_eq!(dl.unadjusted, d(2025, 10, 1));
        assert_eq!(dl.date, d(2025, 10, 9));
        assert!(dl.moved());
        let kept = cal
            .deadline_after(d(2025, 9, 26), 5, DayKind::Calendar, RestDayRule::Keep)
            .unwrap();
        assert_eq!(kept.date, d(2025, 10, 1));
    }

    #[test]
    fn month_end_clamping_and_monthly_days() {
        assert_eq!(add_months(d(2025, 1, 31), 1).unwrap(), d(2025, 2, 28));
        assert_eq!(add_months(d(2024, 1, 31), 1).unwrap(), d(2024, 2, 29));
        assert_eq!(monthly_due_date(2025, 2, 31, true).unwrap(), d(2025, 2, 28));
        assert_eq!(monthly_due_date(2025, 3, 10, true).unwrap(), d(2025, 3, 10));
        assert_eq!(monthly_due_date(2025, 3, 10, false).unwrap(), d(2025, 3, 9));
        assert!(monthly_due_date(2025, 3, 0, true).is_err());
        assert_eq!(days_in_month(2024, 2), 29);
    }

    #[test]
    fn parses_dates() {
        assert_eq!(parse_date("2025-01-31").unwrap(), d(2025, 1, 31));
        assert_eq!(parse_date("2025/1/31").unwrap(), d(2025, 1, 31));
        assert_eq!(parse_date("２０２５年１月３１日").unwrap(), d(2025, 1, 31));
        assert!(parse_date("2025-02-30").is_err());
        assert!(parse_date("tomorrow").is_err());
        assert_eq!(parse_date(" "), Err(Problem::Empty));
    }
}
