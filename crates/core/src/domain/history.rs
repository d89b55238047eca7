//! History views computed from saved entries: grouping by the mentee's local day, and the daily
//! points and plain-words summary behind the week and month charts. Pure functions over slices, so
//! the store only has to fetch a date range.

use crate::i18n::Lang;
use chrono::{Duration, NaiveDate};

use super::{LocalStamp, MoodEntry, MoodLevel};

/// What a chart needs of a check-in: when, and how it felt. Lighter than a whole entry, so a year
/// of them loads quickly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoodPoint {
    pub at: LocalStamp,
    pub level: MoodLevel,
}

impl From<&MoodEntry> for MoodPoint {
    fn from(entry: &MoodEntry) -> Self {
        Self {
            at: entry.recorded_at,
            level: entry.level,
        }
    }
}

/// The entries of one local day, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct DayGroup {
    pub date: NaiveDate,
    pub entries: Vec<MoodEntry>,
}

/// Groups entries (given newest first) by the local day they were written on.
pub fn group_by_day(entries: Vec<MoodEntry>) -> Vec<DayGroup> {
    let mut groups: Vec<DayGroup> = Vec::new();
    for entry in entries {
        let date = entry.recorded_at.local_date();
        match groups.last_mut() {
            Some(group) if group.date == date => group.entries.push(entry),
            _ => groups.push(DayGroup {
                date,
                entries: vec![entry],
            }),
        }
    }
    groups
}

/// "Today", "Yesterday", or "Monday, November 16".
pub fn day_heading(lang: Lang, date: NaiveDate, today: NaiveDate) -> String {
    if date == today {
        crate::t!(lang, "day-today")
    } else if Some(date) == today.pred_opt() {
        crate::t!(lang, "day-yesterday")
    } else {
        super::time::long_date_in(lang, date, today)
    }
}

/// How far back a chart looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartRange {
    Week,
    Month,
}

impl ChartRange {
    pub fn days(self) -> u32 {
        match self {
            ChartRange::Week => 7,
            ChartRange::Month => 30,
        }
    }

    /// A stable name (never shown).
    pub fn label(self) -> &'static str {
        match self {
            ChartRange::Week => "Week",
            ChartRange::Month => "Month",
        }
    }

    /// The range's name as shown, in `lang`.
    pub fn words(self, lang: Lang) -> String {
        match self {
            ChartRange::Week => crate::t!(lang, "range-week"),
            ChartRange::Month => crate::t!(lang, "range-month"),
        }
    }

    /// The first local day the chart shows, when it ends on `today`.
    pub fn first_day(self, today: NaiveDate) -> NaiveDate {
        today - Duration::days(i64::from(self.days()) - 1)
    }
}

/// One day on a chart: the lowest and highest of its check-ins (so one really hard moment in a
/// good day still shows), and their average, if there were any.
#[derive(Debug, Clone, PartialEq)]
pub struct DayPoint {
    pub date: NaiveDate,
    pub average: Option<f32>,
    pub low: Option<u8>,
    pub high: Option<u8>,
    pub count: usize,
}

/// One point per day of the range ending `today`, oldest first.
pub fn chart_points(entries: &[MoodPoint], range: ChartRange, today: NaiveDate) -> Vec<DayPoint> {
    let first = range.first_day(today);
    let mut points: Vec<DayPoint> = first
        .iter_days()
        .take(range.days() as usize)
        .map(|date| DayPoint {
            date,
            average: None,
            low: None,
            high: None,
            count: 0,
        })
        .collect();
    let mut sums = vec![0u32; points.len()];
    for entry in entries {
        let offset = (entry.at.local_date() - first).num_days();
        let Ok(index) = usize::try_from(offset) else {
            continue;
        };
        if let Some(point) = points.get_mut(index) {
            let level = entry.level.value();
            point.count += 1;
            sums[index] += u32::from(level);
            point.low = Some(point.low.map_or(level, |low| low.min(level)));
            point.high = Some(point.high.map_or(level, |high| high.max(level)));
        }
    }
    for (point, sum) in points.iter_mut().zip(sums) {
        if point.count > 0 {
            point.average = Some(sum as f32 / point.count as f32);
        }
    }
    points
}

/// What a chart shows, in words a screen reader reads out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartSummary(pub String);

/// Describes the chart without judging: how many check-ins, on how many days, the spread and
/// the most common mood (English).
pub fn summarize(entries: &[MoodPoint], range: ChartRange, today: NaiveDate) -> ChartSummary {
    summarize_in(Lang::En, entries, range, today, None)
}

/// [`summarize`] in `lang`, about the mentee (`who` is `None`) or someone else: "Alex chose
/// “Good” most often." (mentor mode).
pub fn summarize_in(
    lang: Lang,
    entries: &[MoodPoint],
    range: ChartRange,
    today: NaiveDate,
    who: Option<&str>,
) -> ChartSummary {
    let first = range.first_day(today);
    let in_range: Vec<&MoodPoint> = entries
        .iter()
        .filter(|e| (first..=today).contains(&e.at.local_date()))
        .collect();
    let days_span: u32 = match range {
        ChartRange::Week => 7,
        ChartRange::Month => 30,
    };
    if in_range.is_empty() {
        return ChartSummary(crate::t!(lang, "chart-none", days = days_span));
    }
    let mut days: Vec<NaiveDate> = in_range.iter().map(|e| e.at.local_date()).collect();
    days.sort();
    days.dedup();
    let mut counts = [0usize; 5];
    for entry in &in_range {
        counts[usize::from(entry.level.value()) - 1] += 1;
    }
    // The most common level; on a tie, the higher one, so the summary never leans gloomier than the data.
    let most = (0..5).rev().max_by_key(|&i| counts[i]).unwrap_or(2);
    let common = MoodLevel::ALL[most].words(lang);
    let lowest = (0..5).find(|&i| counts[i] > 0).unwrap_or(most);
    let highest = (0..5).rev().find(|&i| counts[i] > 0).unwrap_or(most);
    let mut parts = vec![crate::t!(
        lang,
        "chart-counts",
        days = days_span,
        checkins = in_range.len(),
        daycount = days.len()
    )];
    if lowest != highest {
        parts.push(crate::t!(
            lang,
            "chart-spread",
            low = MoodLevel::ALL[lowest].words(lang),
            high = MoodLevel::ALL[highest].words(lang)
        ));
    }
    parts.push(match who {
        None => crate::t!(lang, "chart-you-chose", mood = common),
        Some(name) => crate::t!(lang, "chart-they-chose", name = name, mood = common),
    });
    ChartSummary(parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn entry(at: &str, level: u8) -> MoodEntry {
        let stamp = LocalStamp::from_datetime(DateTime::parse_from_rfc3339(at).unwrap());
        MoodEntry::new(MoodLevel::new(level).unwrap(), stamp)
    }

    fn points(entries: &[MoodEntry]) -> Vec<MoodPoint> {
        entries.iter().map(MoodPoint::from).collect()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn groups_follow_the_local_day_not_utc() {
        let entries = [
            entry("2026-11-20T23:50:00-08:00", 4), // already Nov 21 in UTC
            entry("2026-11-20T08:00:00-08:00", 2),
            entry("2026-11-19T12:00:00-08:00", 3),
        ];
        let groups = group_by_day(entries.to_vec());
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].date, day("2026-11-20"));
        assert_eq!(groups[0].entries.len(), 2);
        assert_eq!(groups[1].date, day("2026-11-19"));
    }

    #[test]
    fn headings_say_today_and_yesterday() {
        let today = day("2026-11-22");
        assert_eq!(day_heading(Lang::En, today, today), "Today");
        assert_eq!(day_heading(Lang::En, day("2026-11-21"), today), "Yesterday");
        assert_eq!(
            day_heading(Lang::En, day("2026-11-16"), today),
            "Monday, November 16"
        );
    }

    #[test]
    fn week_points_average_each_day_and_leave_gaps_empty() {
        let today = day("2026-11-22");
        let entries = [
            entry("2026-11-22T09:00:00+00:00", 5),
            entry("2026-11-22T18:00:00+00:00", 2),
            entry("2026-11-20T09:00:00+00:00", 3),
            entry("2026-11-10T09:00:00+00:00", 1), // outside the week
        ];
        let points = chart_points(&points(&entries), ChartRange::Week, today);
        assert_eq!(points.len(), 7);
        assert_eq!(points[0].date, day("2026-11-16"));
        assert_eq!(points[6].average, Some(3.5));
        assert_eq!(points[6].count, 2);
        assert_eq!((points[6].low, points[6].high), (Some(2), Some(5)));
        assert_eq!(points[4].average, Some(3.0));
        assert_eq!(points[5].average, None);
        assert_eq!(points.iter().map(|p| p.count).sum::<usize>(), 3);
    }

    #[test]
    fn summary_counts_without_judging() {
        let today = day("2026-11-22");
        let entries = [
            entry("2026-11-22T09:00:00+00:00", 4),
            entry("2026-11-21T09:00:00+00:00", 4),
            entry("2026-11-21T19:00:00+00:00", 2),
        ];
        assert_eq!(
            summarize(&points(&entries), ChartRange::Week, today).0,
            "In the last 7 days: 3 check-ins on 2 days. They went from “Not great” to “Good”. You chose “Good” most often."
        );
        assert_eq!(
            summarize(&[], ChartRange::Month, today).0,
            "No check-ins in the last 30 days yet."
        );
    }
}
